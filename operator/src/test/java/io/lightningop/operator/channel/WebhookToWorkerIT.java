package io.lightningop.operator.channel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.operator.ControlPlane;
import io.lightningop.operator.state.Actor;
import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.EncryptionKey;
import io.lightningop.operator.state.ProjectApplier;
import io.lightningop.operator.state.RunOptions;
import io.lightningop.runtime.channel.Worker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The whole platform path: a project applied through the ProjectApplier, the control plane's
 * HTTP server with the worker channel mounted as an extension, a webhook POST, and our worker.
 */
class WebhookToWorkerIT {

  @Test
  void webhookPostIsRunByOurWorkerThroughTheMountedChannel() throws Exception {
    Database db = ChannelPlane.freshDatabase();
    WorkerSecrets secrets = WorkerSecrets.generate();
    WorkerChannel channel = new WorkerChannel(secrets, Duration.ofSeconds(10));
    try (ControlPlane plane = ControlPlane.start(db, EncryptionKey.generate(),
        new ControlPlane.Settings("127.0.0.1", 0, RunOptions.defaults(), Duration.ofSeconds(10), Duration.ofMinutes(5), false),
        List.of(channel))) {
      UUID trigger = UUID.randomUUID();
      UUID first = UUID.randomUUID();
      UUID second = UUID.randomUUID();
      UUID projectCredential = UUID.randomUUID();
      plane.credentials().put("owner@example.org", "api", "raw",
          ChannelPlane.JSON.readTree("{\"username\":\"u\",\"password\":\"" + ChannelPlane.PASSWORD + "\"}"));
      new ProjectApplier(db).apply(payload(trigger, first, second, projectCredential), Actor.platform("test"), "test", null);

      Worker worker = TestWorkers.start("ws://127.0.0.1:" + plane.port() + "/worker", secrets, 1);
      try {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + plane.port() + "/i/" + trigger))
            .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"n\": 4}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        UUID workOrder = UUID.fromString(ChannelPlane.JSON.readTree(r.body()).get("work_order_id").asText());

        await().atMost(Duration.ofSeconds(60)).until(() -> "success".equals(workOrderState(db, workOrder)));
        assertEquals(1, channel.connected());
        List<String> logs = db.jdbi().withHandle(h -> h.createQuery(
            "SELECT l.message FROM log_lines l JOIN runs r ON r.id = l.run_id WHERE r.work_order_id = :wo")
            .bind("wo", workOrder).mapTo(String.class).list());
        assertTrue(logs.contains("second got 5"), logs.toString());
        assertTrue(logs.stream().anyMatch(l -> l.startsWith("calling with ***")), logs.toString());
        assertTrue(logs.stream().noneMatch(l -> l.contains(ChannelPlane.PASSWORD)));
        String finalBody = db.jdbi().withHandle(h -> h.createQuery("""
            SELECT d.body::text FROM runs r JOIN dataclips d ON d.id = r.final_dataclip_id WHERE r.work_order_id = :wo""")
            .bind("wo", workOrder).mapTo(String.class).one());
        assertEquals(50, ChannelPlane.JSON.readTree(finalBody).path("data").path("total").asInt());
      } finally {
        worker.close();
      }
    } finally {
      db.close();
    }
  }

  private static String workOrderState(Database db, UUID workOrder) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT state FROM work_orders WHERE id = :id")
        .bind("id", workOrder).mapTo(String.class).one());
  }

  /** A provisioning payload (§2.4): webhook → first (with a credential) → second. */
  private static JsonNode payload(UUID trigger, UUID first, UUID second, UUID projectCredential) {
    ObjectNode p = ChannelPlane.JSON.createObjectNode().put("id", UUID.randomUUID().toString()).put("name", "channel-e2e");
    p.putArray("project_credentials").addObject().put("id", projectCredential.toString())
        .put("name", "api").put("owner", "owner@example.org");
    ObjectNode wf = p.putArray("workflows").addObject().put("id", UUID.randomUUID().toString()).put("name", "wf");
    wf.putArray("jobs").add(job(first, "first", WorkerLoopIT.FIRST).put("project_credential_id", projectCredential.toString()))
        .add(job(second, "second", WorkerLoopIT.SECOND));
    wf.putArray("triggers").addObject().put("id", trigger.toString()).put("type", "webhook").put("enabled", true);
    wf.putArray("edges").add(ChannelPlane.JSON.createObjectNode().put("id", UUID.randomUUID().toString())
            .put("source_trigger_id", trigger.toString()).put("target_job_id", first.toString())
            .put("condition_type", "always").put("enabled", true))
        .add(ChannelPlane.JSON.createObjectNode().put("id", UUID.randomUUID().toString())
            .put("source_job_id", first.toString()).put("target_job_id", second.toString())
            .put("condition_type", "on_job_success").put("enabled", true));
    return p;
  }

  private static ObjectNode job(UUID id, String name, String body) {
    return ChannelPlane.JSON.createObjectNode().put("id", id.toString()).put("name", name)
        .put("adaptor", ChannelPlane.ADAPTOR).put("body", body);
  }
}
