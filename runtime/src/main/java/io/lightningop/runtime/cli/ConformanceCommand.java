package io.lightningop.runtime.cli;

import io.lightningop.runtime.conformance.ConformanceRunner;
import io.lightningop.runtime.conformance.MockHttpServer;
import io.lightningop.runtime.js.JobRuntime;
import java.net.BindException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code conformance DIR}: every case of a corpus folder through our compiler and executor. */
@Command(name = "conformance", mixinStandardHelpOptions = true,
    description = "Run every case in DIR (compiled from its *.job.js), compare with expected.json, "
        + "print one line per failing case and 'N passed, M failed'. Starts the corpus' reference "
        + "HTTP server on 127.0.0.1.")
final class ConformanceCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "folder of case folders (each with case.json)")
  Path dir;

  @Parameters(index = "1..*", paramLabel = "FILTER", description = "only cases whose folder name contains one of these")
  List<String> filters = List.of();

  @Option(names = "--port", description = "port of the reference HTTP server (the http cases use ${DEFAULT-VALUE})")
  int port = MockHttpServer.DEFAULT_PORT;

  @Override
  public Integer call() throws Exception {
    MockHttpServer server;
    try {
      server = new MockHttpServer(port);
    } catch (BindException e) {
      System.err.println("conformance: cannot start the reference HTTP server on 127.0.0.1:" + port
          + " (" + e.getMessage() + "); is another conformance run using it? Use --port");
      return 2;
    }
    try (server; JobRuntime runtime = new JobRuntime(Adaptors.open())) {
      List<ConformanceRunner.Verdict> verdicts = new ConformanceRunner(runtime.executor())
          .runAll(dir, id -> filters.isEmpty() || filters.stream().anyMatch(id::contains), System.out);
      long passed = verdicts.stream().filter(ConformanceRunner.Verdict::passed).count();
      System.out.println(passed + " passed, " + (verdicts.size() - passed) + " failed");
      return passed == verdicts.size() ? 0 : 1;
    }
  }
}
