package io.lightningop.runtime.adaptor.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.runtime.adaptor.npm.AdaptorCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node resolution over a hand-made cache: exports conditions and patterns, main, index, built-ins. */
class ModuleResolverTest {
  @TempDir
  Path root;
  private ModuleResolver resolver;

  private void write(String relative, String text) throws IOException {
    Path p = root.resolve("packages").resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @BeforeEach
  void setUp() throws IOException {
    write("app@1.0.0/.lightning.json", "{\"id\":\"app@1.0.0\",\"dependencies\":{\"dual\":\"dual@2.0.0\",\"@s/old\":\"@s/old@1.0.0\"}}");
    write("app@1.0.0/package.json", "{\"name\":\"app\",\"main\":\"lib/main\"}");
    write("app@1.0.0/lib/main.js", "");
    write("app@1.0.0/lib/util/index.js", "");
    write("app@1.0.0/data.json", "{}");
    write("dual@2.0.0/.lightning.json", "{\"id\":\"dual@2.0.0\",\"dependencies\":{}}");
    write("dual@2.0.0/package.json", """
        {"name":"dual","sideEffects":false,"exports":{".":{"import":"./esm/index.js","require":"./cjs/index.cjs"},
         "./sub/*":{"require":"./cjs/sub/*.cjs"},"./package.json":"./package.json","./hidden":null}}""");
    write("dual@2.0.0/cjs/index.cjs", "");
    write("dual@2.0.0/cjs/sub/a.cjs", "");
    write("dual@2.0.0/esm/index.js", "");
    write("@s/old@1.0.0/.lightning.json", "{\"id\":\"@s/old@1.0.0\",\"dependencies\":{}}");
    write("@s/old@1.0.0/package.json", "{\"name\":\"@s/old\"}");
    write("@s/old@1.0.0/index.js", "");
    write("@s/old@1.0.0/fp/package.json", "{\"main\":\"../dist/fp.js\"}");
    write("@s/old@1.0.0/dist/fp.js", "");
    resolver = new ModuleResolver(new AdaptorCache(root));
  }

  @Test
  void onlyAPackageDeclaringSideEffectsFalseIsSideEffectFree() throws IOException {
    assertTrue(resolver.sideEffectFree("/adaptors/dual@2.0.0/cjs/index.cjs"));
    assertEquals(false, resolver.sideEffectFree("/adaptors/app@1.0.0/lib/main.js"), "no sideEffects field");
    write("listed@1.0.0/package.json", "{\"name\":\"listed\",\"sideEffects\":[\"./polyfill.js\"]}");
    assertEquals(false, resolver.sideEffectFree("/adaptors/listed@1.0.0/index.js"), "a list of files with effects");
    assertEquals(false, resolver.sideEffectFree(ModuleResolver.NODE + "buffer.js"), "compatibility modules");
  }

  @Test
  void resolvesLikeNode() {
    String from = "/adaptors/app@1.0.0/lib/main.js";
    assertEquals("/adaptors/app@1.0.0/lib/main.js", resolver.entryOf(io.lightningop.runtime.adaptor.npm.PackageId.parse("app@1.0.0")));
    assertEquals("/adaptors/app@1.0.0/lib/util/index.js", resolver.resolve(from, "./util"));
    assertEquals("/adaptors/app@1.0.0/data.json", resolver.resolve(from, "../data"));
    assertEquals("/adaptors/dual@2.0.0/cjs/index.cjs", resolver.resolve(from, "dual"));
    assertEquals("/adaptors/dual@2.0.0/cjs/sub/a.cjs", resolver.resolve(from, "dual/sub/a"));
    assertEquals("/adaptors/dual@2.0.0/package.json", resolver.resolve(from, "dual/package.json"));
    assertEquals("/adaptors/@s/old@1.0.0/index.js", resolver.resolve(from, "@s/old"));
    assertEquals("/adaptors/@s/old@1.0.0/dist/fp.js", resolver.resolve(from, "@s/old/fp"));
  }

  @Test
  void builtinsAndReplacements() {
    String from = "/adaptors/app@1.0.0/lib/main.js";
    assertEquals("/adaptors/.node/stream.js", resolver.resolve(from, "node:stream"));
    assertEquals("/adaptors/.node/path.js", resolver.resolve(from, "path"));
    assertEquals("/adaptors/.node/undici.js", resolver.resolve(from, "undici"));
    assertEquals("missing:fs", resolver.resolve(from, "fs"));
    assertEquals("missing:fs/promises", resolver.resolve(from, "node:fs/promises"));
    assertThrows(ModuleResolver.ModuleNotFoundException.class, () -> resolver.resolve(from, "lightning:host"));
    assertEquals("lightning:host", resolver.resolve("/adaptors/.node/undici.js", "lightning:host"));
  }

  @Test
  void clearErrors() {
    String from = "/adaptors/app@1.0.0/lib/main.js";
    var notExported = assertThrows(ModuleResolver.ModuleNotFoundException.class, () -> resolver.resolve(from, "dual/hidden"));
    assertTrue(notExported.getMessage().contains("'./hidden' is not defined by \"exports\" in dual@2.0.0"), notExported.getMessage());
    var missing = assertThrows(ModuleResolver.ModuleNotFoundException.class, () -> resolver.resolve(from, "nope"));
    assertEquals("Cannot find module 'nope' required from " + from, missing.getMessage());
    assertThrows(ModuleResolver.ModuleNotFoundException.class, () -> resolver.resolve(from, "../../../../etc/passwd"));
  }
}
