// Node's Buffer as a Uint8Array subclass (utf8, base64, base64url, hex, latin1/binary, ascii,
// utf16le), plus TextEncoder/TextDecoder, atob/btoa and minimal Blob/File.
'use strict';

function utf8Encode(str) {
  const out = [];
  for (let i = 0; i < str.length; i++) {
    let c = str.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
      const d = str.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; }
      else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

function utf8Decode(bytes, start, end) {
  let s = '';
  let chunk = [];
  const flush = () => { s += String.fromCharCode.apply(null, chunk); chunk = []; };
  for (let i = start; i < end;) {
    const b = bytes[i];
    let cp = 0xfffd, n = 1;
    if (b < 0x80) { cp = b; }
    else if (b >= 0xc2 && b < 0xe0 && i + 1 < end && (bytes[i + 1] & 0xc0) === 0x80) { cp = ((b & 31) << 6) | (bytes[i + 1] & 63); n = 2; }
    else if (b >= 0xe0 && b < 0xf0 && i + 2 < end && (bytes[i + 1] & 0xc0) === 0x80 && (bytes[i + 2] & 0xc0) === 0x80) {
      const v = ((b & 15) << 12) | ((bytes[i + 1] & 63) << 6) | (bytes[i + 2] & 63);
      if (v >= 0x800 && !(v >= 0xd800 && v <= 0xdfff)) { cp = v; n = 3; }
    } else if (b >= 0xf0 && b < 0xf5 && i + 3 < end && (bytes[i + 1] & 0xc0) === 0x80 && (bytes[i + 2] & 0xc0) === 0x80 && (bytes[i + 3] & 0xc0) === 0x80) {
      const v = ((b & 7) << 18) | ((bytes[i + 1] & 63) << 12) | ((bytes[i + 2] & 63) << 6) | (bytes[i + 3] & 63);
      if (v >= 0x10000 && v <= 0x10ffff) { cp = v; n = 4; }
    }
    if (cp > 0xffff) { cp -= 0x10000; chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 1023)); }
    else chunk.push(cp);
    if (chunk.length > 8192) flush();
    i += n;
  }
  flush();
  return s;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64LOOKUP = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) { B64LOOKUP[B64.charCodeAt(i)] = i; B64LOOKUP[B64URL.charCodeAt(i)] = i; }

function base64Encode(bytes, start, end, alphabet, pad) {
  let s = '';
  let i = start;
  for (; i + 2 < end; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    s += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
  }
  if (end - i === 1) { const n = bytes[i] << 16; s += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + (pad ? '==' : ''); }
  else if (end - i === 2) { const n = (bytes[i] << 16) | (bytes[i + 1] << 8); s += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + (pad ? '=' : ''); }
  return s;
}

function base64Decode(str) {
  const out = [];
  let acc = 0, bits = 0;
  for (let i = 0; i < str.length; i++) {
    const code = str.charCodeAt(i);
    if (code === 61) break; // '='
    const v = code < 256 ? B64LOOKUP[code] : -1;
    if (v < 0) continue; // Node skips characters outside the alphabet
    acc = (acc << 6) | v; bits += 6;
    if (bits >= 8) { bits -= 8; out.push((acc >> bits) & 255); }
  }
  return out;
}

function normEncoding(enc) {
  const e = String(enc === undefined || enc === null ? 'utf8' : enc).toLowerCase();
  switch (e) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'hex': return 'hex';
    case 'base64': return 'base64';
    case 'base64url': return 'base64url';
    case 'ascii': return 'ascii';
    case 'latin1': case 'binary': return 'latin1';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    default: { const err = new TypeError('Unknown encoding: ' + enc); err.code = 'ERR_UNKNOWN_ENCODING'; throw err; }
  }
}

function encode(str, enc) {
  switch (normEncoding(enc)) {
    case 'utf8': return utf8Encode(str);
    case 'hex': {
      const out = [];
      for (let i = 0; i + 1 < str.length; i += 2) {
        const v = parseInt(str.substr(i, 2), 16);
        if (Number.isNaN(v)) break;
        out.push(v);
      }
      return out;
    }
    case 'base64': case 'base64url': return base64Decode(str);
    case 'ascii': case 'latin1': { const out = new Array(str.length); for (let i = 0; i < str.length; i++) out[i] = str.charCodeAt(i) & 255; return out; }
    case 'utf16le': { const out = []; for (let i = 0; i < str.length; i++) { const c = str.charCodeAt(i); out.push(c & 255, c >> 8); } return out; }
  }
}

