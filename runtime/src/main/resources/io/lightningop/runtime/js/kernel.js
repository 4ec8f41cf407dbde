// The job-side half of the executor, evaluated once per job Context (one Context per step).
// Mirrors @openfn/runtime 1.9.5: operation wrapping, null state, chaining through the job's
// exported `execute`, error classification, state clean-up, and the OpenFn logger as `console`.
// Called with `log(source, level, messageJson)` and `loaded()` (the job module is ready: the
// step timeout starts); returns the step runner. Nothing here keeps a
// reference job code can reach except the job console and the guards.
(function (log, loaded) {
  'use strict';
  const JOB_FILE = /\/@job\//;
  const KERNEL_FILE = /\/@lightning\//;
  const FRAME_FILE = /\(?((?:\/|[a-z]+:)[^()]*?):\d+(?::\d+)?\)?\s*$/;

  // GraalJS installs `Java` even when no host class may be looked up: job code should not see it.
  delete globalThis.Java;

  // ---- code generation from strings is refused when job code asks for it ----
  // Adaptor code shares this realm and may still use eval/new Function (upstream runs it outside
  // the sandbox), so the guard looks at who is calling.
  function callerIsJob() {
    const frames = String(new Error().stack).split('\n').slice(1);
    for (const frame of frames) {
      const m = FRAME_FILE.exec(frame);
      if (!m || KERNEL_FILE.test(m[1])) continue; // builtins and this file
      return JOB_FILE.test(m[1]);
    }
    return false;
  }
  function refuse() {
    if (callerIsJob()) throw new EvalError('Code generation from strings disallowed for this context');
  }
  const realEval = globalThis.eval;
  const guardedEval = function (src) { refuse(); return realEval(src); };
  Object.defineProperty(guardedEval, 'name', { value: 'eval' });
  Object.defineProperty(globalThis, 'eval', { value: guardedEval, writable: true, configurable: true });
  const ctors = [Function, Object.getPrototypeOf(async function () {}).constructor,
    Object.getPrototypeOf(function* () {}).constructor, Object.getPrototypeOf(async function* () {}).constructor];
  for (const Ctor of ctors) {
    const guarded = function (...args) { refuse(); return Reflect.construct(Ctor, args, new.target || guarded); };
    guarded.prototype = Ctor.prototype;
    Object.defineProperty(Ctor.prototype, 'constructor', { value: guarded, writable: true, configurable: true });
    if (Ctor === Function) Object.defineProperty(globalThis, 'Function', { value: guarded, writable: true, configurable: true });
  }

  // ---- logging (the OpenFn logger in JSON mode, sanitize policy "none") ----
  const isError = (o) => {
    if (o instanceof Error) return true;
    for (let p = o; p && p.constructor; p = p.prototype && p.prototype.constructor) {
      if (p.constructor.name === 'Error') return true;
    }
    return false;
  };
  function sanitize(item) {
    if (/^(number|string|boolean)$/.test(typeof item)) return item;
    if (item !== null && item !== undefined && isError(item)) return { name: item.name, message: item.message || String(item) };
    if (item && !Array.isArray(item) && typeof item === 'object' && item.configuration) {
      const configuration = {};
      for (const k in item.configuration) configuration[k] = '****';
      return { ...item, configuration };
    }
    return item;
  }
  function emit(source, level, args) {
    if (args.length === 0) return;
    const message = args.map(sanitize);
    if (message.length === 1 && message[0] === null) return;
    log(source, level, safeStringify(message.map((m) => (m === undefined ? null : m))));
  }
  function makeLogger(source) {
    const logger = {};
    for (const level of ['debug', 'info', 'log', 'warn', 'error', 'success', 'always']) {
      const as = level === 'log' ? 'info' : level;
      logger[level] = (...args) => emit(source, as, args);
    }
    return Object.freeze(logger);
  }
  const rt = makeLogger('R/T');
  const jobConsole = makeLogger('JOB');

  // ---- JSON with cycles replaced by "[Circular]" (fast-safe-stringify semantics) ----
  function decircle(value, path) {
    if (typeof value !== 'object' || value === null) return value;
    if (typeof value.toJSON === 'function') return value;
    if (path.includes(value)) return '[Circular]';
    path.push(value);
    let out;
    if (Array.isArray(value)) out = value.map((v) => decircle(v, path));
    else {
      out = {};
      for (const k of Object.keys(value)) out[k] = decircle(value[k], path);
    }
    path.pop();
    return out;
  }
  function safeStringify(value) {
    return JSON.stringify(decircle(value, []));
  }

  // ---- errors (names, severities and messages as @openfn/runtime) ----
  function rtError(name, severity, message, extra) {
    return Object.assign(Object.create(Error.prototype), { source: 'runtime', name, severity, message }, extra || {});
  }
  function framesOf(e) {
    return String(e.stack || '').split('\n').slice(1);
  }
  function extractPosition(e, jobOnly) {
    for (const frame of framesOf(e)) {
      const m = /:(\d+):(\d+)\)?\s*$/.exec(frame);
      if (!m) continue;
      if (jobOnly && !JOB_FILE.test(frame)) continue;
      return { line: Number(m[1]), column: Number(m[2]) };
    }
    return undefined;
  }
  const ctorName = (e) => e.constructor.name;
  function classify(e) {
    if (e.name === 'AdaptorError' && e.source === 'runtime') return e;
    if (e.name === 'ImportError' && e.source === 'runtime') return e;
    if (/RangeError|TypeError/.test(ctorName(e))) {
      const extra = { subtype: ctorName(e) };
      const pos = extractPosition(e, false);
      if (pos) extra.pos = pos;
      return rtError('RuntimeError', 'fail', `${ctorName(e)}: ${e.message}`, extra);
    }
    if (e.severity === 'crash' || /ReferenceError|SyntaxError/.test(ctorName(e))) {
      if (e.source === 'runtime' && e.name !== 'Error') return e;
      const extra = { subtype: ctorName(e) };
      const pos = extractPosition(e, false);
      if (pos) extra.pos = pos;
      if (e.fix) extra.fix = e.fix;
      if (e.details) extra.details = e.details;
      return rtError('RuntimeCrash', 'crash', `${ctorName(e)}: ${e.message}`, extra);
    }
    if (ctorName(e) === 'EvalError') return rtError('SecurityError', 'kill', 'Illegal eval statement detected');
    return rtError('JobError', 'fail', typeof e === 'string' ? e : (e.message ? e.message : ''));
  }
  function adaptorError(e) {
    const details = Object.assign({ message: e.message }, JSON.parse(safeStringify(e)));
    const extra = { details };
    const pos = extractPosition(e, true);
    if (pos) extra.pos = pos;
    return rtError('AdaptorError', 'fail', typeof e === 'string' ? e : (e.message || ''), extra);
  }
  // An error raised in adaptor or library code (rather than job code) becomes an AdaptorError.
  function fromAdaptor(e) {
    for (const frame of framesOf(e)) {
      const m = FRAME_FILE.exec(frame);
      if (!m) continue;
      if (KERNEL_FILE.test(m[1])) return false;
      return !JOB_FILE.test(m[1]);
    }
    return false;
  }

  // ---- null state: what the next operation gets when one returned nothing ----
  const NULL_STATE = Symbol('null-state');
  const isNullState = (s) => s && typeof s === 'object' && s[NULL_STATE] === true;

  function wrapOperation(fn, name, immutable) {
    return async (state) => {
      rt.debug(`Starting operation ${name}`);
      const start = Date.now();
      if (isNullState(state)) {
        delete state[NULL_STATE];
        rt.warn(`WARNING: No state was passed into operation ${name}. Did the previous operation return state?`);
      }
      const input = immutable ? JSON.parse(safeStringify(state)) : state;
      let result;
      try {
        result = await fn(input);
      } catch (e) {
        if (e.stack && fromAdaptor(e)) throw adaptorError(e);
        throw e;
      }
      if (!result) {
        rt.debug(`Warning: operation ${name} did not return state`);
        result = { [NULL_STATE]: true };
      }
      rt.debug(`Operation ${name} complete in ${Date.now() - start}ms`);
      return result;
    };
  }

  const defaultExecute = (...ops) => (state) => ops.reduce((p, op) => p.then(op), Promise.resolve(state));

  // Runs one step: imports the (linked) job module, runs its operations on the state, and
  // resolves to a JSON string {status, state, stateIsUndefined?, error?}; clean-up is the caller's.
  async function runStep(jobPath, globalsPath, inputJson, optsJson) {
    const opts = JSON.parse(optsJson);
    const input = JSON.parse(inputJson);
    globalThis.state = input;
    const out = (status, state) => safeStringify({ status, state: state === undefined ? null : state, stateIsUndefined: state === undefined });
    try {
      if (globalsPath) {
        const globals = await import(globalsPath);
        for (const k of Object.keys(globals)) if (k !== 'default') globalThis[k] = globals[k];
      }
      globalThis[Symbol.for('lightning.job')] = jobScope(opts.shadow || []);
      // as in OpenFn's sandbox, the global console is the job logger
      Object.defineProperty(globalThis, 'console', { value: jobConsole, writable: true, configurable: true, enumerable: false });
      let ns;
      try {
        ns = await import(jobPath);
      } finally {
        // the job module and its adaptor modules are linked: the loader's door closes
        delete globalThis[Symbol.for('lightning.job')];
        delete globalThis[Symbol.for('lightning.adaptors')];
      }
      const operations = ns.default;
      if (!Array.isArray(operations)) {
        throw rtError('ValidationError', 'crash', 'Invalid exports in job expression: exports must be an array',
          { fix: 'Ensure job code has been compiled before calling the runtime' });
      }
      operations.forEach((op, idx) => {
        if (typeof op !== 'function') {
          throw rtError('ValidationError', 'crash', `Invalid operation at statement ${idx}`,
            { fix: 'Ensure all top-level function or method calls are wrapped in an operation, like fn()' });
        }
      });
      loaded();
      const execute = typeof ns.execute === 'function' ? ns.execute : defaultExecute;
      const reducer = execute(...operations.map((op, i) => wrapOperation(op, `${i + 1}`, opts.immutableState)));
      rt.debug(`Executing expression (${operations.length} operations)`);
      const result = await reducer(input);
      rt.debug('Expression complete!');
      return out('success', isNullState(result) ? undefined : decircle(result, []));
    } catch (e) {
      let error;
      try {
        error = classify(e);
      } catch (inner) {
        error = classify(inner);
      }
      return safeStringify({ status: 'error', error: serializeError(error), state: decircle(input, []), stack: stackOf(e) });
    }
  }

  function stackOf(e) {
    try { return e && e.stack ? String(e.stack) : null; } catch (_) { return null; }
  }
  function serializeError(error) {
    const out = {};
    for (const key in error) out[key] = error[key];
    return out;
  }

  // The bindings a job module's prefix destructures: its console, and `undefined` for every
  // global the OpenFn sandbox does not have (Node and GraalJS extras).
  function jobScope(names) {
    const scope = { console: jobConsole };
    for (const n of names) scope[n] = undefined;
    return scope;
  }

  // Serializes arguments logged by adaptor code (ADA) like the job console does.
  function adaptorLog(level, args) {
    emit('ADA', level === 'log' ? 'info' : level, Array.from(args));
  }

  return { runStep, jobScope, adaptorLog };
})
