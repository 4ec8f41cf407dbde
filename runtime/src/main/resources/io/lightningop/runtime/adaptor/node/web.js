// Web globals some packages test for: AbortController/AbortSignal, a ReadableStream class (for
// instanceof checks only) and structuredClone for plain data.
'use strict';
const EventEmitter = require('events');

class AbortSignal extends EventEmitter {
  constructor() { super(); this.aborted = false; this.reason = undefined; this.onabort = null; }
  throwIfAborted() { if (this.aborted) throw this.reason; }
  addEventListener(type, fn) { this.on(type, fn); }
  removeEventListener(type, fn) { this.off(type, fn); }
  static abort(reason) { const c = new AbortController(); c.abort(reason); return c.signal; }
  static timeout(ms) {
    const c = new AbortController();
    setTimeout(() => { const e = new Error('The operation was aborted due to timeout'); e.name = 'TimeoutError'; c.abort(e); }, ms);
    return c.signal;
  }
}

class AbortController {
  constructor() { this.signal = new AbortSignal(); }
  abort(reason) {
    const s = this.signal;
    if (s.aborted) return;
    s.aborted = true;
    if (reason === undefined) { reason = new Error('This operation was aborted'); reason.name = 'AbortError'; }
    s.reason = reason;
    const event = { type: 'abort', target: s };
    if (typeof s.onabort === 'function') s.onabort(event);
    s.emit('abort', event);
  }
}

class ReadableStream {
  constructor() { throw new TypeError('ReadableStream is not supported by the Lightning adaptor runtime'); }
}

function structuredClone(value) {
  const seen = new Map();
  const clone = (v) => {
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'function' || typeof v === 'symbol') {
        const e = new Error(String(v) + ' could not be cloned.'); e.name = 'DataCloneError'; throw e;
      }
      return v;
    }
    if (seen.has(v)) return seen.get(v);
    let out;
    if (v instanceof Date) out = new Date(v.getTime());
    else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
    else if (ArrayBuffer.isView(v)) out = v.slice();
    else if (v instanceof Map) { out = new Map(); seen.set(v, out); v.forEach((val, k) => out.set(clone(k), clone(val))); return out; }
    else if (v instanceof Set) { out = new Set(); seen.set(v, out); v.forEach((val) => out.add(clone(val))); return out; }
    else if (Array.isArray(v)) { out = []; seen.set(v, out); v.forEach((val, i) => { out[i] = clone(val); }); return out; }
    else { out = {}; seen.set(v, out); for (const k of Object.keys(v)) out[k] = clone(v[k]); return out; }
    seen.set(v, out);
    return out;
  };
  return clone(value);
}

module.exports = { AbortController, AbortSignal, ReadableStream, structuredClone };
