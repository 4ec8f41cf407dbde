// Node-style timers on the Context's event loop (driven by the executor through EventLoop).
'use strict';
const host = require('lightning:host');

class Timeout {
  constructor(id, repeat) { this._id = id; this._repeat = repeat; }
  ref() { return this; }
  unref() { return this; }
  hasRef() { return true; }
  refresh() { return this; }
  close() { host.clearTimer(this._id); return this; }
  [Symbol.toPrimitive]() { return this._id; }
}

function schedule(fn, delay, args, repeat) {
  if (typeof fn !== 'function') {
    const err = new TypeError('The "callback" argument must be of type function. Received ' + (fn === null ? 'null' : typeof fn));
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  let ms = Number(delay);
  if (!(ms >= 1 && ms <= 2147483647)) ms = repeat === null ? 0 : 1;
  const call = () => fn(...args);
  return new Timeout(host.setTimer(call, repeat === null ? 0 : ms, repeat === true), repeat === true);
}

function clear(t) {
  if (t == null) return;
  const id = typeof t === 'object' ? t._id : Number(t);
  if (id !== undefined && !Number.isNaN(id)) host.clearTimer(id);
}

module.exports = {
  setTimeout: (fn, ms, ...args) => schedule(fn, ms, args, false),
  setInterval: (fn, ms, ...args) => schedule(fn, ms, args, true),
  setImmediate: (fn, ...args) => schedule(fn, 0, args, null),
  clearTimeout: clear,
  clearInterval: clear,
  clearImmediate: clear,
};
module.exports.promises = {
  setTimeout: (ms, value) => new Promise((resolve) => module.exports.setTimeout(() => resolve(value), ms)),
  setImmediate: (value) => new Promise((resolve) => module.exports.setImmediate(() => resolve(value))),
};
