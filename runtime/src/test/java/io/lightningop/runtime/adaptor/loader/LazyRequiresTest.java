package io.lightningop.runtime.adaptor.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/** Deferred evaluation of Babel-style default imports from side-effect-free packages. */
class LazyRequiresTest {
  static final String MODULE = """
      "use strict";
      var _interopRequireDefault = require("@babel/runtime/helpers/interopRequireDefault").default;
      var _index = _interopRequireDefault(require("./esm.js"));
      var _index2 = _interopRequireDefault(require("./plain.js"));
      exports.first = function () { return _index.default(); };
      exports.second = function () { return _index2.default; };
      """;

  /** Runs {@code code} as a CommonJS module body with a require that logs what it evaluates. */
  static Value load(Context context, String code) {
    return context.eval("js", """
        (code) => {
          const evaluated = [];
          const modules = {
            '@babel/runtime/helpers/interopRequireDefault': { default: (o) => (o && o.__esModule ? o : { default: o }) },
            './esm.js': () => ({ __esModule: true, default: () => 'esm default' }),
            './plain.js': () => ({ answer: 42 }),
          };
          const cache = {};
          const require = (r) => {
            if (typeof modules[r] !== 'function') return modules[r];
            if (!(r in cache)) { evaluated.push(r); cache[r] = modules[r](); }
            return cache[r];
          };
          const exports = {};
          new Function('exports', 'require', code)(exports, require);
          return { exports, evaluated };
        }""").execute(code);
  }

  @Test
  void aDeferredModuleIsEvaluatedOnFirstUseOnlyAndKeepsBabelInteropSemantics() {
    String rewritten = LazyRequires.rewrite(MODULE, r -> true);
    assertNotEquals(MODULE, rewritten);
    assertEquals(MODULE.lines().count(), rewritten.lines().count(), "line numbers must not move");
    try (Context context = Context.create("js")) {
      Value m = load(context, rewritten);
      assertEquals(0, m.getMember("evaluated").getArraySize());
      assertEquals("esm default", m.getMember("exports").getMember("first").execute().asString());
      assertEquals("[\"./esm.js\"]", context.eval("js", "JSON.stringify").execute(m.getMember("evaluated")).asString());
      assertEquals("esm default", m.getMember("exports").getMember("first").execute().asString());
      assertEquals(42, m.getMember("exports").getMember("second").execute().getMember("answer").asInt());
      assertEquals(2, m.getMember("evaluated").getArraySize(), "each module is evaluated once");
      Value eager = load(context, MODULE);
      assertEquals(2, eager.getMember("evaluated").getArraySize());
      assertEquals(42, eager.getMember("exports").getMember("second").execute().getMember("answer").asInt());
    }
  }

  @Test
  void onlySideEffectFreeTargetsAndNamesReadOnlyAsDefaultAreDeferred() {
    assertEquals(MODULE, LazyRequires.rewrite(MODULE, r -> false));
    String onlyPlain = LazyRequires.rewrite(MODULE, r -> r.equals("./plain.js"));
    assertEquals(1, onlyPlain.split("get default\\(\\)", -1).length - 1);
    String otherUse = MODULE + "exports.raw = _index;\n";
    String r = LazyRequires.rewrite(otherUse, x -> true);
    assertEquals(true, r.contains("var _index = _interopRequireDefault(require(\"./esm.js\"));"), r);
    assertEquals(false, r.contains("var _index2 = _interopRequireDefault"), r);
    String property = MODULE + "exports.name = _index2.name;\n";
    assertEquals(true, LazyRequires.rewrite(property, x -> true).contains("var _index2 = _interopRequireDefault"));
  }
}
