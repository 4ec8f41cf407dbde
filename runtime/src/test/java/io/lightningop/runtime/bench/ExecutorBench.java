package io.lightningop.runtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.runtime.adaptor.NpmAdaptorModules;
import io.lightningop.runtime.js.ExecutionPlan;
import io.lightningop.runtime.js.JobRuntime;
import io.lightningop.runtime.js.PlanParser;
import io.lightningop.runtime.js.RunListener;
import io.lightningop.runtime.js.RunExecutor;
import io.lightningop.runtime.js.RunOptions;

/**
 * Prints per-step overhead and runs/s of the executor (a figure, not a test): one-step runs of a
 * small job on language-common, after a warm-up; each run gets a fresh Context and fresh adaptor
 * module state. Run with bench/runtime-executor.sh [warmup] [runs] [bare|cold|warm|both].
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
    String mode = args.length > 2 ? args[2] : "both";
    if (mode.equals("both") || mode.equals("cold")) measure(json, warmup, runs, 0);
    if (mode.equals("both") || mode.equals("warm")) measure(json, warmup, runs, JobRuntime.DEFAULT_WARM_CONTEXTS);
  }

  /** Runs arriving 100 ms apart (a worker that is not saturated): latency of each, as a step sees it. */
  private static void paced(JobRuntime runtime, ExecutionPlan p, ObjectNode input, RunListener quiet, int runs) {
    RunExecutor.WarmCounts before = runtime.executor().warmCounts();
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      long t = System.nanoTime();
      runtime.executor().execute(p, input, RunOptions.defaults(), quiet);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    java.util.Arrays.sort(ms);
    RunExecutor.WarmCounts after = runtime.executor().warmCounts();
    System.out.printf("%-30s   runs 100 ms apart: p50 %6.2f ms, p90 %6.2f ms per run, Context ready %d of %d%n", "",
        ms[runs / 2], ms[(int) (runs * 0.9)], after.hits() - before.hits(),
        after.hits() - before.hits() + after.misses() - before.misses());
  }

  /** One JobRuntime (its own Engine, so its own JIT warm-up) with {@code warmContexts} ready Contexts. */
  private static void measure(ObjectMapper json, int warmup, int runs, int warmContexts) {
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    System.out.println(warmContexts == 0
        ? "-- every step builds its Context when it starts (warm Contexts off)"
        : "-- " + warmContexts + " Context kept ready per adaptor set (the default)");
    try (JobRuntime runtime = new JobRuntime(NpmAdaptorModules.withDefaults(), warmContexts)) {
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
        RunExecutor.WarmCounts before = runtime.executor().warmCounts();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) runtime.executor().execute(p, input, RunOptions.defaults(), quiet);
        double avg = (System.nanoTime() - start) / 1e6 / runs;
        double cpuPerRun = (os.getProcessCpuTime() - cpu) / 1e6 / runs;
        RunExecutor.WarmCounts after = runtime.executor().warmCounts();
        System.out.printf("%-30s first run %5d ms | warm: %6.2f ms/run, %6.1f runs/s, process CPU %6.2f ms/run, "
                + "Context ready %d of %d (%d runs after %d warm-up)%n",
            job[0], firstMs, avg, 1000 / avg, cpuPerRun, after.hits() - before.hits(),
            after.hits() - before.hits() + after.misses() - before.misses(), runs, warmup);
        paced(runtime, p, input, quiet, Math.max(10, runs / 4));
      }
    }
  }
}