function decode(bytes, enc, start, end) {
  switch (normEncoding(enc)) {
    case 'utf8': return utf8Decode(bytes, start, end);
    case 'hex': { let s = ''; for (let i = start; i < end; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16); return s; }
    case 'base64': return base64Encode(bytes, start, end, B64, true);
    case 'base64url': return base64Encode(bytes, start, end, B64URL, false);
    case 'ascii': { let s = ''; for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i] & 127); return s; }
    case 'latin1': { let s = ''; for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]); return s; }
    case 'utf16le': { let s = ''; for (let i = start; i + 1 < end; i += 2) s += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8)); return s; }
  }
}

class Buffer extends Uint8Array {
  static from(value, encOrOffset, length) {
    if (typeof value === 'string') return fromArray(encode(value, encOrOffset));
    if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)) {
      const off = encOrOffset >>> 0;
      const len = length === undefined ? value.byteLength - off : length >>> 0;
      return new Buffer(value, off, len);
    }
    if (ArrayBuffer.isView(value)) { const b = new Buffer(value.byteLength); b.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)); return b; }
    if (Array.isArray(value)) return fromArray(value);
    if (value && typeof value === 'object') {
      if (value.type === 'Buffer' && Array.isArray(value.data)) return fromArray(value.data);
      if (typeof value.length === 'number') return fromArray(Array.from(value));
      if (typeof value.valueOf === 'function' && value.valueOf() !== value) return Buffer.from(value.valueOf(), encOrOffset, length);
    }
    throw new TypeError('The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received ' + (value === null ? 'null' : typeof value));
  }
  static alloc(size, fill, enc) { const b = new Buffer(size >>> 0); if (fill !== undefined && fill !== 0) b.fill(fill, 0, b.length, enc); return b; }
  static allocUnsafe(size) { return new Buffer(size >>> 0); }
  static allocUnsafeSlow(size) { return new Buffer(size >>> 0); }
  static isBuffer(b) { return b instanceof Buffer; }
  static isEncoding(e) { try { normEncoding(e); return typeof e === 'string'; } catch (_) { return false; } }
  static byteLength(v, enc) {
    if (typeof v === 'string') return encode(v, enc).length;
    return v.byteLength;
  }
  static concat(list, total) {
    if (total === undefined) total = list.reduce((n, b) => n + b.length, 0);
    const out = Buffer.alloc(total);
    let pos = 0;
    for (const b of list) { if (pos >= total) break; const part = b.length > total - pos ? b.subarray(0, total - pos) : b; out.set(part, pos); pos += part.length; }
    return out;
  }
  static compare(a, b) { return a.compare(b); }

  toString(enc, start, end) {
    start = start === undefined ? 0 : Math.max(0, start | 0);
    end = end === undefined ? this.length : Math.min(this.length, end | 0);
    if (end <= start) return '';
    return decode(this, enc, start, end);
  }
  toJSON() { return { type: 'Buffer', data: Array.from(this) }; }
  equals(other) { return this.compare(other) === 0; }
  compare(other, tStart = 0, tEnd = other.length, sStart = 0, sEnd = this.length) {
    const a = this.subarray(sStart, sEnd), b = other.subarray(tStart, tEnd);
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }
  copy(target, tStart = 0, sStart = 0, sEnd = this.length) {
    const src = this.subarray(sStart, Math.min(sEnd, sStart + (target.length - tStart)));
    target.set(src, tStart);
    return src.length;
  }
  slice(start, end) { return this.subarray(start, end); }
  subarray(start, end) { const u = Uint8Array.prototype.subarray.call(this, start, end); return new Buffer(u.buffer, u.byteOffset, u.length); }
  write(str, offset = 0, length, enc) {
    if (typeof offset === 'string') { enc = offset; offset = 0; }
    else if (typeof length === 'string') { enc = length; length = undefined; }
    const bytes = encode(str, enc);
    const n = Math.min(bytes.length, this.length - offset, length === undefined ? Infinity : length);
    for (let i = 0; i < n; i++) this[offset + i] = bytes[i];
    return n;
  }
  fill(value, start = 0, end = this.length, enc) {
    if (typeof start === 'string') { enc = start; start = 0; end = this.length; }
    if (typeof value === 'string') {
      const bytes = encode(value, enc);
      if (!bytes.length) return Uint8Array.prototype.fill.call(this, 0, start, end);
      for (let i = start, j = 0; i < end; i++, j = (j + 1) % bytes.length) this[i] = bytes[j];
      return this;
    }
    return Uint8Array.prototype.fill.call(this, typeof value === 'number' ? value & 255 : 0, start, end);
  }
  indexOf(value, from = 0, enc) {
    if (typeof value === 'number') return Uint8Array.prototype.indexOf.call(this, value & 255, from);
    const needle = typeof value === 'string' ? encode(value, enc) : value;
    if (from < 0) from = Math.max(0, this.length + from);
    outer: for (let i = from; i <= this.length - needle.length; i++) {
      for (let j = 0; j < needle.length; j++) if (this[i + j] !== needle[j]) continue outer;
      return i;
    }
    return -1;
  }
  includes(value, from, enc) { return this.indexOf(value, from, enc) !== -1; }
  readUInt8(o = 0) { return this[o]; }
  readUInt16LE(o = 0) { return this[o] | (this[o + 1] << 8); }
  readUInt16BE(o = 0) { return (this[o] << 8) | this[o + 1]; }
  readUInt32LE(o = 0) { return (this[o] | (this[o + 1] << 8) | (this[o + 2] << 16)) + this[o + 3] * 0x1000000; }
  readUInt32BE(o = 0) { return this[o] * 0x1000000 + ((this[o + 1] << 16) | (this[o + 2] << 8) | this[o + 3]); }
  readInt8(o = 0) { const v = this[o]; return v & 0x80 ? v - 0x100 : v; }
  readInt32LE(o = 0) { return this[o] | (this[o + 1] << 8) | (this[o + 2] << 16) | (this[o + 3] << 24); }
  readInt32BE(o = 0) { return (this[o] << 24) | (this[o + 1] << 16) | (this[o + 2] << 8) | this[o + 3]; }
  writeUInt8(v, o = 0) { this[o] = v; return o + 1; }
  writeUInt16BE(v, o = 0) { this[o] = v >>> 8; this[o + 1] = v; return o + 2; }
  writeUInt32BE(v, o = 0) { this[o] = v >>> 24; this[o + 1] = v >>> 16; this[o + 2] = v >>> 8; this[o + 3] = v; return o + 4; }
  toLocaleString(enc, s, e) { return this.toString(enc, s, e); }
}
Buffer.poolSize = 8192;
for (const [alias, name] of [['readUint8', 'readUInt8'], ['readUint16LE', 'readUInt16LE'], ['readUint16BE', 'readUInt16BE'], ['readUint32LE', 'readUInt32LE'], ['readUint32BE', 'readUInt32BE'], ['writeUint8', 'writeUInt8']]) {
  Buffer.prototype[alias] = Buffer.prototype[name];
}

