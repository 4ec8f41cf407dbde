// The crypto functions adaptors use (random values and UUIDs), backed by the JVM's SecureRandom.
'use strict';
const host = require('lightning:host');
const { Buffer } = require('buffer');
function randomBytes(n, cb) {
  const bytes = Buffer.from(host.randomBytes(n >>> 0).split(',').filter(Boolean).map(Number));
  if (typeof cb === 'function') { Promise.resolve().then(() => cb(null, bytes)); return undefined; }
  return bytes;
}
function getRandomValues(arr) { const b = randomBytes(arr.byteLength); new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength).set(b); return arr; }
function unsupported(name) { return () => { throw new Error('crypto.' + name + ' is not available to adaptors in the Lightning runtime'); }; }
module.exports = {
  randomUUID: () => String(host.randomUUID()),
  randomBytes,
  getRandomValues,
  webcrypto: { getRandomValues, randomUUID: () => String(host.randomUUID()) },
  createHash: unsupported('createHash'),
  createHmac: unsupported('createHmac'),
};
