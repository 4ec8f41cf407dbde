package io.lightningop.runtime.adaptor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Prints how long a fresh Context takes to load each adaptor (first and warm). A figure for the
 * report, not a timed assertion; it asserts only that every load yields working exports. Named
 * without a Test/IT suffix so the suite skips it; run it as bench/README.md says.
 */
class AdaptorLoadBenchmark {

  @Test
  void loadTimePerFreshContext() throws Exception {
    for (String spec : new String[] {AdaptorHarness.COMMON, AdaptorHarness.HTTP}) {
      AdaptorHarness.modules().entryFor(spec); // install and learn exports outside the timing
      long[] ms = new long[Integer.getInteger("adaptor.bench.runs", 5)];
      long[] prepare = new long[ms.length];
      for (int i = 0; i < ms.length; i++) {
        long start = System.nanoTime();
        try (var job = new AdaptorHarness.Job()) {
          prepare[i] = (System.nanoTime() - start) / 1_000_000;
          String out = job.run("import { fn } from 'adaptor:" + spec + "';\nexport default [fn(s => ({ n: " + i + " }))];", "{}");
          ms[i] = (System.nanoTime() - start) / 1_000_000;
          assertEquals("{\"n\":" + i + "}", out);
        }
      }
      System.out.printf("[adaptor-load] of which Context + prepare (loader and compatibility modules): %s%n", java.util.Arrays.toString(prepare));
      long warm = 0;
      int from = Math.min(2, ms.length - 1);
      for (int i = from; i < ms.length; i++) warm += ms[i];
      System.out.printf("[adaptor-load] %s (%s): fresh Context + import + 1 op: first %d ms, second %d ms, warm avg (runs 3+) %d ms; all %s%n",
          spec, AdaptorHarness.engine().getImplementationName(), ms[0], ms[1], warm / (ms.length - from), java.util.Arrays.toString(ms));
    }
  }
}