function fromArray(arr) { const b = new Buffer(arr.length); for (let i = 0; i < arr.length; i++) b[i] = arr[i] & 255; return b; }

class TextEncoder {
  get encoding() { return 'utf-8'; }
  encode(str = '') { return new Uint8Array(utf8Encode(String(str))); }
  encodeInto(str, dest) { const b = utf8Encode(String(str)); const n = Math.min(b.length, dest.length); dest.set(b.slice(0, n)); return { read: str.length, written: n }; }
}

class TextDecoder {
  constructor(label = 'utf-8', options = {}) {
    this.encoding = String(label).toLowerCase().replace('utf8', 'utf-8');
    if (!['utf-8', 'latin1', 'iso-8859-1', 'ascii', 'utf-16le'].includes(this.encoding)) throw new RangeError('The "' + label + '" encoding is not supported');
    this.fatal = !!options.fatal;
    this.ignoreBOM = !!options.ignoreBOM;
  }
  decode(input) {
    if (input === undefined) return '';
    const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    let start = 0;
    if (this.encoding === 'utf-8' && !this.ignoreBOM && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    const enc = this.encoding === 'utf-8' ? 'utf8' : this.encoding === 'utf-16le' ? 'utf16le' : 'latin1';
    return decode(bytes, enc, start, bytes.length);
  }
}

function btoa(s) {
  s = String(s);
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 255) { const e = new Error('Invalid character'); e.name = 'InvalidCharacterError'; throw e; }
  return Buffer.from(s, 'latin1').toString('base64');
}
function atob(s) { return Buffer.from(String(s), 'base64').toString('latin1'); }

class Blob {
  constructor(parts = [], options = {}) {
    const chunks = parts.map((p) => typeof p === 'string' ? Buffer.from(p) : p instanceof Blob ? p._bytes : Buffer.from(p));
    this._bytes = Buffer.concat(chunks);
    this.type = options.type ? String(options.type).toLowerCase() : '';
  }
  get size() { return this._bytes.length; }
  async text() { return this._bytes.toString('utf8'); }
  async arrayBuffer() { return this._bytes.buffer.slice(this._bytes.byteOffset, this._bytes.byteOffset + this._bytes.length); }
  slice(start, end, type) { const b = new Blob([], { type }); b._bytes = this._bytes.slice(start, end); return b; }
}
class File extends Blob {
  constructor(parts, name, options = {}) { super(parts, options); this.name = String(name); this.lastModified = options.lastModified || Date.now(); }
}

module.exports = { Buffer, TextEncoder, TextDecoder, atob, btoa, Blob, File, kMaxLength: 2 ** 32, constants: { MAX_LENGTH: 2 ** 32 } };
