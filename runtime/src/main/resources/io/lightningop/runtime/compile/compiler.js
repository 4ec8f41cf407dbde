// OpenFn job compiler semantics (kit packages/compiler 1.2.5), re-implemented on acorn's AST.
// Evaluated as a script after acorn.js in a dedicated compile Context; defines
// globalThis.lightningCompile(source, optionsJson) -> JSON string.
//
// Each transformer is a pass that parses the current text and applies text edits, so every part
// of the job the compiler does not touch keeps its original text (and line numbers).
(function () {
  'use strict';
  const acorn = globalThis.acorn;

  class CompileError extends Error {
    constructor(name, message, line, column) {
      super(message);
      this.name = name;
      this.line = line;
      this.column = column;
    }
  }

  const parse = (text) => acorn.parse(text, {
    sourceType: 'module', ecmaVersion: 'latest', allowHashBang: true, locations: true,
  });

  const isNode = (v) => v !== null && typeof v === 'object' && typeof v.type === 'string';
  const SKIP_KEYS = { type: 1, start: 1, end: 1, loc: 1, range: 1 };

  function children(node) {
    const out = [];
    for (const key in node) {
      if (SKIP_KEYS[key]) continue;
      const v = node[key];
      if (Array.isArray(v)) { for (const c of v) if (isNode(c)) out.push(c); }
      else if (isNode(v)) out.push(v);
    }
    return out;
  }

  // Depth-first, parents before children; visit(node, ancestors) returns false to skip children.
  function walk(node, visit, ancestors = []) {
    if (visit(node, ancestors) === false) return;
    ancestors.push(node);
    for (const c of children(node)) walk(c, visit, ancestors);
    ancestors.pop();
  }

  function applyEdits(text, edits) {
    // insertions (start === end) before replacements at the same position; stable otherwise
    const sorted = edits.map((e, i) => ({ ...e, i }))
      .sort((a, b) => a.start - b.start || (a.end - a.start) - (b.end - b.start) || a.i - b.i);
    let out = '';
    let pos = 0;
    for (const e of sorted) {
      if (e.start < pos) continue; // overlapping edit: the outer one already covers it
      out += text.slice(pos, e.start) + e.text;
      pos = e.end;
    }
    return out + text.slice(pos);
  }

  // An object literal initialising a top-level `var/let/const` is ignored by every transformer.
  function isTopLevelVarInit(node, ancestors) {
    const n = ancestors.length;
    return node.type === 'ObjectExpression' && n >= 3
      && ancestors[n - 1].type === 'VariableDeclarator' && ancestors[n - 1].init === node
      && ancestors[n - 2].type === 'VariableDeclaration'
      && ancestors[n - 3].type === 'Program';
  }

  // ---- scopes (as ast-types models them: Program, functions and catch clauses) ----
  const scopeCache = new WeakMap();
  const isScope = (n) => n.type === 'Program' || n.type === 'FunctionDeclaration'
    || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'CatchClause';
  const isFunction = (n) => n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression'
    || n.type === 'ArrowFunctionExpression';

  function addPattern(p, names) {
    if (!p) return;
    switch (p.type) {
      case 'Identifier': names.add(p.name); break;
      case 'ObjectPattern': for (const prop of p.properties) addPattern(prop.type === 'RestElement' ? prop.argument : prop.value, names); break;
      case 'ArrayPattern': for (const el of p.elements) addPattern(el, names); break;
      case 'RestElement': addPattern(p.argument, names); break;
      case 'AssignmentPattern': addPattern(p.left, names); break;
    }
  }

  function scanBody(node, names) {
    for (const c of children(node)) {
      switch (c.type) {
        case 'VariableDeclaration': for (const d of c.declarations) { addPattern(d.id, names); if (d.init) scanBody(d.init, names); } break;
        case 'FunctionDeclaration': if (c.id) names.add(c.id.name); break;
        case 'ClassDeclaration': if (c.id) names.add(c.id.name); scanBody(c, names); break;
        case 'ImportDeclaration': for (const s of c.specifiers) names.add(s.local.name); break;
        case 'FunctionExpression': case 'ArrowFunctionExpression': case 'CatchClause': break;
        default: scanBody(c, names);
      }
    }
  }

  function declaredIn(scope) {
    let names = scopeCache.get(scope);
    if (names) return names;
    names = new Set();
    if (scope.type === 'CatchClause') addPattern(scope.param, names);
    else {
      if (isFunction(scope)) {
        for (const p of scope.params) addPattern(p, names);
        if (scope.type === 'FunctionExpression' && scope.id) names.add(scope.id.name);
      }
      scanBody(scope.type === 'Program' ? scope : scope.body, names);
    }
    scopeCache.set(scope, names);
    return names;
  }

  function isDeclared(name, ancestors, includeGlobal) {
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i];
      if (!isScope(a)) continue;
      if (a.type === 'Program' && !includeGlobal) continue;
      if (declaredIn(a).has(name)) return true;
    }
    return false;
  }

  // ---- lazy state: $.a.b -> state => state.a.b ----
  const isStatementOrDeclaration = (n) => /(Statement|Declaration)$/.test(n.type);

  function lazyStateError(message, node) {
    const { line, column } = node.loc.start;
    return new CompileError('LazyStateError', `Lazy State Error: ${message} (${line}:${column})`, line, column);
  }

  function lazyState(text) {
    const ast = parse(text);
    const edits = [];
    const wrapped = new Set();
    walk(ast, (node, ancestors) => {
      if (isTopLevelVarInit(node, ancestors)) return false;
      if (node.type !== 'MemberExpression') return;
      let first = node.object;
      while (first && first.type === 'MemberExpression') first = first.object;
      if (!first || first.type !== 'Identifier' || first.name !== '$') return;
      if (isDeclared('$', ancestors, false)) return;
      first.name = 'state';
      edits.push({ start: first.start, end: first.end, text: 'state' });
      // find the call this expression is an argument of
      let last = node;
      let i = ancestors.length - 1;
      for (; i >= 0 && ancestors[i].type !== 'CallExpression'; i--) {
        if (isStatementOrDeclaration(ancestors[i])) throw lazyStateError('Must be inside an operation', node);
        last = ancestors[i];
      }
      if (i < 0) throw lazyStateError('must be passed as an argument to an operator', node);
      const call = ancestors[i];
      let arg = last;
      if (call.callee === last && last.type === 'MemberExpression'
          && last.object.type === 'Identifier' && last.object.name === 'state') {
        arg = call; // $.fn() is wrapped as a whole
      }
      if (arg.type === 'ArrowFunctionExpression') {
        if (arg.params.length === 1) {
          const name = arg.params[0].name;
          if (name === 'state') return;
          throw lazyStateError(`parameter "${name}" should be called "state"`, arg);
        }
        throw lazyStateError('parent has wrong arity', arg);
      }
      if (!wrapped.has(arg)) {
        wrapped.add(arg);
        edits.push({ start: arg.start, end: arg.start, text: '(state => (' });
        edits.push({ start: arg.end, end: arg.end, text: '))' });
      }
    });
    return edits.length ? applyEdits(text, edits) : text;
  }

  // ---- promises: op().then(f).catch(g) -> _defer(op(), p => p.then(f).catch(g)) ----
  const isThenOrCatch = (call) => call.callee.type === 'MemberExpression'
    && call.callee.property.type === 'Identifier' && /^(then|catch)$/.test(call.callee.property.name);

  function isTopScope(ancestors) {
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const t = ancestors[i].type;
      if (t === 'Program') return true;
      if (t === 'ArrowFunctionExpression' || t === 'FunctionDeclaration' || t === 'FunctionExpression' || t === 'BlockStatement') return false;
    }
    return true;
  }

  function promises(text) {
    const ast = parse(text);
    const edits = [];
    let needsDefer = false;
    const src = (n) => text.slice(n.start, n.end);
    walk(ast, (node, ancestors) => {
      if (isTopLevelVarInit(node, ancestors)) return false;
      if (node.type !== 'CallExpression' || !isThenOrCatch(node) || !isTopScope(ancestors)) return;
      needsDefer = true;
      const parents = new Map(); // child -> parent along the chain
      let op = null;
      let next = node;
      while (next && next.type === 'CallExpression') {
        if (next.callee.type === 'Identifier') { op = next; break; }
        if (next.callee.type === 'MemberExpression' && !(next.callee.property.type === 'Identifier' && /^(then|catch)$/.test(next.callee.property.name))) { op = next; break; }
        if (next.callee.type !== 'MemberExpression') break;
        parents.set(next.callee, next);
        parents.set(next.callee.object, next.callee);
        next = next.callee.object;
      }
      if (!op) return false;
      const member = parents.get(op);
      const catchCall = member && member.property.name === 'catch' ? parents.get(member) : null;
      const catchFn = catchCall && catchCall.arguments[0];
      let replacement;
      if (catchFn) {
        const outer = parents.get(catchCall);
        const rest = outer
          ? `p => ${text.slice(node.start, catchCall.start)}p${text.slice(catchCall.end, node.end)}`
          : 'undefined';
        replacement = `_defer(${src(op)}, ${rest}, ${src(catchFn)})`;
      } else {
        replacement = `_defer(${src(op)}, p => ${text.slice(node.start, op.start)}p${text.slice(op.end, node.end)})`;
      }
      edits.push({ start: node.start, end: node.end, text: replacement });
      return false;
    });
    if (!needsDefer) return text;
    const hasRuntimeImport = ast.body.some((s) => s.type === 'ImportDeclaration' && s.source.value === '@openfn/runtime');
    if (!hasRuntimeImport) {
      const firstNonImport = ast.body.find((s) => s.type !== 'ImportDeclaration');
      const at = firstNonImport ? firstNonImport.start : text.length;
      const lastImport = [...ast.body].reverse().find((s) => s.type === 'ImportDeclaration' && s.end <= at);
      const stmt = 'import { defer as _defer } from "@openfn/runtime";';
      // on the line of the last import (or before the first statement) so no line moves
      if (lastImport) edits.push({ start: lastImport.end, end: lastImport.end, text: ' ' + stmt });
      else edits.push({ start: at, end: at, text: stmt + ' ' });
    }
    return applyEdits(text, edits);
  }

  // ---- dangling identifiers (add-imports) ----
  function danglingIdentifiers(ast) {
    const result = new Set();
    walk(ast, (node, ancestors) => {
      if (node.type === 'ObjectExpression' && isTopLevelVarInit(node, ancestors)) return false;
      if (node.type !== 'Identifier') return;
      const parent = ancestors[ancestors.length - 1];
      if (parent && parent.type === 'ImportSpecifier') return;
      if (node.name === 'undefined' || node.name === 'NaN') return;
      if (parent && parent.type === 'MemberExpression') {
        let target = node;
        for (let i = ancestors.length - 1; i >= 0 && ancestors[i].property; i--) {
          if (ancestors[i].property === target) return;
          target = ancestors[i];
        }
      }
      if (parent && parent.type === 'Property' && parent.key.type === 'Identifier' && parent.key.name === node.name) return;
      if (isDeclared(node.name, ancestors, true)) return;
      result.add(node.name);
    });
    return result;
  }

  // ---- ensure-exports + top-level-operations + add-imports ----
  function finish(text, options) {
    const ast = parse(text);
    const body = ast.body;
    const edits = [];
    const operations = [];
    const hasDefault = body.some((s) => /ExportDefault/.test(s.type));
    const target = body[body.length - 1];
    const movable = (s) => s.type === 'ExpressionStatement' && s.expression.type === 'CallExpression';
    const calls = [];
    if (!hasDefault || (target.type === 'ExportDefaultDeclaration' && target.declaration.type === 'ArrayExpression')) {
      for (const s of body) {
        if (!movable(s)) continue;
        calls.push(text.slice(s.expression.start, s.expression.end));
        operations.push({
          name: s.expression.callee.type === 'Identifier' ? s.expression.callee.name : null,
          line: s.expression.loc.start.line,
          order: operations.length + 1,
        });
        edits.push({ start: s.start, end: s.end, text: '' });
      }
      if (!hasDefault) {
        edits.push({ start: text.length, end: text.length, text: '\nexport default [' + (calls.length ? '\n  ' + calls.join(',\n  ') + '\n' : '') + '];\n' });
      } else if (calls.length) {
        const arr = target.declaration;
        const els = arr.elements;
        const lastEl = els.length ? els[els.length - 1] : null;
        const afterLast = lastEl ? text.slice(lastEl.end, arr.end - 1) : '';
        const sep = !els.length || /,/.test(afterLast) ? '' : ',';
        edits.push({ start: arr.end - 1, end: arr.end - 1, text: sep + '\n  ' + calls.join(',\n  ') + '\n' });
      }
    }
    const topLevelNames = [...declaredIn(ast)];
    const dangling = danglingIdentifiers(ast);
    const ignore = new Set(options.ignore || []);
    const imported = {};
    for (const adaptor of options.adaptors || []) {
      if (!adaptor.name || !adaptor.exports) continue;
      const used = adaptor.exports.filter((e) => !ignore.has(e) && dangling.has(e));
      if (used.length) imported[adaptor.name] = used;
    }
    // upstream inserts each adaptor's import at 0 and its `export *` at 1: later adaptors end up first
    const lines = [];
    for (const adaptor of options.adaptors || []) {
      const used = imported[adaptor.name];
      if (!used) continue;
      lines.splice(0, 0, `import { ${used.join(', ')} } from "${adaptor.name}";`);
      lines.splice(1, 0, `export * from "${adaptor.name}";`);
    }
    let code = applyEdits(text, edits);
    if (lines.length) {
      const head = lines.join('\n') + '\n';
      const hashbang = code.startsWith('#!') ? code.slice(0, code.indexOf('\n') + 1 || code.length) : '';
      code = hashbang + head + code.slice(hashbang.length);
    }
    return { code, operations, imports: imported, prefixLines: lines.length, topLevelNames };
  }


  // Rewrites module specifiers (import/export ... from, import()) through `mapping`; a specifier
  // the mapping does not know is reported, not rewritten.
  globalThis.lightningLink = function (code, mappingJson) {
    const mapping = JSON.parse(mappingJson);
    const ast = parse(code);
    const edits = [];
    const unresolved = [];
    walk(ast, (node) => {
      const src = (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration'
        || node.type === 'ExportNamedDeclaration' || node.type === 'ImportExpression') ? node.source : null;
      if (!src) return;
      if (src.type !== 'Literal' || typeof src.value !== 'string') return;
      const target = mapping[src.value];
      if (target === undefined) { if (!unresolved.includes(src.value)) unresolved.push(src.value); return; }
      edits.push({ start: src.start, end: src.end, text: JSON.stringify(target) });
    });
    return JSON.stringify({ code: applyEdits(code, edits), unresolved });
  };

  // The names a module exports (for workflow.globals, whose exports the compiler must not import).
  globalThis.lightningExportNames = function (code) {
    const names = [];
    for (const s of parse(code).body) {
      if (s.type !== 'ExportNamedDeclaration') continue;
      for (const sp of s.specifiers) names.push(sp.exported.name || sp.exported.value);
      const d = s.declaration;
      if (d && d.id) names.push(d.id.name);
      if (d && d.declarations) for (const v of d.declarations) { const set = new Set(); addPattern(v.id, set); names.push(...set); }
    }
    return JSON.stringify(names);
  };

  // The start offsets of the dynamic import() expressions of a CommonJS script (the adaptor loader
  // rewrites their keyword, which GraalJS would send to its own ES module loader).
  globalThis.lightningImportExpressions = function (script) {
    const ast = acorn.parse(script, {
      sourceType: 'script', ecmaVersion: 'latest', allowReturnOutsideFunction: true, allowHashBang: true,
    });
    const starts = [];
    walk(ast, (node) => { if (node.type === 'ImportExpression') starts.push(node.start); });
    return JSON.stringify(starts);
  };

  globalThis.lightningCompile = function (source, optionsJson) {
    const options = JSON.parse(optionsJson);
    try {
      let text = source.replace(/ $/, '');
      text = lazyState(text);
      text = promises(text);
      return JSON.stringify({ ok: true, ...finish(text, options) });
    } catch (e) {
      if (e instanceof CompileError) {
        return JSON.stringify({ ok: false, name: e.name, message: e.message, line: e.line, column: e.column });
      }
      if (e instanceof SyntaxError && e.loc) {
        return JSON.stringify({ ok: false, name: 'SyntaxError', message: e.message, line: e.loc.line, column: e.loc.column });
      }
      throw e;
    }
  };
})();
