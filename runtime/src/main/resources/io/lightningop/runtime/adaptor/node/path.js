// Node's POSIX path functions (path === path.posix, as on Linux).
'use strict';
function normalizeArray(parts, allowAboveRoot) {
  const out = [];
  for (const p of parts) {
    if (!p || p === '.') continue;
    if (p === '..') { if (out.length && out[out.length - 1] !== '..') out.pop(); else if (allowAboveRoot) out.push('..'); }
    else out.push(p);
  }
  return out;
}
function normalize(p) {
  if (typeof p !== 'string') throw new TypeError('The "path" argument must be of type string');
  if (p === '') return '.';
  const abs = p.startsWith('/');
  const trailing = p.endsWith('/');
  let s = normalizeArray(p.split('/'), !abs).join('/');
  if (!s && !abs) s = '.';
  if (s && trailing) s += '/';
  return (abs ? '/' : '') + s;
}
function join(...parts) {
  for (const p of parts) if (typeof p !== 'string') throw new TypeError('The "path" argument must be of type string. Received ' + typeof p);
  const joined = parts.filter((p) => p.length).join('/');
  return joined ? normalize(joined) : '.';
}
function resolve(...parts) {
  let resolved = '';
  for (let i = parts.length - 1; i >= 0 && !resolved.startsWith('/'); i--) { if (parts[i]) resolved = parts[i] + '/' + resolved; }
  if (!resolved.startsWith('/')) resolved = '/' + resolved;
  const s = normalizeArray(resolved.split('/'), false).join('/');
  return '/' + s;
}
function dirname(p) {
  if (!p) return '.';
  const s = p.replace(/\/+$/, '') || '/';
  const i = s.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return s.slice(0, i);
}
function basename(p, ext) {
  let b = p.replace(/\/+$/, '');
  b = b.slice(b.lastIndexOf('/') + 1);
  if (ext && b.endsWith(ext) && b !== ext) b = b.slice(0, -ext.length);
  return b;
}
function extname(p) {
  const b = basename(p);
  const i = b.lastIndexOf('.');
  return i <= 0 ? '' : b.slice(i);
}
function relative(from, to) {
  const f = resolve(from).split('/').filter(Boolean), t = resolve(to).split('/').filter(Boolean);
  let i = 0;
  while (i < f.length && i < t.length && f[i] === t[i]) i++;
  return f.slice(i).map(() => '..').concat(t.slice(i)).join('/');
}
function parse(p) {
  const root = p.startsWith('/') ? '/' : '';
  const base = basename(p), ext = extname(p);
  let dir = dirname(p);
  if (dir === '.' && !p.includes('/')) dir = '';
  return { root, dir, base, ext, name: ext ? base.slice(0, -ext.length) : base };
}
function format(o) {
  const dir = o.dir || o.root || '';
  const base = o.base || (o.name || '') + (o.ext || '');
  return dir ? (dir === o.root ? dir + base : dir + '/' + base) : base;
}
const posix = { sep: '/', delimiter: ':', normalize, join, resolve, dirname, basename, extname, relative, parse, format,
  isAbsolute: (p) => p.startsWith('/'), toNamespacedPath: (p) => p };
posix.posix = posix;
posix.win32 = posix;
module.exports = posix;
