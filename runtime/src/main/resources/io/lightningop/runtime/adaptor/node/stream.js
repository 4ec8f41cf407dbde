// A compact implementation of Node streams (Readable, Writable, Duplex, Transform, PassThrough)
// with the behaviour packages rely on: push/read, 'data'/'readable'/'end'/'finish'/'error'
// events, pipe, async iteration, object mode and string-to-Buffer decoding on write.
'use strict';
const EventEmitter = require('events');
const { Buffer } = require('buffer');

const tick = (fn) => Promise.resolve().then(fn);

class Stream extends EventEmitter {}

function initReadable(self, opts) {
  self._r = { buffer: [], ended: false, endEmitted: false, flowing: null, objectMode: !!(opts.objectMode || opts.readableObjectMode),
    encoding: opts.encoding || null, reading: false, scheduled: false };
  self.readable = true;
  self.destroyed = false;
  if (typeof opts.read === 'function') self._read = opts.read;
  if (typeof opts.destroy === 'function') self._destroy = opts.destroy;
}

function initWritable(self, opts) {
  self._w = { queue: [], writing: false, ending: false, finished: false, objectMode: !!(opts.objectMode || opts.writableObjectMode),
    decodeStrings: opts.decodeStrings !== false };
  self.writable = true;
  if (typeof opts.write === 'function') self._write = opts.write;
  if (typeof opts.final === 'function') self._final = opts.final;
}

const ReadableMethods = {
  push(chunk, encoding) {
    const r = this._r;
    if (chunk === null) { r.ended = true; scheduleFlow(this); return false; }
    if (!r.objectMode && typeof chunk === 'string') chunk = Buffer.from(chunk, encoding);
    r.buffer.push(chunk);
    scheduleFlow(this);
    return true;
  },
  unshift(chunk) { this._r.buffer.unshift(chunk); },
  read() {
    const r = this._r;
    if (!r.buffer.length) { maybeEnd(this); requestMore(this); return null; }
    let chunk;
    if (r.objectMode) chunk = r.buffer.shift();
    else { chunk = Buffer.concat(r.buffer); r.buffer = []; }
    if (r.encoding && !r.objectMode) chunk = chunk.toString(r.encoding);
    if (!r.buffer.length) { scheduleFlow(this); }
    return chunk;
  },
  setEncoding(enc) { this._r.encoding = enc; return this; },
  pause() { this._r.flowing = false; return this; },
  resume() { this._r.flowing = true; scheduleFlow(this); return this; },
  isPaused() { return this._r.flowing === false; },
  pipe(dest, opts = {}) {
    this.on('data', (chunk) => dest.write(chunk));
    if (opts.end !== false) this.on('end', () => dest.end());
    this.on('error', (err) => dest.emit('error', err));
    this.resume();
    return dest;
  },
  unpipe() { return this; },
  on(type, fn) {
    EventEmitter.prototype.on.call(this, type, fn);
    if (type === 'data' && this._r.flowing !== false) this.resume();
    if (type === 'readable') scheduleFlow(this);
    return this;
  },
  [Symbol.asyncIterator]() {
    const self = this;
    let error = null;
    let wake = null;
    const signal = () => { if (wake) { const w = wake; wake = null; w(); } };
    self.on('readable', signal);
    self.on('end', signal);
    self.on('error', (e) => { error = e; signal(); });
    return {
      async next() {
        for (;;) {
          if (error) throw error;
          const r = self._r;
          if (r.buffer.length) return { value: self.read(), done: false };
          if (r.ended) { maybeEnd(self); return { value: undefined, done: true }; }
          requestMore(self);
          await new Promise((resolve) => { wake = resolve; });
        }
      },
      async return() { self.destroy(); return { value: undefined, done: true }; },
      [Symbol.asyncIterator]() { return this; },
    };
  },
  destroy(err) {
    if (this.destroyed) return this;
    this.destroyed = true;
    const done = (e) => { if (e) this.emit('error', e); this.emit('close'); };
    if (typeof this._destroy === 'function') this._destroy(err || null, (e) => tick(() => done(e)));
    else tick(() => done(err));
    return this;
  },
};

function requestMore(self) {
  const r = self._r;
  if (r.ended || r.reading || typeof self._read !== 'function' || self._isTransform) return;
  r.reading = true;
  tick(() => { r.reading = false; self._read(16384); });
}

function maybeEnd(self) {
  const r = self._r;
  if (r.ended && !r.buffer.length && !r.endEmitted) {
    r.endEmitted = true;
    self.readable = false;
    tick(() => self.emit('end'));
  }
}

function scheduleFlow(self) {
  const r = self._r;
  if (r.scheduled) return;
  r.scheduled = true;
  tick(() => {
    r.scheduled = false;
    if (r.flowing) {
      while (r.buffer.length && r.flowing) self.emit('data', self.read());
      maybeEnd(self);
      if (!r.ended) requestMore(self);
    } else if (self.listenerCount('readable') > 0) {
      if (r.buffer.length || r.ended) self.emit('readable');
      if (!r.buffer.length) maybeEnd(self);
    }
  });
}

