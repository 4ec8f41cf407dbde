package io.lightningop.runtime.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.runtime.adaptor.NpmAdaptorModules;
import io.lightningop.runtime.js.JobRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared runtime corpus (copied into test resources) through our compiler, executor and the
 * real npm adaptors, against the reference HTTP server: every case must pass except the
 * documented allow-list.
 */
class ConformanceIT {
  @Test
  void everyCaseConformsToTheOracle() throws Exception {
    Path root = Path.of(getClass().getResource("/conformance/cases").toURI());
    Map<String, String> allowed = new LinkedHashMap<>();
    for (String line : Files.readAllLines(root.resolveSibling("allowlist.txt"))) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) continue;
      String[] parts = l.split("\\s+", 2);
      assertTrue(parts.length == 2 && !parts[1].isBlank(), "allow-list entry without a reason: " + line);
      allowed.put(parts[0], parts[1]);
    }
    List<ConformanceRunner.Verdict> verdicts;
    long start = System.currentTimeMillis();
    try (MockHttpServer server = referenceServer();
         JobRuntime runtime = new JobRuntime(NpmAdaptorModules.withDefaults())) {
      verdicts = new ConformanceRunner(runtime.executor()).runAll(root, System.out);
    }
    long passed = verdicts.stream().filter(ConformanceRunner.Verdict::passed).count();
    System.out.printf("%d passed, %d failed in %d ms%n", passed, verdicts.size() - passed, System.currentTimeMillis() - start);
    assertEquals(81, verdicts.size(), "corpus size");
    List<String> unexpected = new ArrayList<>();
    for (ConformanceRunner.Verdict v : verdicts) {
      if (!v.passed() && !allowed.containsKey(v.caseId())) unexpected.add(v.caseId() + ": " + v.difference());
    }
    assertEquals(List.of(), unexpected);
  }

  /**
   * The corpus's http cases name port 18931, so the server cannot take a free port; another
   * conformance run on the machine may hold it for a while, so wait for it (up to a minute).
   */
  private static MockHttpServer referenceServer() throws Exception {
    for (int i = 0; ; i++) {
      try {
        return new MockHttpServer(MockHttpServer.DEFAULT_PORT);
      } catch (java.net.BindException e) {
        if (i >= 60) throw new java.net.BindException("127.0.0.1:" + MockHttpServer.DEFAULT_PORT
            + " stayed in use for a minute; the conformance corpus's http cases need that port: " + e.getMessage());
        Thread.sleep(1000);
      }
    }
  }
}
