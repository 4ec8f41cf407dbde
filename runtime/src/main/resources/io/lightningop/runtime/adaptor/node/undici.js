// Stands in for the `undici` package: the Agent/compose/interceptors/request surface that
// @openfn/language-common uses, over the Java HTTP bridge (host.http). Redirects, decompression,
// timeouts and TLS happen in Java; this file shapes requests and responses like undici does.
'use strict';
const host = require('lightning:host');
const { Buffer, Blob, File } = require('buffer');
const querystring = require('querystring');
const { Readable } = require('stream');

class UndiciError extends Error {
  constructor(message, code, name) { super(message); this.name = name || 'UndiciError'; this.code = code; }
}

class FormData {
  constructor() { this._entries = []; }
  append(name, value, filename) { this._entries.push([String(name), toEntry(value, filename)]); }
  set(name, value, filename) { this.delete(name); this.append(name, value, filename); }
  get(name) { const e = this._entries.find(([k]) => k === String(name)); return e ? e[1] : null; }
  getAll(name) { return this._entries.filter(([k]) => k === String(name)).map((e) => e[1]); }
  has(name) { return this._entries.some(([k]) => k === String(name)); }
  delete(name) { this._entries = this._entries.filter(([k]) => k !== String(name)); }
  entries() { return this._entries.map((e) => e.slice())[Symbol.iterator](); }
  keys() { return this._entries.map((e) => e[0])[Symbol.iterator](); }
  values() { return this._entries.map((e) => e[1])[Symbol.iterator](); }
  forEach(fn, thisArg) { for (const [k, v] of this._entries) fn.call(thisArg, v, k, this); }
  [Symbol.iterator]() { return this.entries(); }
  get [Symbol.toStringTag]() { return 'FormData'; }
}
function toEntry(value, filename) {
  if (value instanceof Blob) {
    if (value instanceof File && filename === undefined) return value;
    return new File([value], filename !== undefined ? filename : 'blob', { type: value.type });
  }
  return String(value);
}