const WritableMethods = {
  write(chunk, encoding, cb) {
    if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    const w = this._w;
    if (w.ending) { const err = new Error('write after end'); err.code = 'ERR_STREAM_WRITE_AFTER_END'; tick(() => { if (cb) cb(err); this.emit('error', err); }); return false; }
    if (!w.objectMode && typeof chunk === 'string' && w.decodeStrings) chunk = Buffer.from(chunk, encoding);
    w.queue.push([chunk, encoding, cb]);
    drainWrites(this);
    return true;
  },
  end(chunk, encoding, cb) {
    if (typeof chunk === 'function') { cb = chunk; chunk = undefined; }
    else if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
    const w = this._w;
    if (w.ending) { if (cb) tick(cb); return this; }
    w.ending = true;
    if (cb) this.once('finish', cb);
    drainWrites(this);
    return this;
  },
  cork() {},
  uncork() {},
  setDefaultEncoding() { return this; },
};

function drainWrites(self) {
  const w = self._w;
  if (w.writing) return;
  const chunkEntry = w.queue.shift();
  if (chunkEntry) {
    w.writing = true;
    const [chunk, encoding, cb] = chunkEntry;
    let called = false;
    self._write(chunk, encoding || 'buffer', (err) => {
      if (called) return;
      called = true;
      w.writing = false;
      if (cb) cb(err || null);
      if (err) { self.emit('error', err); return; }
      drainWrites(self);
    });
    return;
  }
  if (w.ending && !w.finished) {
    w.finished = true;
    const finish = (err) => {
      if (err) { self.emit('error', err); return; }
      self.writable = false;
      tick(() => self.emit('finish'));
    };
    if (typeof self._final === 'function') self._final(finish); else finish();
  }
}

class Readable extends Stream {
  constructor(opts = {}) { super(); initReadable(this, opts); }
  static from(iterable, opts = {}) {
    const r = new Readable({ objectMode: true, ...opts, read() {} });
    (async () => {
      try {
        if (typeof iterable === 'string' || Buffer.isBuffer(iterable)) r.push(iterable);
        else for await (const chunk of iterable) r.push(chunk);
        r.push(null);
      } catch (e) { r.destroy(e); }
    })();
    return r;
  }
}
Object.assign(Readable.prototype, ReadableMethods);

class Writable extends Stream {
  constructor(opts = {}) { super(); initWritable(this, opts); this.destroyed = false; }
  destroy(err) { this.destroyed = true; tick(() => { if (err) this.emit('error', err); this.emit('close'); }); return this; }
}
Object.assign(Writable.prototype, WritableMethods);

class Duplex extends Readable {
  constructor(opts = {}) { super(opts); initWritable(this, opts); }
}
Object.assign(Duplex.prototype, WritableMethods);

class Transform extends Duplex {
  constructor(opts = {}) {
    super(opts);
    this._isTransform = true;
    if (typeof opts.transform === 'function') this._transform = opts.transform;
    if (typeof opts.flush === 'function') this._flush = opts.flush;
  }
  _write(chunk, encoding, cb) {
    this._transform(chunk, encoding, (err, data) => {
      if (err) { cb(err); return; }
      if (data !== undefined && data !== null) this.push(data);
      cb();
    });
  }
  _final(cb) {
    const done = (err, data) => {
      if (err) { cb(err); return; }
      if (data !== undefined && data !== null) this.push(data);
      this.push(null);
      cb();
    };
    if (typeof this._flush === 'function') this._flush(done); else done();
  }
  _transform(chunk, encoding, cb) { cb(null, chunk); }
}

class PassThrough extends Transform {}

function finished(stream, cb) {
  let done = false;
  const finish = (err) => { if (!done) { done = true; cb(err); } };
  stream.on('end', () => finish());
  stream.on('finish', () => finish());
  stream.on('error', finish);
  return () => {};
}

function pipeline(...streams) {
  const cb = typeof streams[streams.length - 1] === 'function' ? streams.pop() : null;
  for (let i = 0; i < streams.length - 1; i++) streams[i].pipe(streams[i + 1]);
  const last = streams[streams.length - 1];
  if (cb) finished(last, cb);
  return last;
}

Stream.Stream = Stream;
Stream.Readable = Readable;
Stream.Writable = Writable;
Stream.Duplex = Duplex;
Stream.Transform = Transform;
Stream.PassThrough = PassThrough;
Stream.finished = finished;
Stream.pipeline = pipeline;
Stream.promises = {
  finished: (s) => new Promise((resolve, reject) => finished(s, (e) => (e ? reject(e) : resolve()))),
  pipeline: (...s) => new Promise((resolve, reject) => pipeline(...s, (e) => (e ? reject(e) : resolve()))),
};
module.exports = Stream;
