package io.lightningop.operator.channel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.lightningop.operator.state.Run;
import io.lightningop.operator.state.RunOptions;
import io.lightningop.runtime.channel.Worker;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Workers and control planes that go away mid-run. */
class WorkerFaultsIT {

  /** Busy for {@code ms} (the minimal executor has no async operations), then passes state on. */
  static String slow(long ms) {
    return "fn(state => { console.log('working'); const t = Date.now(); while (Date.now() - t < " + ms + ") {} "
        + "state.data.n = state.data.n + 1; return state; });";
  }

  ChannelPlane cp;
  Worker worker;

  @AfterEach
  void stop() throws Exception {
    if (worker != null) worker.close();
    if (cp != null) cp.close();
  }

  @Test
  void workerKilledMidRunLeavesTheRunLostAfterItsLease() throws Exception {
    cp = new ChannelPlane(Duration.ofMillis(500)).seed(slow(4000), WorkerLoopIT.SECOND, "retain_all").start();
    worker = TestWorkers.start(cp.workerUrl(), cp.secrets, 1);
    UUID run = cp.enqueue("{\"n\": 1}", new RunOptions(1000, true, true));
    await().atMost(Duration.ofSeconds(60)).until(() -> cp.steps(run).size() == 1);
    worker.close(); // abrupt: no drain, the socket just goes away
    worker = null;

    assertTrue(cp.queue.markLost().isEmpty(), "the lease has not run out yet");
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
        .until(() -> !cp.queue.markLost().isEmpty() || "lost".equals(cp.runRow(run).get("state")));
    Map<String, Object> row = cp.runRow(run);
    assertEquals("lost", row.get("state"));
    assertEquals("LostAfterStart", row.get("error_type"));
    assertEquals("lost", cp.steps(run).get(0).get("exit_reason"));
    assertEquals("lost", cp.workOrderState(run));
  }

  @Test
  void lateCompletionResolvesALostRunToItsRealResult() throws Exception {
    // Token lifetimes are whole seconds (JWT exp), so the lease is 1.5 s and the job runs 4 s.
    cp = new ChannelPlane(Duration.ZERO).seed(slow(4000), WorkerLoopIT.SECOND, "retain_all").start();
    worker = TestWorkers.start(cp.workerUrl(), cp.secrets, 1);
    UUID run = cp.enqueue("{\"n\": 1}", new RunOptions(1500, true, true));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
      List<Run> lost = cp.queue.markLost();
      return lost.stream().anyMatch(r -> r.id().equals(run));
    });
    assertEquals("lost", cp.runRow(run).get("state"), "the janitor gave up on it while the job still ran");

    await().atMost(Duration.ofSeconds(60)).until(() -> "success".equals(cp.runRow(run).get("state")));
    assertNull(cp.runRow(run).get("error_type"));
    assertEquals(List.of("success", "success"), cp.steps(run).stream().map(s -> s.get("exit_reason")).toList());
    assertEquals("success", cp.workOrderState(run));
  }

  @Test
  void controlPlaneRestartMidRunWorkerReconnectsAndNothingIsDuplicated() throws Exception {
    cp = new ChannelPlane(Duration.ofSeconds(10)).seed(slow(2500), WorkerLoopIT.SECOND, "retain_all").start();
    worker = TestWorkers.start(cp.workerUrl(), cp.secrets, 1);
    UUID run = cp.enqueue("{\"n\": 1}", RunOptions.defaults());
    await().atMost(Duration.ofSeconds(60)).until(() -> cp.logs(run).contains("working"));

    long t0 = System.nanoTime();
    cp.restart();
    await().atMost(Duration.ofSeconds(30)).until(() -> "success".equals(cp.runRow(run).get("state")));
    System.out.printf("restart-to-success: %d ms%n", (System.nanoTime() - t0) / 1_000_000);

    List<Map<String, Object>> steps = cp.steps(run);
    assertEquals(2, steps.size(), "each step stored once");
    assertEquals(List.of(cp.firstJob, cp.secondJob), steps.stream().map(s -> s.get("job_id")).toList());
    List<String> logs = cp.logs(run);
    List<String> keyed = cp.jdbi().withHandle(h -> h.createQuery(
        "SELECT timestamp || '|' || coalesce(step_id::text, '') || '|' || message FROM log_lines WHERE run_id = :id")
        .bind("id", run).mapTo(String.class).list());
    assertEquals(new HashSet<>(keyed).size(), keyed.size(), "no log line stored twice: " + logs);
    assertEquals(1, logs.stream().filter("second got 2"::equals).count());
    assertEquals(20, cp.dataclipBody((UUID) cp.runRow(run).get("final_dataclip_id")).path("data").path("total").asInt());
  }

  @Test
  void drainLetsTheRunInProgressFinishAndClaimsNothingMore() throws Exception {
    cp = new ChannelPlane(Duration.ofSeconds(10)).seed(slow(1500), WorkerLoopIT.SECOND, "retain_all").start();
    worker = TestWorkers.start(cp.workerUrl(), cp.secrets, 1);
    UUID first = cp.enqueue("{\"n\": 1}", RunOptions.defaults());
    await().atMost(Duration.ofSeconds(60)).until(() -> cp.logs(first).contains("working"));
    UUID second = cp.enqueue("{\"n\": 5}", RunOptions.defaults());

    assertTrue(worker.drain(), "the run finished within the grace period");
    worker = null;
    assertEquals("success", cp.runRow(first).get("state"));
    assertEquals("available", cp.runRow(second).get("state"), "a draining worker claims nothing");
  }
}
