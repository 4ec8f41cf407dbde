package io.lightningop.operator.channel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.lightningop.operator.state.RunOptions;
import io.lightningop.runtime.channel.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our worker against our control plane on loopback: claim → plan → steps → complete, stored. */
class WorkerLoopIT {

  static final String FIRST = """
      fn(state => {
        console.log('calling with', state.configuration.password, 'as', state.configuration.username);
        state.data.n = state.data.n + 1;
        return state;
      });
      """;
  static final String SECOND = """
      fn(state => { console.log('second got', state.data.n); return { data: { total: state.data.n * 10 } }; });
      """;

  ChannelPlane cp;
  Worker worker;

  @AfterEach
  void stop() throws Exception {
    if (worker != null) worker.close();
    if (cp != null) cp.close();
  }

  static Worker worker(ChannelPlane cp, int capacity) {
    return TestWorkers.start(cp.workerUrl(), cp.secrets, capacity);
  }

  @Test
  void webhookRunIsClaimedExecutedAndStoredWithScrubbedLogs() throws Exception {
    cp = new ChannelPlane(Duration.ofSeconds(10)).seed(FIRST, SECOND, "retain_all").start();
    worker = TestWorkers.startReal(cp.workerUrl(), cp.secrets, 2); // the runtime's GraalJS executor, real adaptor
    long t0 = System.nanoTime();
    UUID run = cp.enqueue("{\"n\": 1}", RunOptions.defaults());

    // generous: the first run of a JVM compiles the job compiler and loads the adaptor
    await().atMost(Duration.ofSeconds(120)).until(() -> "success".equals(cp.runRow(run).get("state")));
    System.out.printf("webhook-to-success latency: %d ms%n", (System.nanoTime() - t0) / 1_000_000);

    Map<String, Object> row = cp.runRow(run);
    assertEquals("test-worker", row.get("worker_name"));
    assertNotNull(row.get("started_at"));
    assertEquals("success", cp.workOrderState(run));

    List<Map<String, Object>> steps = cp.steps(run);
    assertEquals(2, steps.size());
    assertEquals(cp.firstJob, steps.get(0).get("job_id"));
    assertEquals(cp.secondJob, steps.get(1).get("job_id"));
    assertEquals("success", steps.get(0).get("exit_reason"));
    // the first step's input is the run's dataclip, the second's is the first's output
    assertEquals(row.get("dataclip_id"), steps.get(0).get("input_dataclip_id"));
    assertEquals(steps.get(0).get("output_dataclip_id"), steps.get(1).get("input_dataclip_id"));
    var firstOut = ChannelPlane.JSON.readTree((String) steps.get(0).get("output_body"));
    assertEquals(2, firstOut.path("data").path("n").asInt());
    assertFalse(firstOut.has("configuration"), "credentials never reach a dataclip");
    assertEquals(steps.get(1).get("output_dataclip_id"), row.get("final_dataclip_id"));
    assertEquals(20, cp.dataclipBody((UUID) row.get("final_dataclip_id")).path("data").path("total").asInt());

    List<String> logs = cp.logs(run);
    assertTrue(logs.stream().anyMatch(l -> l.matches("calling with \\*+ as \\*+")), logs.toString());
    assertTrue(logs.contains("second got 2"), logs.toString());
    assertTrue(logs.contains("Run complete with status: success"), logs.toString());
    assertTrue(logs.stream().noneMatch(l -> l.contains(ChannelPlane.PASSWORD)));
  }

  @Test
  void zeroPersistenceStoresOnlyWipedPlaceholdersAndWipesTheInput() throws Exception {
    cp = new ChannelPlane(Duration.ofSeconds(10)).seed(FIRST, SECOND, "erase_all").start();
    worker = worker(cp, 1);
    UUID run = cp.enqueue("{\"n\": 1}", new RunOptions(RunOptions.DEFAULT_TIMEOUT_MS, false, true));
    await().atMost(Duration.ofSeconds(60)).until(() -> "success".equals(cp.runRow(run).get("state")));

    for (Map<String, Object> s : cp.steps(run)) {
      assertNotNull(s.get("output_dataclip_id"));
      assertNull(s.get("output_body"));
      assertNotNull(s.get("output_wiped_at"));
    }
    assertNull(cp.dataclipBody((UUID) cp.runRow(run).get("dataclip_id")), "input wiped once fetched");
    assertTrue(cp.logs(run).contains("second got 2"), "logs are still kept");
  }

  @Test
  void failingJobFailsTheRunAndStopsTheSuccessPath() throws Exception {
    cp = new ChannelPlane(Duration.ofSeconds(10))
        .seed("fn(state => { throw new Error('boom'); });", SECOND, "retain_all").start();
    worker = worker(cp, 1);
    UUID run = cp.enqueue("{\"n\": 1}", RunOptions.defaults());
    await().atMost(Duration.ofSeconds(60)).until(() -> "failed".equals(cp.runRow(run).get("state")));
    List<Map<String, Object>> steps = cp.steps(run);
    assertEquals(1, steps.size(), "on_job_success edge not taken");
    assertEquals("fail", steps.get(0).get("exit_reason"));
    assertEquals("JobError", steps.get(0).get("error_type"));
    assertEquals("failed", cp.workOrderState(run));
  }
}
