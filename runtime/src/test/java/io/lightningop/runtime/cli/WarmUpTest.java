package io.lightningop.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.runtime.adaptor.NpmAdaptorModules;
import io.lightningop.runtime.adaptor.npm.AdaptorCache;
import io.lightningop.runtime.js.JobRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's warm-up before its first claim. */
class WarmUpTest {
  @Test
  void usesTheNewestCachedLanguageCommonAndNothingWhenNoneIsCached(@TempDir Path root) throws Exception {
    AdaptorCache cache = new AdaptorCache(root);
    assertEquals(Optional.empty(), WarmUp.cachedAdaptor(cache));
    for (String v : new String[] {"3.3.1", "3.10.0", "3.3.4"}) {
      Path dir = cache.packagesDir().resolve("@openfn/language-common@" + v);
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(".lightning.json"), "{}");
    }
    Files.createDirectories(cache.packagesDir().resolve("@openfn/language-common@9.9.9")); // no marker: not installed
    assertEquals(Optional.of("@openfn/language-common@3.10.0"), WarmUp.cachedAdaptor(cache));
  }

  @Test
  void afterTheWarmUpTheAdaptorSetIsKeptReadyForTheFirstRealRun() throws Exception {
    try (JobRuntime runtime = new JobRuntime(NpmAdaptorModules.withDefaults(), 1)) {
      assertTrue(WarmUp.run(runtime, Optional.of("@openfn/language-common@3.3.4")));
      for (int i = 0; i < 600 && runtime.executor().warmCounts().ready() == 0; i++) Thread.sleep(50);
      assertEquals(1, runtime.executor().warmCounts().ready());
    }
    try (JobRuntime bare = new JobRuntime(NpmAdaptorModules.withDefaults(), 0)) {
      assertTrue(WarmUp.run(bare, Optional.empty()));
    }
  }
}
