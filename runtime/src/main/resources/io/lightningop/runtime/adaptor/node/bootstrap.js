// Per-Context CommonJS loader for adaptor packages. Evaluated once per Context; receives the
// host bridge object and never stores it where job code could reach it.
(function (host, emit) {
  'use strict';
  const modules = new Map();
  const g = Object.create(globalThis); // the `global` adaptor code sees: Node globals without touching the job's
  const names = String(host.parameters).split(', '); // the Node globals every module receives

  function dirname(p) {
    const i = p.lastIndexOf('/');
    return i <= 0 ? '/' : p.slice(0, i);
  }

  // Resolution depends only on the requiring directory and the request: memoized per Context so a
  // package required from hundreds of modules costs one host call, not hundreds.
  const resolved = new Map();
  function resolve(from, request) {
    if (typeof request !== 'string') throw new TypeError('The "id" argument must be of type string');
    const key = dirname(from) + '\0' + request;
    let r = resolved.get(key);
    if (r === undefined) {
      r = String(host.resolve(from, request));
      resolved.set(key, r);
    }
    if (r.startsWith('error:')) {
      const err = new Error(r.slice(6));
      err.code = 'MODULE_NOT_FOUND';
      throw err;
    }
    return r;
  }

  function makeRequire(from) {
    const require = (request) => load(resolve(from, request));
    require.resolve = (request) => resolve(from, request);
    require.cache = Object.create(null);
    return require;
  }

  // Node's import() of a CommonJS module, for the rewritten import() expressions of adaptor code
  // (see ModuleSources): resolved like require() from the importing file, the same module instance,
  // and a namespace whose default is module.exports. Errors reject the promise, as in Node.
  const namespaces = new Map();
  function makeImport(from) {
    return (specifier) => Promise.resolve().then(() => {
      const path = resolve(from, String(specifier));
      const exports = load(path);
      let ns = namespaces.get(path);
      if (!ns || ns.default !== exports) {
        ns = Object.create(null);
        const named = exports !== null && (typeof exports === 'object' || typeof exports === 'function')
          ? Object.keys(exports).filter((k) => k !== 'default') : [];
        for (const k of [...named, 'default'].sort()) ns[k] = k === 'default' ? exports : exports[k];
        Object.defineProperty(ns, Symbol.toStringTag, { value: 'Module' });
        namespaces.set(path, Object.freeze(ns));
      }
      return ns;
    });
  }

  function load(path) {
    const cached = modules.get(path);
    if (cached) return cached.exports;
    if (path === 'lightning:host') return host; // resolvable only from the compatibility modules
    if (path.startsWith('missing:')) {
      const err = new Error("Cannot find module '" + path.slice(8) + "': this Node built-in is not available to adaptors in the Lightning runtime");
      err.code = 'MODULE_NOT_FOUND';
      throw err;
    }
    const module = { id: path, filename: path, path: dirname(path), exports: {}, loaded: false, children: [], paths: [] };
    modules.set(path, module);
    try {
      if (path.endsWith('.json')) {
        module.exports = JSON.parse(host.read(path));
      } else {
        const fn = host.compile(path).apply(undefined, [...names.map((n) => g[n]), makeImport(path)]);
        fn.call(module.exports, module.exports, makeRequire(path), module, path, dirname(path));
      }
    } catch (e) {
      modules.delete(path);
      throw e;
    }
    module.loaded = true;
    return module.exports;
  }

  // Node globals, built from the compatibility modules (order matters: later ones use earlier ones).
  g.global = g;
  g.globalThis = g;
  // Adaptor console output becomes ADA log lines (OpenFn logger levels: console.log is info).
  const levels = { log: 'info', info: 'info', warn: 'warn', error: 'error', debug: 'debug', trace: 'debug', success: 'success', always: 'always' };
  const adaptorConsole = {};
  for (const [method, level] of Object.entries(levels)) adaptorConsole[method] = (...args) => { emit(level, args); };
  adaptorConsole.dir = adaptorConsole.log;
  adaptorConsole.table = adaptorConsole.log;
  adaptorConsole.group = () => {};
  adaptorConsole.groupEnd = () => {};
  adaptorConsole.time = () => {};
  adaptorConsole.timeEnd = () => {};
  adaptorConsole.assert = (cond, ...args) => { if (!cond) emit('error', ['Assertion failed', ...args]); };
  g.console = adaptorConsole;
  const timers = load('/adaptors/.node/timers.js');
  for (const k of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate']) g[k] = timers[k];
  g.queueMicrotask = (fn) => { Promise.resolve().then(fn); };
  const buffer = load('/adaptors/.node/buffer.js');
  g.Buffer = buffer.Buffer;
  g.TextEncoder = buffer.TextEncoder;
  g.TextDecoder = buffer.TextDecoder;
  g.atob = buffer.atob;
  g.btoa = buffer.btoa;
  g.Blob = buffer.Blob;
  g.File = buffer.File;
  const url = load('/adaptors/.node/url.js');
  g.URL = url.URL;
  g.URLSearchParams = url.URLSearchParams;
  g.process = load('/adaptors/.node/process.js');
  const web = load('/adaptors/.node/web.js');
  g.AbortController = web.AbortController;
  g.AbortSignal = web.AbortSignal;
  g.ReadableStream = web.ReadableStream;
  g.structuredClone = web.structuredClone;
  g.FormData = load('/adaptors/.node/undici.js').FormData;

  const jobGlobals = { Buffer: g.Buffer, setTimeout: g.setTimeout, clearTimeout: g.clearTimeout,
    setInterval: g.setInterval, clearInterval: g.clearInterval };

  return {
    // Only package entry points named by entryFor() are importable from outside the loader.
    importEntry(path) {
      if (!host.isEntry(path)) throw new Error('not an adaptor entry point: ' + path);
      return load(path);
    },
    jobGlobals,
    // For the host only (tests, diagnostics): a compatibility module by name. Never exposed to JS.
    builtin(name) { return load(resolve('/adaptors/.node/bootstrap.js', name)); },
  };
})
