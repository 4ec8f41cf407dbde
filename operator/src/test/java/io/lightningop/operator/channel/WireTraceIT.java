package io.lightningop.operator.channel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightningop.operator.state.RunOptions;
import io.lightningop.runtime.channel.Worker;
import io.lightningop.spec.worker.BinaryReply;
import io.lightningop.spec.worker.PhoenixFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Records the frames of one normal run between our worker and our control plane and checks them
 * against the minimal wire trace of lightning-protocols.md §4.17, field by field.
 */
class WireTraceIT {

  @Test
  void normalRunMatchesTheSpecTrace() throws Exception {
    try (ChannelPlane cp = new ChannelPlane(Duration.ofSeconds(10))
            .seed(WorkerLoopIT.FIRST, WorkerLoopIT.SECOND, "retain_all").start();
        FrameRecorder rec = new FrameRecorder(cp.port())) {
      UUID run = cp.enqueue("{\"n\": 1}", RunOptions.defaults());
      Worker worker = TestWorkers.start(rec.url(), cp.secrets, 1);
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> "success".equals(cp.runRow(run).get("state")));
        await().atMost(Duration.ofSeconds(5)).until(() -> rec.frames().stream()
            .anyMatch(f -> f.toServer() && f.text() != null && f.text().contains("\"phx_leave\"")));
      } finally {
        worker.close();
      }
      check(cp, run, rec.frames());
    }
  }

  private void check(ChannelPlane cp, UUID run, List<FrameRecorder.Frame> all) throws Exception {
    List<FrameRecorder.Frame> frames = new ArrayList<>();
    for (FrameRecorder.Frame f : all) {
      if (f.text() == null || !f.text().contains("\"phoenix\"")) frames.add(f); // drop heartbeats
    }
    Cursor c = new Cursor(frames);
    String runTopic = "run:" + run;

    // → [ "1", "1", "worker:queue", "phx_join", {"capacity":1,"queues":{"manual>*":1}} ]
    PhoenixFrame join = c.sent("worker:queue", "phx_join");
    assertEquals(join.ref(), join.joinRef());
    assertEquals("{\"capacity\":1,\"queues\":{\"manual>*\":1}}", join.payload().toString());
    // ← [ "1", "1", "worker:queue", "phx_reply", {"status":"ok","response":{}} ]
    assertEquals("{\"status\":\"ok\",\"response\":{}}", c.replyTo(join).payload().toString());

    // → claim {"demand":1,"worker_name":…,"queues":["manual","*"]}
    PhoenixFrame claim = c.sent("worker:queue", "claim");
    assertEquals(join.joinRef(), claim.joinRef());
    assertEquals("{\"demand\":1,\"worker_name\":\"test-worker\",\"queues\":[\"manual\",\"*\"]}", claim.payload().toString());
    PhoenixFrame claimed = c.replyTo(claim);
    assertEquals("ok", claimed.replyStatus());
    JsonNode runs = claimed.replyResponse().get("runs");
    assertEquals(1, runs.size());
    assertEquals(Set.of("id", "token"), fields(runs.get(0)));
    assertEquals(run.toString(), runs.get(0).get("id").asText());
    String token = runs.get(0).get("token").asText();

    // → [ "3", "3", "run:R", "phx_join", {"token":"T"} ] ← ok {}
    PhoenixFrame runJoin = c.sent(runTopic, "phx_join");
    assertEquals(runJoin.ref(), runJoin.joinRef());
    assertEquals(token, runJoin.payload().get("token").asText());
    assertEquals("{\"status\":\"ok\",\"response\":{}}", c.replyTo(runJoin).payload().toString());

    // → fetch:plan {} ← ok plan
    PhoenixFrame fetchPlan = c.sent(runTopic, "fetch:plan");
    assertEquals(runJoin.joinRef(), fetchPlan.joinRef());
    assertEquals("{}", fetchPlan.payload().toString());
    JsonNode plan = c.replyTo(fetchPlan).replyResponse();
    assertEquals(Set.of("id", "project_id", "dataclip_id", "starting_node_id", "triggers", "jobs", "edges", "options"), fields(plan));
    assertEquals(run.toString(), plan.get("id").asText());
    assertEquals(cp.trigger.toString(), plan.get("starting_node_id").asText());
    assertEquals(Set.of("id", "name", "adaptor", "credential_id", "body"), fields(plan.get("jobs").get(0)));
    assertEquals(cp.credential.toString(), plan.get("jobs").get(0).get("credential_id").asText());
    assertEquals(Set.of("id", "source_trigger_id", "source_job_id", "target_job_id", "condition", "enabled"),
        fields(plan.get("edges").get(0)));
    assertEquals("on_job_success", plan.get("edges").get(1).get("condition").asText());
    assertTrue(plan.get("options").get("output_dataclips").asBoolean());

    // → fetch:dataclip {"id":"D"} ← binary 0x01 | lengths | "3" "5" "run:R" "ok" | {"data":…,"request":…}
    PhoenixFrame fetchClip = c.sent(runTopic, "fetch:dataclip");
    assertEquals(plan.get("dataclip_id").asText(), fetchClip.payload().get("id").asText());
    byte[] bin = c.binaryReply();
    BinaryReply clip = BinaryReply.decode(bin);
    assertEquals(1, bin[0]);
    assertEquals(fetchClip.joinRef().length(), bin[1]);
    assertEquals(fetchClip.ref().length(), bin[2]);
    assertEquals(runTopic.length(), bin[3]);
    assertEquals(2, bin[4]);
    assertEquals(fetchClip.joinRef(), clip.joinRef());
    assertEquals(fetchClip.ref(), clip.ref());
    assertEquals(runTopic, clip.topic());
    assertEquals("ok", clip.status());
    JsonNode input = ChannelPlane.JSON.readTree(new String(clip.data(), StandardCharsets.UTF_8));
    assertEquals(1, input.get("data").get("n").asInt());
    assertEquals("POST", input.get("request").get("method").asText());

    // → run:start {"versions":{…},"timestamp":"<µs>"} ← ok null
    PhoenixFrame start = c.sent(runTopic, "run:start");
    assertTrue(start.payload().get("versions").isObject());
    assertTrue(start.payload().get("timestamp").asText().matches("\\d{16}"));
    assertEquals("{\"status\":\"ok\",\"response\":null}", c.replyTo(start).payload().toString());

    // … run:log / step:start / fetch:credential / step:complete … ; lifecycle events one at a time
    int steps = 0;
    int logs = 0;
    boolean credential = false;
    PhoenixFrame complete = null;
    while (complete == null) {
      PhoenixFrame f = c.nextSent(runTopic);
      assertEquals(runJoin.joinRef(), f.joinRef(), "every push on the run channel carries its join_ref");
      PhoenixFrame reply = c.replyTo(f);
      assertEquals("ok", reply.replyStatus(), f.event() + " → " + reply.payload());
      switch (f.event()) {
        case "run:log" -> {
          logs++;
          assertEquals(Set.of("run_id", "message", "source", "level", "timestamp"),
              without(fields(f.payload()), "step_id"));
          assertTrue(f.payload().get("message").isArray());
          assertTrue(f.payload().get("timestamp").asText().matches("\\d{16}"));
          assertTrue(reply.replyResponse().has("log_line_id"));
        }
        case "step:start" -> {
          steps++;
          assertEquals(Set.of("step_id", "job_id", "input_dataclip_id", "timestamp"), fields(f.payload()));
          assertEquals(f.payload().get("step_id"), reply.replyResponse().get("step_id"));
        }
        case "fetch:credential" -> {
          credential = true;
          assertEquals(cp.credential.toString(), f.payload().get("id").asText());
          assertEquals(ChannelPlane.PASSWORD, reply.replyResponse().get("password").asText());
        }
        case "step:complete" -> {
          assertTrue(fields(f.payload()).containsAll(Set.of("step_id", "job_id", "reason", "error_type", "error_message",
              "output_dataclip_id", "output_dataclip", "mem", "duration", "thread_id", "timestamp")));
          assertTrue(f.payload().get("output_dataclip").isTextual(), "output_dataclip is a JSON string");
          assertEquals(f.payload().get("step_id"), reply.replyResponse().get("step_id"));
        }
        case "run:complete" -> complete = f;
        default -> fail("unexpected event " + f.event());
      }
    }
    assertEquals(2, steps);
    assertTrue(logs >= 3, "job logs and the runtime's completion line");
    assertTrue(credential);

    // → run:complete {"reason":"success","error_type":null,"error_message":null,"timestamp","final_state","final_dataclip_id"}
    JsonNode p = complete.payload();
    assertEquals(Set.of("reason", "error_type", "error_message", "timestamp", "final_state", "final_dataclip_id"), fields(p));
    assertEquals("success", p.get("reason").asText());
    assertTrue(p.get("error_type").isNull());
    assertTrue(p.get("error_message").isNull());
    assertEquals(20, p.get("final_state").get("data").get("total").asInt());
    assertEquals("{\"status\":\"ok\",\"response\":null}", c.replyTo(complete).payload().toString());

    // → [ "3", "21", "run:R", "phx_leave", {} ]
    PhoenixFrame leave = c.sent(runTopic, "phx_leave");
    assertEquals(runJoin.joinRef(), leave.joinRef());

    // refs are distinct integers rendered as strings
    Set<String> refs = new java.util.HashSet<>();
    for (FrameRecorder.Frame f : frames) {
      if (!f.toServer()) continue;
      String ref = PhoenixFrame.parse(f.text()).ref();
      assertTrue(ref.matches("[1-9]\\d*"), ref);
      assertTrue(refs.add(ref), "ref " + ref + " used twice");
    }
  }

  private static Set<String> fields(JsonNode n) {
    Set<String> s = new java.util.HashSet<>();
    n.fieldNames().forEachRemaining(s::add);
    return s;
  }

  private static Set<String> without(Set<String> s, String name) {
    s.remove(name);
    return s;
  }

  /** Walks the recorded frames in order. */
  private static final class Cursor {
    private final List<FrameRecorder.Frame> frames;
    private int pos;

    Cursor(List<FrameRecorder.Frame> frames) {
      this.frames = frames;
    }

    /** The next worker → server frame on {@code topic}, which must be {@code event}. */
    PhoenixFrame sent(String topic, String event) {
      PhoenixFrame f = nextSent(topic);
      assertEquals(event, f.event(), "next frame on " + topic);
      return f;
    }

    PhoenixFrame nextSent(String topic) {
      for (int i = pos; i < frames.size(); i++) {
        FrameRecorder.Frame f = frames.get(i);
        if (f.toServer() && PhoenixFrame.parse(f.text()).topic().equals(topic)) {
          pos = i + 1;
          return PhoenixFrame.parse(f.text());
        }
      }
      throw new AssertionError("no further frame on " + topic);
    }

    /** The reply to {@code request}: same join_ref, ref and topic, event phx_reply. */
    PhoenixFrame replyTo(PhoenixFrame request) {
      for (FrameRecorder.Frame f : frames) {
        if (f.toServer() || f.text() == null) continue;
        PhoenixFrame r = PhoenixFrame.parse(f.text());
        if (r.isReply() && request.ref().equals(r.ref())) {
          assertEquals(request.joinRef(), r.joinRef());
          assertEquals(request.topic(), r.topic());
          return r;
        }
      }
      throw new AssertionError("no reply to " + request.encode());
    }

    byte[] binaryReply() {
      for (FrameRecorder.Frame f : frames) {
        if (f.binary() != null) return f.binary();
      }
      throw new AssertionError("no binary frame");
    }
  }
}
