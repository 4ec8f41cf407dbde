package io.lightningop.runtime.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JobCompilerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static Engine engine;
  static JobCompiler compiler;
  static JsonNode exports;

  @BeforeAll
  static void setUp() throws Exception {
    engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
    compiler = new JobCompiler(engine);
    try (InputStream in = JobCompilerTest.class.getResourceAsStream("/adaptor-exports.json")) {
      exports = JSON.readTree(in);
    }
  }

  @AfterAll
  static void tearDown() {
    compiler.close();
    engine.close();
  }

  static List<AdaptorExports> adaptors(String... names) {
    List<AdaptorExports> out = new ArrayList<>();
    for (String n : names) {
      List<String> list = new ArrayList<>();
      exports.path(n).forEach(e -> list.add(e.asText()));
      out.add(new AdaptorExports(n, list));
    }
    return out;
  }

  String compile(String src, String... adaptors) throws CompileException {
    return compiler.compile(src, adaptors(adaptors), List.of()).code();
  }

  @Test
  void everyCorpusJobCompilesToTheOracleModule() throws Exception {
    Path cases = Path.of(getClass().getResource("/conformance/cases").toURI());
    List<String> failures = new ArrayList<>();
    int compared = 0;
    try (Context ctx = Context.newBuilder("js").engine(engine).allowHostAccess(org.graalvm.polyglot.HostAccess.NONE).build();
         Stream<Path> dirs = Files.list(cases).sorted()) {
      ctx.eval(Source.newBuilder("js", JobCompiler.class.getResource("acorn/acorn.js")).build());
      ctx.eval(Source.newBuilder("js", getClass().getResource("ast-equal.js")).build());
      Value astEqual = ctx.getBindings("js").getMember("astEqual");
      for (Path dir : dirs.toList()) {
        JsonNode c = JSON.readTree(dir.resolve("case.json").toFile());
        for (JsonNode step : c.path("workflow").path("steps")) {
          if (!step.has("job")) continue;
          List<String> names = new ArrayList<>();
          step.path("adaptors").forEach(a -> names.add(a.asText().replaceFirst("(?<=.)@[^@/]*$", "")));
          String src = Files.readString(dir.resolve(step.path("job").asText()));
          String expected = Files.readString(dir.resolve(step.path("compiled").asText()));
          String diff;
          try {
            diff = astEqual.execute(compile(src, names.toArray(String[]::new)), expected).asString();
          } catch (CompileException e) {
            diff = "compile error " + e.getMessage();
          }
          compared++;
          if (!diff.isEmpty()) failures.add(dir.getFileName() + "/" + step.path("job").asText() + ": " + diff);
        }
      }
    }
    assertTrue(compared > 100, "compared " + compared);
    assertEquals(List.of(), failures);
  }

  @Test
  void lazyStateMisuseIsRejectedWithPosition() {
    CompileException e = assertThrows(CompileException.class, () -> compile("const x = $.data;\nfn(s => s);", "@openfn/language-common"));
    assertEquals("LazyStateError", e.kind());
    assertEquals(1, e.line());
    e = assertThrows(CompileException.class, () -> compile("fn(s => $.data);", "@openfn/language-common"));
    assertTrue(e.getMessage().contains("parameter \"s\" should be called \"state\""), e.getMessage());
    e = assertThrows(CompileException.class, () -> compile("each($.items, (a, b) => $.x);", "@openfn/language-common"));
    assertTrue(e.getMessage().contains("parent has wrong arity"), e.getMessage());
  }

  @Test
  void syntaxErrorsCarryLineAndColumn() {
    CompileException e = assertThrows(CompileException.class, () -> compile("fn(state => {\n  return state;;\n)", "@openfn/language-common"));
    assertEquals("SyntaxError", e.kind());
    assertEquals(3, e.line());
    assertTrue(e.getMessage().startsWith("Unexpected token (3:0)"), e.getMessage());
    e = assertThrows(CompileException.class, () -> compile("return 1;"));
    assertTrue(e.getMessage().contains("'return' outside of function"), e.getMessage());
  }

  @Test
  void trickySources() throws Exception {
    // a string that looks like an operation, a template, a regex and a comment are left alone
    String src = "// get('x')\nconst s = \"fn(state => state)\";\nconst re = /get\\(/g;\nfn(state => ({ ...state, t: `${s}` }));";
    String code = compile(src, "@openfn/language-http");
    assertTrue(code.startsWith("import { fn } from \"@openfn/language-http\";\nexport * from \"@openfn/language-http\";\n"), code);
    assertTrue(code.contains("const s = \"fn(state => state)\";") && code.contains("/get\\(/g"), code);
    // locally declared names shadow adaptor exports; property keys and member properties are not imports
    code = compile("const get = (u) => (s) => s;\nget('x');\nfn(state => ({ post: state.put }));", "@openfn/language-http");
    assertTrue(code.startsWith("import { fn } from"), code);
    // a final `export default [...]` receives the top-level calls; calls after it stay in place
    code = compile("fn(s => 1);\nexport default [fn(s => 2)];", "@openfn/language-common");
    assertTrue(code.replaceAll("\\s", "").endsWith("exportdefault[fn(s=>2),fn(s=>1)];"), code);
    code = compile("export default [fn(s => 2)];\nfn(s => 1);", "@openfn/language-common");
    assertTrue(code.replaceAll("\\s", "").endsWith("exportdefault[fn(s=>2)];fn(s=>1);"), code);
    // no adaptor names used: no import and no re-export
    code = compile("const op = () => (s) => s;\nop();");
    assertTrue(!code.contains("import") && code.contains("export default ["), code);
    // $.x.join(',') is compiled exactly as upstream does (the arrow is called)
    code = compile("log($.data.list.join(','));", "@openfn/language-common");
    assertTrue(code.contains("log((state => (state.data.list.join))(','))"), code);
    // hashbang stays first
    code = compile("#!/usr/bin/env openfn\nfn(s => s);", "@openfn/language-common");
    assertTrue(code.startsWith("#!/usr/bin/env openfn\nimport { fn }"), code);
  }
}