function encodeMultipart(form) {
  const boundary = '----formdata-undici-0' + String(Math.random()).slice(2, 13).padStart(11, '0');
  const parts = [];
  const esc = (s) => s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
  for (const [name, value] of form._entries) {
    if (typeof value === 'string') {
      parts.push(Buffer.from('--' + boundary + '\r\nContent-Disposition: form-data; name="' + esc(name) + '"\r\n\r\n' + value.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n') + '\r\n'));
    } else {
      parts.push(Buffer.from('--' + boundary + '\r\nContent-Disposition: form-data; name="' + esc(name) + '"; filename="' + esc(value.name) + '"\r\nContent-Type: ' + (value.type || 'application/octet-stream') + '\r\n\r\n'));
      parts.push(value._bytes, Buffer.from('\r\n'));
    }
  }
  parts.push(Buffer.from('--' + boundary + '--\r\n'));
  return { body: Buffer.concat(parts), contentType: 'multipart/form-data; boundary=' + boundary };
}

async function bodyBytes(body) {
  if (body === undefined || body === null) return { bytes: null };
  if (typeof body === 'string') return { bytes: Buffer.from(body, 'utf8') };
  if (body instanceof FormData) { const m = encodeMultipart(body); return { bytes: m.body, contentType: m.contentType }; }
  if (body instanceof Blob) return { bytes: body._bytes, contentType: body.type || undefined };
  if (ArrayBuffer.isView(body) || body instanceof ArrayBuffer) return { bytes: Buffer.from(body) };
  if (typeof body[Symbol.asyncIterator] === 'function' || typeof body[Symbol.iterator] === 'function') {
    const chunks = [];
    for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    return { bytes: Buffer.concat(chunks) };
  }
  throw new UndiciError('Invalid body type: ' + typeof body, 'UND_ERR_INVALID_ARG', 'InvalidArgumentError');
}

function headerPairs(headers) {
  const pairs = [];
  if (!headers) return pairs;
  if (Array.isArray(headers)) {
    if (headers.length && Array.isArray(headers[0])) for (const [k, v] of headers) pairs.push([String(k), String(v)]);
    else for (let i = 0; i + 1 < headers.length; i += 2) pairs.push([String(headers[i]), String(headers[i + 1])]);
    return pairs;
  }
  if (typeof headers.entries === 'function' && !(headers.constructor === Object)) {
    for (const [k, v] of headers.entries()) pairs.push([String(k), String(v)]);
    return pairs;
  }
  for (const k of Object.keys(headers)) {
    const v = headers[k];
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) pairs.push([k, String(item)]);
    else pairs.push([k, String(v)]);
  }
  return pairs;
}

class ResponseBody extends Readable {
  constructor(raw) {
    super({ read() {} });
    this._raw = raw;
    this._used = false;
    this._pushed = false;
  }
  _take() {
    if (this._used) throw new TypeError('Body is unusable: Body has already been read');
    this._used = true;
  }
  async text() { this._take(); return this._raw ? String(this._raw.text()) : ''; }
  async json() { const t = await this.text(); return JSON.parse(t); }
  async arrayBuffer() { this._take(); const b = Buffer.from(this._raw ? String(this._raw.latin1()) : '', 'latin1'); return b.buffer.slice(b.byteOffset, b.byteOffset + b.length); }
  async blob() { return new Blob([Buffer.from(await this.arrayBuffer())]); }
  async bytes() { return new Uint8Array(await this.arrayBuffer()); }
  async dump() { this._used = true; }
  get bodyUsed() { return this._used; }
  _read() {
    if (this._pushed) return;
    this._pushed = true;
    this._used = true;
    const b = Buffer.from(this._raw ? String(this._raw.latin1()) : '', 'latin1');
    if (b.length) this.push(b);
    this.push(null);
  }
}

function send(opts, agentOpts) {
  return new Promise((resolve, reject) => {
    (async () => {
      const origin = String(opts.origin || '').replace(/\/$/, '');
      let path = opts.path || '/';
      if (opts.query && Object.keys(opts.query).length) {
        if (path.includes('?') || path.includes('#')) throw new UndiciError('Query params cannot be passed when url already contains "?" or "#".', 'UND_ERR_INVALID_ARG', 'InvalidArgumentError');
        const qs = querystring.stringify(opts.query);
        if (qs) path += '?' + qs;
      }
      const headers = headerPairs(opts.headers);
      const { bytes, contentType } = await bodyBytes(opts.body);
      if (contentType && !headers.some(([k]) => k.toLowerCase() === 'content-type')) headers.push(['content-type', contentType]);
      const timeout = Math.max(Number(opts.headersTimeout ?? agentOpts.headersTimeout ?? 300000) || 0, 0);
      const connect = agentOpts.connect || {};
      host.http({
        url: origin + path,
        method: String(opts.method || 'GET').toUpperCase(),
        headers,
        body: bytes ? bytes.toString('latin1') : null,
        timeout,
        maxRedirections: Number(agentOpts.maxRedirections) > 0 ? Number(agentOpts.maxRedirections) : 0,
        decompress: !!agentOpts.decompress,
        tls: connect && Object.keys(connect).length ? {
          rejectUnauthorized: connect.rejectUnauthorized === undefined ? null : !!connect.rejectUnauthorized,
          ca: pem(connect.ca), cert: pem(connect.cert), key: pem(connect.key),
        } : null,
      }, (err, meta, raw) => {
        if (err) {
          const e = new UndiciError(String(err.message), String(err.code), err.code === 'UND_ERR_HEADERS_TIMEOUT' ? 'HeadersTimeoutError' : undefined);
          reject(e);
          return;
        }
        const m = JSON.parse(meta);
        resolve({ statusCode: m.statusCode, headers: m.headers, trailers: {}, opaque: opts.opaque === undefined ? null : opts.opaque, context: {}, body: new ResponseBody(raw) });
      });
    })().catch(reject);
  });
}

function pem(v) {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(pem).join('\n');
  return Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
}

class Dispatcher {
  constructor(opts = {}) { this._opts = { ...opts }; }
  request(opts, callback) {
    const p = send(opts, this._opts);
    if (typeof callback === 'function') { p.then((r) => callback(null, r), (e) => callback(e)); return undefined; }
    return p;
  }
  compose(...interceptors) {
    const opts = { ...this._opts };
    for (const i of interceptors.flat()) if (i && i._lightning) Object.assign(opts, i._lightning);
    return new Dispatcher(opts);
  }
  close() { return Promise.resolve(); }
  destroy() { return Promise.resolve(); }
}
class Agent extends Dispatcher {}
class Pool extends Dispatcher {}
class Client extends Dispatcher {}

const interceptors = {
  redirect: (o = {}) => ({ _lightning: { maxRedirections: o.maxRedirections } }),
  decompress: () => ({ _lightning: { decompress: true } }),
  retry: () => ({ _lightning: {} }),
  dump: () => ({ _lightning: {} }),
  dns: () => ({ _lightning: {} }),
};

class MockAgent extends Dispatcher {
  constructor() { super(); throw new Error('undici MockAgent is not available in the Lightning runtime'); }
}

let globalDispatcher = new Agent();

async function request(url, opts = {}) {
  const u = new (require('url').URL)(String(url));
  const dispatcher = opts.dispatcher || globalDispatcher;
  return dispatcher.request({ ...opts, origin: u.origin, path: u.pathname + u.search, method: opts.method || 'GET' });
}

module.exports = {
  Agent, Pool, Client, Dispatcher, MockAgent, FormData, interceptors, request,
  setGlobalDispatcher: (d) => { globalDispatcher = d; },
  getGlobalDispatcher: () => globalDispatcher,
  errors: { UndiciError },
};
