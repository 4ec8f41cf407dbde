// Test helper: structural equality of two modules, ignoring positions, parentheses and the
// order of import specifiers (the corpus' hand-compiled modules sort them).
globalThis.astEqual = function (a, b) {
  const norm = (src) => {
    const ast = acorn.parse(src, { sourceType: 'module', ecmaVersion: 'latest', allowHashBang: true });
    return JSON.stringify(ast, (k, v) => {
      if (k === 'start' || k === 'end' || k === 'raw') return undefined;
      if (v && v.type === 'ImportDeclaration') {
        return { ...v, specifiers: [...v.specifiers].sort((x, y) => (x.local.name < y.local.name ? -1 : 1)) };
      }
      return v;
    });
  };
  const x = norm(a), y = norm(b);
  if (x === y) return '';
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return 'differs at ' + x.slice(Math.max(0, i - 80), i + 80) + '\n   vs    ' + y.slice(Math.max(0, i - 80), i + 80);
};
