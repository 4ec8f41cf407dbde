// `vm` placeholder: packages load it (jsonpath-plus) but only use it in opt-in modes.
'use strict';
function unsupported() { throw new Error('the vm module is not available to adaptors in the Lightning runtime'); }
class Script { constructor() { unsupported(); } }
module.exports = { Script, runInNewContext: unsupported, runInContext: unsupported, runInThisContext: unsupported, createContext: (o) => o || {}, isContext: () => false };
