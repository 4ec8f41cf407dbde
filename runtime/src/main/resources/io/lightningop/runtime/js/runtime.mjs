// The `@openfn/runtime` module job code may import (the compiler adds `defer` for promise chains).
export function defer(fn, complete = (p) => p, error = (e) => { throw e; }) {
  return (state) => {
    try {
      return complete(Promise.resolve(fn(state)).catch((e) => error(e, state)));
    } catch (e) {
      return error(e, state);
    }
  };
}
