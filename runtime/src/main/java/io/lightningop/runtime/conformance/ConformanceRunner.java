package io.lightningop.runtime.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightningop.runtime.js.RunExecutor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs every case of a corpus folder and compares each with its {@code expected.json}. */
public final class ConformanceRunner {
  /** One case's verdict: {@code difference} is null when it passed. */
  public record Verdict(String caseId, String difference, long millis) {
    public boolean passed() { return difference == null; }
  }

  private final CaseRunner runner;

  public ConformanceRunner(RunExecutor executor) {
    this.runner = new CaseRunner(executor);
  }

  /** Runs the cases under {@code dir} (sorted by folder name), printing failures to {@code out}. */
  public List<Verdict> runAll(Path dir, PrintStream out) throws IOException {
    return runAll(dir, id -> true, out);
  }

  /** Runs the cases whose folder name {@code select} accepts. */
  public List<Verdict> runAll(Path dir, java.util.function.Predicate<String> select, PrintStream out) throws IOException {
    if (!Files.isDirectory(dir)) throw new IOException(dir + ": not a directory");
    List<Path> cases;
    try (Stream<Path> s = Files.list(dir)) {
      cases = s.filter(p -> Files.isRegularFile(p.resolve("case.json")))
          .filter(p -> select.test(p.getFileName().toString())).sorted().toList();
    }
    if (cases.isEmpty()) throw new IOException(dir + ": no case folders (with case.json) found");
    List<Verdict> verdicts = new ArrayList<>();
    for (Path p : cases) {
      long start = System.currentTimeMillis();
      String id = p.getFileName().toString();
      String difference;
      try {
        ConformanceCase c = ConformanceCase.load(p);
        if (c.expected() == null) {
          difference = "no expected.json";
        } else {
          JsonNode actual = runner.run(c);
          difference = CaseComparator.firstDifference(id, c.expected(), actual);
        }
      } catch (IOException | RuntimeException e) {
        difference = "error: " + e;
      }
      Verdict v = new Verdict(id, difference, System.currentTimeMillis() - start);
      verdicts.add(v);
      if (!v.passed() && out != null) out.println("FAIL " + id + ": " + difference);
    }
    return verdicts;
  }
}
