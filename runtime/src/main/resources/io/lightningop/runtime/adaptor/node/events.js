// Node's EventEmitter (the subset packages use: on/once/off/emit/listeners, error semantics).
'use strict';
class EventEmitter {
  constructor() { this._events = Object.create(null); this._maxListeners = 10; }
  _list(type) { if (!this._events) this._events = Object.create(null); return this._events[type] || (this._events[type] = []); }
  on(type, fn) {
    if (typeof fn !== 'function') throw new TypeError('The "listener" argument must be of type function');
    if (this._events && this._events.newListener && type !== 'newListener') this.emit('newListener', type, fn);
    this._list(type).push(fn);
    return this;
  }
  addListener(type, fn) { return this.on(type, fn); }
  prependListener(type, fn) { this._list(type).unshift(fn); return this; }
  once(type, fn) {
    const wrapper = (...args) => { this.off(type, wrapper); return fn.apply(this, args); };
    wrapper.listener = fn;
    return this.on(type, wrapper);
  }
  prependOnceListener(type, fn) {
    const wrapper = (...args) => { this.off(type, wrapper); return fn.apply(this, args); };
    wrapper.listener = fn;
    return this.prependListener(type, wrapper);
  }
  off(type, fn) {
    const list = this._events && this._events[type];
    if (!list) return this;
    const i = list.findIndex((l) => l === fn || l.listener === fn);
    if (i >= 0) list.splice(i, 1);
    if (!list.length) delete this._events[type];
    return this;
  }
  removeListener(type, fn) { return this.off(type, fn); }
  removeAllListeners(type) {
    if (!this._events) return this;
    if (type === undefined) this._events = Object.create(null); else delete this._events[type];
    return this;
  }
  emit(type, ...args) {
    const list = this._events && this._events[type];
    if (!list || !list.length) {
      if (type === 'error') {
        const err = args[0] instanceof Error ? args[0] : new Error('Unhandled error. (' + String(args[0]) + ')');
        throw err;
      }
      return false;
    }
    for (const fn of list.slice()) fn.apply(this, args);
    return true;
  }
  listeners(type) { return ((this._events && this._events[type]) || []).map((l) => l.listener || l); }
  rawListeners(type) { return ((this._events && this._events[type]) || []).slice(); }
  listenerCount(type) { return ((this._events && this._events[type]) || []).length; }
  eventNames() { return this._events ? Reflect.ownKeys(this._events) : []; }
  setMaxListeners(n) { this._maxListeners = n; return this; }
  getMaxListeners() { return this._maxListeners; }
}
EventEmitter.EventEmitter = EventEmitter;
EventEmitter.defaultMaxListeners = 10;
EventEmitter.once = (emitter, type) => new Promise((resolve, reject) => {
  const onError = (err) => { emitter.off(type, onEvent); reject(err); };
  const onEvent = (...args) => { if (type !== 'error') emitter.off('error', onError); resolve(args); };
  emitter.once(type, onEvent);
  if (type !== 'error') emitter.once('error', onError);
});
EventEmitter.setMaxListeners = () => {};
module.exports = EventEmitter;
