// Node's querystring: parse/stringify/escape/unescape (repeated keys become arrays).
'use strict';
function unescape(s) {
  try { return decodeURIComponent(s); } catch (_) {
    return s.replace(/%([0-9a-fA-F]{2})/g, (m, h) => String.fromCharCode(parseInt(h, 16)));
  }
}
function escape(s) { return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()); }
function parse(str, sep = '&', eq = '=', options = {}) {
  const out = Object.create(null);
  if (typeof str !== 'string' || !str.length) return out;
  const max = options.maxKeys === undefined ? 1000 : options.maxKeys;
  let parts = str.split(sep);
  if (max > 0) parts = parts.slice(0, max);
  const dec = options.decodeURIComponent || unescape;
  for (const part of parts) {
    if (!part.length && parts.length > 1) continue;
    const i = part.indexOf(eq);
    const k = dec((i >= 0 ? part.slice(0, i) : part).replace(/\+/g, ' '));
    const v = i >= 0 ? dec(part.slice(i + eq.length).replace(/\+/g, ' ')) : '';
    if (!(k in out)) out[k] = v;
    else if (Array.isArray(out[k])) out[k].push(v);
    else out[k] = [out[k], v];
  }
  return out;
}
function primitive(v) {
  if (typeof v === 'string') return v;
  if ((typeof v === 'number' && isFinite(v)) || typeof v === 'bigint') return '' + v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}
function stringify(obj, sep = '&', eq = '=', options = {}) {
  const enc = options.encodeURIComponent || escape;
  if (obj === null || typeof obj !== 'object') return '';
  const out = [];
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    const ks = enc(primitive(k)) + eq;
    if (Array.isArray(v)) for (const item of v) out.push(ks + enc(primitive(item)));
    else out.push(ks + enc(primitive(v)));
  }
  return out.join(sep);
}
module.exports = { parse, stringify, escape, unescape, decode: parse, encode: stringify };
