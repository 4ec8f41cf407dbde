package io.lightningop.runtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.runtime.adaptor.NpmAdaptorModules;
import io.lightningop.runtime.js.ExecutionPlan;
import io.lightningop.runtime.js.JobRuntime;
import io.lightningop.runtime.js.PlanParser;
import io.lightningop.runtime.js.RunListener;
import io.lightningop.runtime.js.RunOptions;

/**
 * Prints per-step overhead and runs/s of the executor (a figure, not a test): one-step runs of a
 * small job on language-common, after a warm-up; each run gets a fresh Context and fresh adaptor
 * module state. Run with bench/runtime-executor.sh.
 */
public final class ExecutorBench {
  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    ObjectMapper json = new ObjectMapper();
    if (args.length > 2 && args[2].equals("bare")) {
      try (JobRuntime bare = new JobRuntime(null)) {
        ObjectNode plan = json.createObjectNode().put("id", "bench");
        plan.putObject("workflow").putArray("steps").addObject().put("id", "job")
            .put("expression", "const op = (f) => (s) => f(s);\nop(state => ({ ...state, n: 1 }));");
        ExecutionPlan p = PlanParser.parse(plan);
        for (int i = 0; i < warmup; i++) bare.executor().execute(p, null, RunOptions.defaults(), null);
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) bare.executor().execute(p, null, RunOptions.defaults(), null);
        double avg = (System.nanoTime() - start) / 1e6 / runs;
        System.out.printf("%-32s warm: %7.2f ms/run, %6.1f runs/s%n", "no adaptor loader at all", avg, 1000 / avg);
      }
      return;
    }
    try (JobRuntime runtime = new JobRuntime(NpmAdaptorModules.withDefaults())) {
      for (String[] job : new String[][] {
          {"no adaptor", "const op = (f) => (s) => f(s);\nop(state => ({ ...state, n: 1 }));", null},
          {"language-common fn", "fn(state => ({ ...state, n: state.data.x * 2 }));", "@openfn/language-common@3.3.4"},
          {"language-common 3 ops + each", "fn(s => s);\neach('$.data.items[*]', fn(state => state));\nfn(s => ({ ...s, done: true }));", "@openfn/language-common@3.3.4"}}) {
        ObjectNode plan = json.createObjectNode().put("id", "bench");
        ObjectNode step = plan.putObject("workflow").putArray("steps").addObject().put("id", "job").put("expression", job[1]);
        if (job[2] != null) step.putArray("adaptors").add(job[2]);
        ExecutionPlan p = PlanParser.parse(plan);
        ObjectNode input = json.createObjectNode();
        input.putObject("data").put("x", 21).putArray("items").add(1).add(2).add(3);
        RunListener quiet = new RunListener() {};
        long first = System.nanoTime();
        RunListener.RunResult r = runtime.executor().execute(p, input, RunOptions.defaults(), quiet);
        long firstMs = (System.nanoTime() - first) / 1_000_000;
        if (!r.completed() || !"success".equals(r.reason())) throw new IllegalStateException(job[0] + ": " + r.thrown() + r.steps());
        for (int i = 0; i < warmup; i++) runtime.executor().execute(p, input, RunOptions.defaults(), quiet);
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) runtime.executor().execute(p, input, RunOptions.defaults(), quiet);
        double avg = (System.nanoTime() - start) / 1e6 / runs;
        System.out.printf("%-32s first run %5d ms | warm: %7.2f ms/run, %6.1f runs/s (%d runs after %d warm-up)%n",
            job[0], firstMs, avg, 1000 / avg, runs, warmup);
      }
    }
  }
}
