// WHATWG URL and URLSearchParams for special (http/https/ws/wss/ftp/file) and opaque URLs —
// enough for request building: parsing, relative resolution, dot segments, percent-encoding.
'use strict';
const SPECIAL = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443, 'ftp:': 21, 'file:': null };

function pctEncode(str, keep) {
  let out = '';
  for (const ch of str) {
    const c = ch.codePointAt(0);
    if (c > 0x20 && c < 0x7f && !keep.includes(ch)) out += ch;
    else if (ch === '%') out += ch;
    else for (const b of new (require('buffer').TextEncoder)().encode(ch)) out += '%' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
  }
  return out;
}
const PATH_ENC = ' "#<>?`{}';
const QUERY_ENC = ' "#<>';
const SPECIAL_QUERY_ENC = ' "#<>\'';
const FRAG_ENC = ' "<>`';
const USER_ENC = ' "#<>?`{}/:;=@[\\]^|';

function invalid(input) {
  const e = new TypeError('Invalid URL');
  e.code = 'ERR_INVALID_URL';
  e.input = input;
  return e;
}

function normalizePath(segments, special) {
  const out = [];
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    const s = seg.toLowerCase();
    if (s === '..' || s === '.%2e' || s === '%2e.' || s === '%2e%2e') { out.pop(); if (last) out.push(''); }
    else if (s === '.' || s === '%2e') { if (last) out.push(''); }
    else out.push(seg);
  });
  return out;
}

