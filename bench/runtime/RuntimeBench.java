// Drives our runtime (io.lightningop.runtime.js) over the workflows in workflows.json, the same
// way openfn-bench.mjs drives OpenFn's: W warm-up runs, then N timed runs one after another, in
// this one JVM, with the process-wide JobRuntime a worker uses (one shared Engine; a fresh
// Context per step). Launched as a single-file program by run.sh on the runtime's classpath.
// Usage: java ... RuntimeBench.java workflows.json URL N W
// Prints one "RESULT {json}" line per workflow.
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.runtime.adaptor.NpmAdaptorModules;
import io.lightningop.runtime.js.ExecutionPlan;
import io.lightningop.runtime.js.JobRuntime;
import io.lightningop.runtime.js.PlanParser;
import io.lightningop.runtime.js.RunListener;
import io.lightningop.runtime.js.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

public class RuntimeBench {
  static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    JsonNode spec = JSON.readTree(Files.readString(Path.of(args[0])));
    String url = args[1];
    int n = Integer.parseInt(args[2]);
    int w = Integer.parseInt(args[3]);
    RunOptions options = RunOptions.defaults();
    RunListener quiet = new RunListener() {}; // logs discarded, as on the Node side
    try (JobRuntime runtime = new JobRuntime(NpmAdaptorModules.withDefaults())) {
      for (JsonNode wf : spec.path("workflows")) {
        ExecutionPlan plan = PlanParser.parse(planOf(wf, url));
        JsonNode input = wf.get("input");
        RunListener.RunResult first = runtime.executor().execute(plan, input, options, quiet);
        if (!first.completed() || !"success".equals(first.reason())) {
          throw new IllegalStateException(wf.path("name").asText() + ": run ended " + first.reason() + " " + first.thrown());
        }
        JsonNode expect = wf.get("expect");
        if (expect != null) {
          JsonNode v = first.result();
          for (JsonNode k : expect.get("path")) v = v.path(k.asText());
          if (!v.equals(expect.get("value"))) {
            throw new IllegalStateException(wf.path("name").asText() + ": expected " + expect + ", got " + v);
          }
        }
        for (int i = 1; i < w; i++) runtime.executor().execute(plan, input, options, quiet);
        double[] lat = new double[n];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          long s = System.nanoTime();
          runtime.executor().execute(plan, input, options, quiet);
          lat[i] = (System.nanoTime() - s) / 1e6;
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Arrays.sort(lat);
        double mean = Arrays.stream(lat).average().orElse(0);
        int steps = wf.path("steps").size();
        ObjectNode out = JSON.createObjectNode()
            .put("impl", "ours io.lightningop.runtime (GraalJS, Java " + Runtime.version().feature() + ")")
            .put("workflow", wf.path("name").asText()).put("steps", steps).put("runs", n)
            .put("runsPerSec", n / wall).put("meanMs", mean).put("perStepMs", mean / steps)
            .put("p50Ms", pct(lat, 0.5)).put("p99Ms", pct(lat, 0.99)).put("peakRssMb", peakRssMb());
        System.out.println("RESULT " + out);
      }
    }
  }

  static ObjectNode planOf(JsonNode wf, String url) {
    ObjectNode plan = JSON.createObjectNode().put("id", wf.path("name").asText());
    var steps = plan.putObject("workflow").putArray("steps");
    for (JsonNode s : wf.path("steps")) {
      ObjectNode step = steps.addObject().put("id", s.path("id").asText())
          .put("expression", s.path("source").asText().replace("__URL__", url));
      step.putArray("adaptors").add(s.path("adaptor").asText());
      if (s.hasNonNull("next")) step.put("next", s.get("next").asText());
    }
    return plan;
  }

  static double pct(double[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  /** Peak resident set of this process (VmHWM), the same figure as Node's maxRSS. */
  static double peakRssMb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
    }
    return -1;
  }
}
