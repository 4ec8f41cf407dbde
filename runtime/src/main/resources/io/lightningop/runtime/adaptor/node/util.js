// The util functions packages commonly use: inherits, promisify, deprecate, format, inspect, types.
'use strict';
function inherits(ctor, superCtor) { Object.setPrototypeOf(ctor.prototype, superCtor.prototype); Object.setPrototypeOf(ctor, superCtor); ctor.super_ = superCtor; }
function promisify(fn) {
  if (typeof fn[promisify.custom] === 'function') return fn[promisify.custom];
  return function (...args) { return new Promise((resolve, reject) => fn.call(this, ...args, (err, value) => (err ? reject(err) : resolve(value)))); };
}
promisify.custom = Symbol.for('nodejs.util.promisify.custom');
function inspect(v) {
  if (typeof v === 'string') return "'" + v + "'";
  try { return JSON.stringify(v) ?? String(v); } catch (_) { return String(v); }
}
function format(f, ...args) {
  if (typeof f !== 'string') return [f, ...args].map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  let i = 0;
  const s = f.replace(/%[sdifjoO%]/g, (m) => {
    if (m === '%%') return '%';
    if (i >= args.length) return m;
    const a = args[i++];
    switch (m) { case '%s': return String(a); case '%d': case '%i': return String(parseInt(a, 10)); case '%f': return String(parseFloat(a)); default: return inspect(a); }
  });
  return [s, ...args.slice(i).map((a) => (typeof a === 'string' ? a : inspect(a)))].join(' ');
}
const types = {
  isDate: (v) => v instanceof Date, isRegExp: (v) => v instanceof RegExp, isPromise: (v) => v instanceof Promise,
  isUint8Array: (v) => v instanceof Uint8Array, isArrayBuffer: (v) => v instanceof ArrayBuffer,
  isAnyArrayBuffer: (v) => v instanceof ArrayBuffer, isTypedArray: (v) => ArrayBuffer.isView(v) && !(v instanceof DataView),
  isNativeError: (v) => v instanceof Error, isMap: (v) => v instanceof Map, isSet: (v) => v instanceof Set,
};
module.exports = {
  inherits, promisify, inspect, format, types,
  deprecate: (fn) => fn,
  debuglog: () => () => {},
  isArray: Array.isArray,
  isDeepStrictEqual: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  TextEncoder: require('buffer').TextEncoder,
  TextDecoder: require('buffer').TextDecoder,
};