function parseAbsolute(input) {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/s.exec(input);
  if (!m) return null;
  const u = { protocol: m[1].toLowerCase() + ':', username: '', password: '', hostname: '', port: '', path: [], opaque: null, search: '', hash: '' };
  let rest = m[2];
  const special = u.protocol in SPECIAL;
  if (special) rest = rest.replace(/\\/g, '/');
  const hashAt = rest.indexOf('#');
  if (hashAt >= 0) { u.hash = '#' + pctEncode(rest.slice(hashAt + 1), FRAG_ENC); rest = rest.slice(0, hashAt); }
  const qAt = rest.indexOf('?');
  if (qAt >= 0) { u.search = '?' + pctEncode(rest.slice(qAt + 1), special ? SPECIAL_QUERY_ENC : QUERY_ENC); rest = rest.slice(0, qAt); }
  if (special || rest.startsWith('//')) {
    if (special) rest = rest.replace(/^\/*/, '//');
    const auth = rest.slice(2).split('/')[0];
    rest = rest.slice(2 + auth.length);
    if (!parseAuthority(u, auth, special)) return undefined;
    u.path = normalizePath(rest.split('/').slice(1).map((s) => pctEncode(s, PATH_ENC)), special);
    if (special && u.path.length === 0) u.path = [''];
  } else if (rest.startsWith('/')) {
    u.path = normalizePath(rest.split('/').slice(1).map((s) => pctEncode(s, PATH_ENC)), false);
  } else {
    u.opaque = pctEncode(rest, '');
  }
  return u;
}

function parseAuthority(u, auth, special) {
  const at = auth.lastIndexOf('@');
  if (at >= 0) {
    const cred = auth.slice(0, at);
    const colon = cred.indexOf(':');
    u.username = pctEncode(colon >= 0 ? cred.slice(0, colon) : cred, USER_ENC);
    u.password = colon >= 0 ? pctEncode(cred.slice(colon + 1), USER_ENC) : '';
    auth = auth.slice(at + 1);
  }
  let host = auth, port = '';
  const pm = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(auth);
  if (pm) { host = pm[1]; port = pm[2] === undefined ? '' : pm[2]; }
  if (port !== '') {
    if (!/^\d+$/.test(port) || Number(port) > 65535) return false;
    port = String(Number(port));
    if (SPECIAL[u.protocol] === Number(port)) port = '';
  }
  if (special && u.protocol !== 'file:' && host === '') return false;
  if (/[\s#%/:<>?@[\\\]^|]/.test(host.replace(/^\[.*\]$/, ''))) return false;
  u.hostname = special ? decodeURIComponent(host).toLowerCase() : host;
  u.port = port;
  return true;
}

function resolveRelative(input, base) {
  const special = base.protocol in SPECIAL;
  if (special) input = input.replace(/\\/g, '/');
  if (/^[\t\n\r ]*$/.test(input)) return { ...base, hash: '' };
  if (input.startsWith('//')) return parseAbsolute(base.protocol + input);
  if (base.opaque !== null) { if (input.startsWith('#')) return { ...base, hash: '#' + pctEncode(input.slice(1), FRAG_ENC) }; return undefined; }
  const u = { ...base, path: base.path.slice(), hash: '' };
  let rest = input;
  const hashAt = rest.indexOf('#');
  if (hashAt >= 0) { u.hash = '#' + pctEncode(rest.slice(hashAt + 1), FRAG_ENC); rest = rest.slice(0, hashAt); }
  if (rest === '') return u;
  const qAt = rest.indexOf('?');
  let pathPart = rest;
  if (qAt >= 0) { u.search = '?' + pctEncode(rest.slice(qAt + 1), special ? SPECIAL_QUERY_ENC : QUERY_ENC); pathPart = rest.slice(0, qAt); }
  else u.search = '';
  if (pathPart === '') return u;
  const segs = pathPart.split('/').map((s) => pctEncode(s, PATH_ENC));
  if (pathPart.startsWith('/')) u.path = normalizePath(segs.slice(1), special);
  else u.path = normalizePath(base.path.slice(0, -1).concat(segs), special);
  return u;
}

class URLSearchParams {
  constructor(init = '') {
    this._list = [];
    this._url = null;
    if (init instanceof URLSearchParams) this._list = init._list.map((p) => p.slice());
    else if (typeof init === 'string') this._parse(init);
    else if (init && typeof init === 'object') {
      if (typeof init[Symbol.iterator] === 'function') for (const [k, v] of init) this._list.push([String(k), String(v)]);
      else for (const k of Object.keys(init)) this._list.push([k, String(init[k])]);
    }
  }
  _parse(s) {
    this._list = [];
    if (s.startsWith('?')) s = s.slice(1);
    for (const part of s.split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      const k = eq >= 0 ? part.slice(0, eq) : part, v = eq >= 0 ? part.slice(eq + 1) : '';
      this._list.push([decodeForm(k), decodeForm(v)]);
    }
  }
  _update() { if (this._url) { const s = this.toString(); this._url._u.search = s ? '?' + s : ''; } }
  get size() { return this._list.length; }
  append(k, v) { this._list.push([String(k), String(v)]); this._update(); }
  delete(k, v) { this._list = this._list.filter(([a, b]) => a !== String(k) || (v !== undefined && b !== String(v))); this._update(); }
  get(k) { const p = this._list.find(([a]) => a === String(k)); return p ? p[1] : null; }
  getAll(k) { return this._list.filter(([a]) => a === String(k)).map((p) => p[1]); }
  has(k, v) { return this._list.some(([a, b]) => a === String(k) && (v === undefined || b === String(v))); }
  set(k, v) {
    k = String(k); v = String(v);
    const i = this._list.findIndex(([a]) => a === k);
    if (i < 0) this._list.push([k, v]);
    else { this._list[i][1] = v; this._list = this._list.filter(([a], j) => a !== k || j === i); }
    this._update();
  }
  sort() { this._list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)); this._update(); }
  forEach(fn, thisArg) { for (const [k, v] of this._list) fn.call(thisArg, v, k, this); }
  keys() { return this._list.map((p) => p[0])[Symbol.iterator](); }
  values() { return this._list.map((p) => p[1])[Symbol.iterator](); }
  entries() { return this._list.map((p) => [p[0], p[1]])[Symbol.iterator](); }
  [Symbol.iterator]() { return this.entries(); }
  toString() { return this._list.map(([k, v]) => encodeForm(k) + '=' + encodeForm(v)).join('&'); }
  get [Symbol.toStringTag]() { return 'URLSearchParams'; }
}

function encodeForm(s) {
  let out = '';
  for (const b of new (require('buffer').TextEncoder)().encode(s)) {
    const ch = String.fromCharCode(b);
    if (/[A-Za-z0-9*\-._]/.test(ch)) out += ch;
    else if (b === 0x20) out += '+';
    else out += '%' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
  }
  return out;
}
function decodeForm(s) {
  const bytes = [];
  s = s.replace(/\+/g, ' ');
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%' && /^[0-9a-fA-F]{2}$/.test(s.substr(i + 1, 2))) { bytes.push(parseInt(s.substr(i + 1, 2), 16)); i += 2; }
    else for (const b of new (require('buffer').TextEncoder)().encode(s[i])) bytes.push(b);
  }
  return new (require('buffer').TextDecoder)().decode(new Uint8Array(bytes));
}

class URL {
  constructor(input, base) {
    input = String(input).replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
    let u = parseAbsolute(input);
    if (u === null) {
      if (base === undefined) throw invalid(input);
      const b = base instanceof URL ? base._u : new URL(base)._u;
      u = resolveRelative(input, b);
    }
    if (!u) throw invalid(input);
    this._u = u;
    this._sp = new URLSearchParams(u.search);
    this._sp._url = this;
  }
  static canParse(input, base) { try { new URL(input, base); return true; } catch (_) { return false; } }
  get protocol() { return this._u.protocol; }
  set protocol(v) { this._u.protocol = String(v).replace(/:?$/, ':').toLowerCase(); }
  get username() { return this._u.username; }
  set username(v) { this._u.username = pctEncode(String(v), USER_ENC); }
  get password() { return this._u.password; }
  set password(v) { this._u.password = pctEncode(String(v), USER_ENC); }
  get hostname() { return this._u.hostname; }
  set hostname(v) { this._u.hostname = String(v).toLowerCase(); }
  get port() { return this._u.port; }
  set port(v) { v = String(v); this._u.port = v === '' || SPECIAL[this._u.protocol] === Number(v) ? '' : String(Number(v)); }
  get host() { return this._u.hostname + (this._u.port ? ':' + this._u.port : ''); }
  set host(v) { const [h, p] = String(v).split(':'); this.hostname = h; if (p !== undefined) this.port = p; }
  get origin() { return this._u.protocol in SPECIAL && this._u.protocol !== 'file:' ? this._u.protocol + '//' + this.host : 'null'; }
  get pathname() { return this._u.opaque !== null ? this._u.opaque : (this._u.path.length || this._u.hostname !== '' || this._u.protocol in SPECIAL ? '/' + this._u.path.join('/') : ''); }
  set pathname(v) { const special = this._u.protocol in SPECIAL; const s = String(v); this._u.path = normalizePath((s.startsWith('/') ? s.slice(1) : s).split('/').map((x) => pctEncode(x, PATH_ENC)), special); }
  get search() { return this._u.search.length > 1 ? this._u.search : ''; }
  set search(v) { const s = String(v).replace(/^\?/, ''); this._u.search = s ? '?' + pctEncode(s, this._u.protocol in SPECIAL ? SPECIAL_QUERY_ENC : QUERY_ENC) : ''; this._sp._parse(s); }
  get searchParams() { return this._sp; }
  get hash() { return this._u.hash.length > 1 ? this._u.hash : ''; }
  set hash(v) { const s = String(v).replace(/^#/, ''); this._u.hash = s ? '#' + pctEncode(s, FRAG_ENC) : ''; }
  get href() {
    const u = this._u;
    let s = u.protocol;
    if (u.opaque !== null) return s + u.opaque + u.search + u.hash;
    if (u.hostname !== '' || u.protocol in SPECIAL) {
      s += '//';
      if (u.username || u.password) s += u.username + (u.password ? ':' + u.password : '') + '@';
      s += this.host;
    }
    return s + this.pathname + u.search + u.hash;
  }
  set href(v) { const n = new URL(v); this._u = n._u; this._sp._parse(n._u.search); }
  toString() { return this.href; }
  toJSON() { return this.href; }
  get [Symbol.toStringTag]() { return 'URL'; }
}

function fileURLToPath(u) { const url = typeof u === 'string' ? new URL(u) : u; return decodeURIComponent(url.pathname); }
function pathToFileURL(p) { return new URL('file://' + pctEncode(String(p), PATH_ENC + '%')); }

function legacyParse(str, parseQuery) {
  let url;
  try { url = new URL(str); } catch (_) { url = null; }
  if (!url) return { href: str, path: str, pathname: str, query: parseQuery ? {} : null, search: null };
  const search = url.search || null;
  return {
    protocol: url.protocol, slashes: true, auth: url.username ? url.username + (url.password ? ':' + url.password : '') : null,
    host: url.host, port: url.port || null, hostname: url.hostname, hash: url.hash || null, search,
    query: parseQuery ? require('querystring').parse(url.search.slice(1)) : (search ? search.slice(1) : null),
    pathname: url.pathname, path: url.pathname + url.search, href: url.href,
  };
}

module.exports = { URL, URLSearchParams, fileURLToPath, pathToFileURL, parse: legacyParse, format: (u) => (u instanceof URL ? u.href : String(u && u.href || '')), resolve: (from, to) => new URL(to, new URL(from, 'resolve://')).href.replace(/^resolve:\/\//, '') };
