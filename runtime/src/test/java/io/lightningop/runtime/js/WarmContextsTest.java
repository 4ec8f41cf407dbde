package io.lightningop.runtime.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Step Contexts prepared ahead of need: a step that finds its Context ready behaves exactly as one
 * whose Context is built when it starts (fresh module state, its own logs, its own globals).
 */
class WarmContextsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static RunListener.RunResult run(JobRuntime runtime, String job, List<String> logs) throws Exception {
    ObjectNode plan = JSON.createObjectNode().put("id", "warm");
    ObjectNode step = plan.putObject("workflow").putArray("steps").addObject().put("id", "job").put("expression", job);
    step.putArray("adaptors").add("@openfn/language-common@1.0.0");
    return runtime.executor().execute(PlanParser.parse(plan), JSON.readTree("{\"data\":{}}"), RunOptions.defaults(),
        new RunListener() {
          @Override public void onLog(LogLine line) { logs.add(line.source() + " " + JSON.valueToTree(line.message())); }
        });
  }

  /** Runs {@code job} twice (an adaptor set used twice is kept warm) and waits for a ready Context. */
  static void warmWith(JobRuntime runtime, String job) throws Exception {
    run(runtime, job, new ArrayList<>());
    run(runtime, job, new ArrayList<>());
    awaitReady(runtime);
  }

  static void awaitReady(JobRuntime runtime) throws InterruptedException {
    for (int i = 0; i < 600 && runtime.executor().warmCounts().ready() == 0; i++) Thread.sleep(50);
    assertTrue(runtime.executor().warmCounts().ready() > 0, "no Context was made ready in 30 s");
  }

  @Test
  void aReadyContextHasFreshAdaptorStateAndNoGlobalsLeftByAnEarlierRun() throws Exception {
    try (JobRuntime runtime = new JobRuntime(new FakeAdaptors(), 1)) {
      String job = "fn(state => { const seen = globalThis.leftover; globalThis.leftover = 'x'; return { ...state, seen: seen ?? null }; });\n"
          + "countCalls();";
      for (int i = 0; i < 2; i++) { // an adaptor set is kept warm once it has been used twice
        RunListener.RunResult first = run(runtime, job, new ArrayList<>());
        assertEquals(1, first.result().path("calls").asInt());
      }
      for (int i = 0; i < 3; i++) {
        awaitReady(runtime);
        long hits = runtime.executor().warmCounts().hits();
        RunListener.RunResult again = run(runtime, job, new ArrayList<>());
        assertEquals(hits + 1, runtime.executor().warmCounts().hits(), "the step did not use the ready Context");
        assertEquals(1, again.result().path("calls").asInt(), "adaptor module state survived a run");
        assertTrue(again.result().path("seen").isNull(), "a global set by an earlier run is visible");
      }
    }
  }

  @Test
  void logsOfAStepInAReadyContextAreItsOwn() throws Exception {
    try (JobRuntime runtime = new JobRuntime(new FakeAdaptors(), 1)) {
      warmWith(runtime, "fn(s => { console.log('first'); return s; });");
      List<String> logs = new ArrayList<>();
      run(runtime, "fn(s => { console.log('second'); return s; });", logs);
      assertTrue(logs.contains("JOB [\"second\"]"), logs.toString());
      assertTrue(logs.stream().noneMatch(l -> l.contains("first")), logs.toString());
    }
  }

  @Test
  void concurrentStepsEachGetTheirOwnContext() throws Exception {
    try (JobRuntime runtime = new JobRuntime(new FakeAdaptors(), 1)) {
      String job = "countCalls();";
      warmWith(runtime, job);
      var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
      try {
        List<java.util.concurrent.Future<RunListener.RunResult>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) results.add(pool.submit(() -> run(runtime, job, new ArrayList<>())));
        for (var f : results) {
          RunListener.RunResult r = f.get(120, java.util.concurrent.TimeUnit.SECONDS);
          assertEquals("success", r.reason(), String.valueOf(r.thrown()));
          assertEquals(1, r.result().path("calls").asInt(), "two steps shared a Context");
        }
      } finally {
        pool.shutdownNow();
      }
      assertTrue(runtime.executor().warmCounts().hits() > 0, "no step found a Context ready");
    }
  }

  @Test
  void logsMadeBeforeAStepClaimsItsContextReachThatStepFirst() {
    StepRunner.Hooks hooks = new StepRunner.Hooks();
    hooks.log("ADA", "info", "[\"while loading\"]");
    List<String> seen = new ArrayList<>();
    hooks.claim((source, level, json) -> seen.add(source + " " + level + " " + json), () -> {});
    hooks.log("JOB", "info", "[\"during the step\"]");
    assertEquals(List.of("ADA info [\"while loading\"]", "JOB info [\"during the step\"]"), seen);
  }

  @Test
  void aStepKilledByItsTimeoutDoesNotStopTheNextFromFindingAReadyContext() throws Exception {
    try (JobRuntime runtime = new JobRuntime(new FakeAdaptors(), 1)) {
      warmWith(runtime, "fn(s => s);");
      ObjectNode plan = JSON.createObjectNode().put("id", "loop");
      plan.putObject("options").put("timeout", 300);
      ObjectNode step = plan.putObject("workflow").putArray("steps").addObject().put("id", "job")
          .put("expression", "fn(s => { while (true) {} });");
      step.putArray("adaptors").add("@openfn/language-common@1.0.0");
      RunListener.RunResult killed = runtime.executor().execute(PlanParser.parse(plan), JSON.readTree("{}"),
          RunOptions.defaults(), null);
      assertEquals("kill", killed.reason());
      awaitReady(runtime);
      RunListener.RunResult next = run(runtime, "countCalls();", new ArrayList<>());
      assertEquals("success", next.reason());
      assertEquals(1, next.result().path("calls").asInt());
    }
  }
}
