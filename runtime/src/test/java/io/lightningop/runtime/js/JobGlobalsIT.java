package io.lightningop.runtime.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.runtime.adaptor.NpmAdaptorModules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What job code finds on {@code globalThis} with the real adaptor loader installed: ECMAScript's
 * globals and OpenFn's sandbox globals, nothing of the loader, Node or GraalJS.
 */
class JobGlobalsIT {
  static final ObjectMapper JSON = new ObjectMapper();
  /** ECMAScript 2025 globals (incl. Annex B) as GraalJS provides them. */
  static final Set<String> ECMASCRIPT = Set.of("AggregateError", "Array", "ArrayBuffer", "Atomics", "BigInt",
      "BigInt64Array", "BigUint64Array", "Boolean", "DataView", "Date", "Error", "EvalError", "FinalizationRegistry",
      "Float16Array", "Float32Array", "Float64Array", "Function", "Infinity", "Int16Array", "Int32Array", "Int8Array",
      "Intl", "Iterator", "JSON", "Map", "Math", "NaN", "Number", "Object", "Promise", "Proxy", "RangeError",
      "ReferenceError", "Reflect", "RegExp", "Set", "SharedArrayBuffer", "String", "Symbol", "SyntaxError", "TypeError",
      "URIError", "Uint16Array", "Uint32Array", "Uint8Array", "Uint8ClampedArray", "WeakMap", "WeakRef", "WeakSet",
      "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape", "eval", "globalThis",
      "isFinite", "isNaN", "parseFloat", "parseInt", "undefined", "unescape");
  /** What OpenFn's job sandbox adds (runtime-semantics §2.7). */
  static final Set<String> OPENFN = Set.of("console", "setTimeout", "setInterval", "clearTimeout", "clearInterval",
      "state", "Buffer");

  @Test
  void jobCodeSeesOnlyEcmascriptAndOpenFnGlobalsAndItsConsoleIsTheJobLogger() throws Exception {
    try (JobRuntime runtime = new JobRuntime(NpmAdaptorModules.withDefaults())) {
      ObjectNode plan = JSON.createObjectNode().put("id", "globals");
      plan.putObject("workflow").putArray("steps").addObject().put("id", "job").put("expression", """
          fn(state => {
            globalThis.console.log('via globalThis');
            return { names: Object.getOwnPropertyNames(globalThis),
                     symbols: Object.getOwnPropertySymbols(globalThis).map(String) };
          });""").putArray("adaptors").add("@openfn/language-common@3.3.4");
      List<String> logs = new ArrayList<>();
      RunListener.RunResult r = runtime.executor().execute(PlanParser.parse(plan), JSON.readTree("{}"),
          RunOptions.defaults(), new RunListener() {
            @Override public void onLog(LogLine line) { logs.add(line.source() + " " + JSON.valueToTree(line.message())); }
          });
      assertEquals("success", r.reason(), String.valueOf(r.thrown()));
      Set<String> extra = new TreeSet<>();
      for (JsonNode n : r.result().path("names")) {
        if (!ECMASCRIPT.contains(n.asText()) && !OPENFN.contains(n.asText())) extra.add(n.asText());
      }
      assertEquals(Set.of(), extra, "globals a job should not see");
      assertEquals("[\"Symbol(Symbol.toStringTag)\"]", r.result().path("symbols").toString());
      assertTrue(logs.contains("JOB [\"via globalThis\"]"), logs.toString());
    }
  }
}
