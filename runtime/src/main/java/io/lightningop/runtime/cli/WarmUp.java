package io.lightningop.runtime.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.runtime.adaptor.npm.AdaptorCache;
import io.lightningop.runtime.js.JobRuntime;
import io.lightningop.runtime.js.PlanParser;
import io.lightningop.runtime.js.RunListener;
import io.lightningop.runtime.js.RunOptions;
import io.lightningop.spec.semver.Semver;
import java.util.Comparator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's first run pays for loading the compiler, the kernel and an adaptor into a cold JVM
 * (seconds). Before claiming, the worker runs a one-operation job twice on the newest
 * language-common in its adaptor cache (no download: nothing if none is cached), so that cost is
 * paid before any run waits on it and language-common Contexts are kept ready from the start.
 */
final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
  static final String ADAPTOR = "@openfn/language-common";
  /** A broken cached package must not keep the worker from ever claiming. */
  private static final long LIMIT_MS = 120_000;

  private WarmUp() {}

  /** The adaptor specifier the warm-up uses, if the cache holds one. */
  static Optional<String> cachedAdaptor(AdaptorCache cache) {
    return cache.installedVersions(ADAPTOR).stream().max(Comparator.naturalOrder()).map(v -> ADAPTOR + "@" + v);
  }

  /** @return whether the warm-up runs succeeded (a failure is logged; the worker starts anyway) */
  static boolean run(JobRuntime runtime, Optional<String> adaptor) {
    long start = System.nanoTime();
    ObjectNode plan = JsonNodeFactory.instance.objectNode().put("id", "warm-up");
    ObjectNode step = plan.putObject("workflow").putArray("steps").addObject().put("id", "warm-up");
    if (adaptor.isPresent()) {
      step.put("expression", "fn(state => state);").putArray("adaptors").add(adaptor.get());
    } else {
      step.put("expression", "const op = (f) => (state) => f(state);\nop(state => state);");
    }
    boolean ok = true;
    for (int i = 0; i < 2; i++) { // twice: an adaptor set used twice is kept warm
      RunListener.RunResult r = runtime.executor().execute(PlanParser.parse(plan),
          JsonNodeFactory.instance.objectNode(), RunOptions.defaults().withTimeouts(null, LIMIT_MS), null);
      ok &= "success".equals(r.reason());
      if (!ok) {
        LOG.warn("warm-up run on {} ended {}: {}", adaptor.orElse("no adaptor"), r.reason(), r.thrown());
        break;
      }
    }
    LOG.info("warmed up in {} ms ({})", (System.nanoTime() - start) / 1_000_000, adaptor.orElse("no adaptor cached"));
    return ok;
  }
}
