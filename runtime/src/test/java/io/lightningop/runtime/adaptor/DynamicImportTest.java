package io.lightningop.runtime.adaptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.runtime.adaptor.npm.AdaptorCache;
import io.lightningop.runtime.adaptor.npm.AdaptorInstaller;
import io.lightningop.runtime.adaptor.npm.NpmRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import() inside adaptor CommonJS files, over a hand-made package in a temporary cache. */
class DynamicImportTest {
  private static final String BOOM_LINE =
      "exports.boom = () => { void import('./lib/helper'); void import ( 'nope' ).catch(() => 0); throw new Error('boom'); };";

  @TempDir
  Path cacheDir;
  private Context context;
  private NpmAdaptorModules.Installed installed;
  private Value app;

  private void write(String relative, String text) throws IOException {
    Path p = cacheDir.resolve("packages").resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @BeforeEach
  void setUp() throws Exception {
    write("app@1.0.0/.lightning.json", "{\"id\":\"app@1.0.0\",\"dependencies\":{}}");
    write("app@1.0.0/package.json", "{\"name\":\"app\",\"main\":\"index.js\"}");
    write("app@1.0.0/index.js", String.join("\n",
        "'use strict';",
        "exports.helper = () => import('./lib/helper');",
        BOOM_LINE,
        "exports.missing = () => import('nope');",
        "exports.sameInstance = async () => (await import('./lib/helper.js')).default === require('./lib/helper');",
        "exports.text = \"import('./lib/helper')\"; // import('./lib/helper') in a comment stays",
        "exports.regex = /import\\(/.source;",
        "exports.loadedBeforeAwait = () => { const p = import('./lib/counted'); return [globalThis.__counted === undefined, p]; };"));
    write("app@1.0.0/lib/helper.js", "exports.default = 'own default'; exports.b = 2; exports.a = 1;");
    write("app@1.0.0/lib/counted.js", "globalThis.__counted = true;");
    NpmAdaptorModules modules = new NpmAdaptorModules(new AdaptorInstaller(new AdaptorCache(cacheDir),
        new NpmRegistry(URI.create("http://127.0.0.1:9/"), Duration.ofSeconds(1)), line -> {}), false);
    modules.entryFor("app@1.0.0");
    context = Context.newBuilder("js").engine(AdaptorHarness.engine())
        .allowIO(IOAccess.newBuilder().fileSystem(modules.fileSystem()).build()).build();
    installed = modules.install(context, (level, args) -> {});
    app = installed.api().invokeMember("importEntry", "/adaptors/app@1.0.0/index.js");
  }

  @AfterEach
  void tearDown() {
    installed.loop().close();
    context.close(true);
  }

  private EventLoop.Settled await(Value promise) throws InterruptedException {
    return installed.loop().await(promise);
  }

  @Test
  void relativeCommonJsTargetGivesANamespaceWithModuleExportsAsDefault() throws Exception {
    EventLoop.Settled s = await(app.invokeMember("helper"));
    assertTrue(s.fulfilled());
    String ns = context.eval("js", "(ns) => JSON.stringify({ keys: Object.keys(ns), tag: String(ns[Symbol.toStringTag]),"
        + " frozen: Object.isFrozen(ns), proto: Object.getPrototypeOf(ns), defaultKeys: Object.keys(ns.default) })")
        .execute(s.value()).asString();
    assertEquals("{\"keys\":[\"a\",\"b\",\"default\"],\"tag\":\"Module\",\"frozen\":true,\"proto\":null,"
        + "\"defaultKeys\":[\"default\",\"b\",\"a\"]}", ns);
    EventLoop.Settled same = await(app.invokeMember("sameInstance"));
    assertTrue(same.fulfilled() && same.value().asBoolean(), "import() and require() share the module instance");
  }

  @Test
  void aMissingModuleRejectsWithTheRequireError() throws Exception {
    EventLoop.Settled s = await(app.invokeMember("missing"));
    assertFalse(s.fulfilled());
    assertEquals("Cannot find module 'nope' required from /adaptors/app@1.0.0/index.js", s.value().getMember("message").asString());
    assertEquals("MODULE_NOT_FOUND", s.value().getMember("code").asString());
  }

  @Test
  void theTargetIsEvaluatedAsynchronouslyAsInNode() throws Exception {
    Value r = app.invokeMember("loadedBeforeAwait");
    assertTrue(r.getArrayElement(0).asBoolean(), "import() does not evaluate its target synchronously");
    assertTrue(await(r.getArrayElement(1)).fulfilled());
    assertTrue(context.eval("js", "globalThis.__counted === true").asBoolean());
  }

  @Test
  void offsetsAreRememberedOnlyForFilesThatHaveImportExpressions() throws Exception {
    await(app.invokeMember("helper"));
    try (var files = Files.list(cacheDir.resolve("import-offsets"))) {
      var remembered = files.toList();
      assertEquals(1, remembered.size(), remembered.toString()); // index.js; the lib files never mention import(
      String index = Files.readString(cacheDir.resolve("packages/app@1.0.0/index.js"));
      for (String offset : Files.readString(remembered.get(0)).split(",")) {
        assertTrue(index.startsWith("import", Integer.parseInt(offset)), offset);
      }
    }
  }

  @Test
  void stringsCommentsAndRegularExpressionsAreNotRewritten() {
    assertEquals("import('./lib/helper')", app.getMember("text").asString());
    assertEquals("import\\(", app.getMember("regex").asString());
  }

  @Test
  void lineAndColumnInStackTracesAreThoseOfTheFile() {
    String stack = context.eval("js", "(f) => { try { f(); } catch (e) { return e.stack; } }")
        .execute(app.getMember("boom")).asString();
    int column = BOOM_LINE.indexOf("new Error") + 1;
    assertTrue(stack.contains("/adaptors/app@1.0.0/index.js:3:" + column), column + " in " + stack);
  }
}
