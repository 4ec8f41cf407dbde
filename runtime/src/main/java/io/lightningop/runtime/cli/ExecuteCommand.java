package io.lightningop.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.runtime.js.ExecutionPlan;
import io.lightningop.runtime.js.JobRuntime;
import io.lightningop.runtime.js.PlanParser;
import io.lightningop.runtime.js.RunListener;
import io.lightningop.runtime.js.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code execute job.js -a adaptor [-s state.json] [-o out.json]}: one job, as OpenFn's CLI runs it. */
@Command(name = "execute", mixinStandardHelpOptions = true,
    description = "Compile and run one job locally, printing its logs; the final state goes to -o or stdout.")
final class ExecuteCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Integer> PRIORITY = Map.of("debug", 0, "info", 1, "always", 2, "warn", 2,
      "success", 2, "error", 3);

  @Parameters(paramLabel = "JOB", description = "job source file (JavaScript)")
  Path job;

  @Option(names = {"-a", "--adaptor"}, description = "adaptor, e.g. @openfn/language-common@3.3.4 (repeatable)")
  List<String> adaptors = List.of();

  @Option(names = {"-s", "--state"}, description = "initial state (JSON file)")
  Path state;

  @Option(names = {"-o", "--output"}, description = "write the final state here instead of stdout")
  Path output;

  @Option(names = "--timeout", description = "step timeout in ms (default ${DEFAULT-VALUE}; 0 = none)")
  long timeoutMs = 300_000;

  @Option(names = "--log", description = "log level: debug, info, default (warn/success and above), none")
  String level = "default";

  @Override
  public Integer call() throws IOException {
    String source = read(job, "job");
    JsonNode input = state == null ? null : parse(state);
    ObjectNode plan = JSON.createObjectNode().put("id", job.getFileName().toString());
    ObjectNode step = plan.putObject("workflow").putArray("steps").addObject()
        .put("id", "job").put("expression", source);
    ArrayNode a = step.putArray("adaptors");
    adaptors.forEach(a::add);
    ExecutionPlan parsed = PlanParser.parse(plan);
    int min = switch (level) {
      case "debug" -> 0;
      case "info" -> 1;
      case "none" -> 3;
      default -> 2;
    };
    RunListener printer = new RunListener() {
      @Override
      public void onLog(LogLine line) {
        // job and adaptor output is shown from info up (as OpenFn's CLI does); runtime lines per --log
        int floor = line.source().equals("R/T") ? min : Math.min(min, 1);
        if (PRIORITY.getOrDefault(line.level(), 1) < floor) return;
        String text = line.message().stream().map(m -> m.isTextual() ? m.asText() : m.toString())
            .collect(Collectors.joining(" "));
        System.err.printf("[%s] %s %s%n", line.source(), line.level(), text);
      }
    };
    // the step's Context (adaptor loaded) is prepared while its job compiles
    try (JobRuntime runtime = new JobRuntime(Adaptors.open(), 1)) {
      RunOptions options = RunOptions.defaults().withTimeouts(timeoutMs > 0 ? timeoutMs : null, null);
      RunListener.RunResult result = runtime.executor().execute(parsed, input, options, printer);
      if (!result.completed()) {
        System.err.println("execute: the run failed: " + result.thrown().path("name").asText() + ": "
            + result.thrown().path("message").asText());
        return 1;
      }
      String out = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result.result());
      if (output != null) Files.writeString(output, out + "\n");
      else System.out.println(out);
      return "success".equals(result.reason()) ? 0 : 1;
    }
  }

  private static String read(Path p, String what) throws IOException {
    if (!Files.isRegularFile(p)) throw new IOException(what + " file not found: " + p);
    return Files.readString(p);
  }

  private static JsonNode parse(Path p) throws IOException {
    try {
      return JSON.readTree(read(p, "state").isBlank() ? "{}" : Files.readString(p));
    } catch (IOException e) {
      throw new IOException(p + ": not valid JSON: " + e.getMessage(), e);
    }
  }
}
