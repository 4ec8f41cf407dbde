// A minimal `process` for adaptor code: no environment, no exit, no I/O.
'use strict';
const EventEmitter = require('events');
const process = new EventEmitter();
const start = Date.now();
Object.assign(process, {
  env: {},
  argv: ['node'],
  version: 'v20.0.0',
  versions: { node: '20.0.0' },
  platform: 'linux',
  arch: 'x64',
  pid: 1,
  release: { name: 'node' },
  browser: false,
  cwd: () => '/',
  nextTick: (fn, ...args) => { Promise.resolve().then(() => fn(...args)); },
  hrtime: Object.assign((prev) => {
    const ns = BigInt(Math.round(Date.now() * 1e6));
    const t = [Number(ns / 1000000000n), Number(ns % 1000000000n)];
    if (!prev) return t;
    let s = t[0] - prev[0], n = t[1] - prev[1];
    if (n < 0) { s -= 1; n += 1e9; }
    return [s, n];
  }, { bigint: () => BigInt(Math.round(Date.now() * 1e6)) }),
  uptime: () => (Date.now() - start) / 1000,
  memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
  emitWarning: () => {},
  exit: () => { throw new Error('process.exit is not available to adaptors'); },
});
module.exports = process;
