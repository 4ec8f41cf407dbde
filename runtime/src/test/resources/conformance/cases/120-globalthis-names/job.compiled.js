import { fn } from "@openfn/language-common";
export * from "@openfn/language-common";

export default [
  fn(state => {
  globalThis.console.log("via globalThis.console");
  // ECMAScript globals of either engine (V8 and GraalJS differ in which recent ones they have)
  const standard = new Set(["AggregateError", "Array", "ArrayBuffer", "Atomics", "BigInt", "BigInt64Array",
    "BigUint64Array", "Boolean", "DataView", "Date", "Error", "EvalError", "FinalizationRegistry", "Float16Array",
    "Float32Array", "Float64Array", "Function", "Infinity", "Int16Array", "Int32Array", "Int8Array", "Intl",
    "Iterator", "JSON", "Map", "Math", "NaN", "Number", "Object", "Promise", "Proxy", "RangeError",
    "ReferenceError", "Reflect", "RegExp", "Set", "SharedArrayBuffer", "String", "Symbol", "SyntaxError",
    "TypeError", "URIError", "Uint16Array", "Uint32Array", "Uint8Array", "Uint8ClampedArray", "WeakMap",
    "WeakRef", "WeakSet", "WebAssembly", "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent",
    "escape", "eval", "globalThis", "isFinite", "isNaN", "parseFloat", "parseInt", "undefined", "unescape"]);
  return { ...state, data: {
    extra: Object.getOwnPropertyNames(globalThis).filter(n => !standard.has(n)).sort(),
    symbols: Object.getOwnPropertySymbols(globalThis).map(String).filter(s => s !== "Symbol(Symbol.toStringTag)"),
    consoleIsTheJobLogger: globalThis.console === console
  } };
})
];
