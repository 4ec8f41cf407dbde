package io.lightningop.operator.channel;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightningop.operator.state.RunOptions;
import io.lightningop.runtime.channel.PhoenixClient;
import io.lightningop.runtime.channel.Reply;
import io.lightningop.runtime.channel.WorkerTokens;
import io.lightningop.spec.worker.PhoenixFrame;
import io.lightningop.spec.worker.WorkerKeys;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile or broken workers against the real socket: every bad token is refused and leaves the
 * state untouched. The "worker" here is a bare Phoenix client speaking frames by hand.
 */
class WorkerSecurityIT {

  static ChannelPlane cp;
  static PhoenixClient client;
  static UUID run;
  static UUID otherRun;
  static String runToken;

  @BeforeAll
  static void claimOneRun() throws Exception {
    cp = new ChannelPlane(Duration.ofSeconds(10)).seed(WorkerLoopIT.FIRST, WorkerLoopIT.SECOND, "retain_all").start();
    run = cp.enqueue("{\"n\": 1}", RunOptions.defaults());
    client = new PhoenixClient(cp.vertx, cp.workerUrl(), WorkerTokens.workerToken(cp.secrets.workerSecret(), "intruder"),
        Duration.ofSeconds(30), Duration.ofMillis(100));
    client.start();
    client.whenConnected().get(10, TimeUnit.SECONDS);
    assertTrue(push("1", "worker:queue", "phx_join", PhoenixFrame.object()).ok());
    var claim = PhoenixFrame.object().put("demand", 1).putNull("worker_name");
    JsonNode runs = push("1", "worker:queue", "claim", claim).response().get("runs");
    assertEquals(run.toString(), runs.get(0).get("id").asText());
    runToken = runs.get(0).get("token").asText();
    otherRun = cp.enqueue("{\"n\": 2}", RunOptions.defaults());
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    cp.close();
  }

  static Reply push(String joinRef, String topic, String event, JsonNode payload) throws Exception {
    String ref = client.nextRef();
    return client.push(joinRef == null ? ref : joinRef, ref, topic, event, payload, Duration.ofSeconds(10))
        .get(15, TimeUnit.SECONDS);
  }

  static int upgradeStatus(String query) throws Exception {
    WebSocketClient ws = cp.vertx.createWebSocketClient();
    try {
      ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(cp.port()).setURI("/worker/websocket" + query))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return 101;
    } catch (ExecutionException e) {
      return ((UpgradeRejectedException) e.getCause()).getStatus();
    } finally {
      ws.close();
    }
  }

  @Test
  void socketWithoutTokenOrWithTheWrongSecretIsRefusedWith401() throws Exception {
    assertEquals(401, upgradeStatus("?vsn=2.0.0"));
    assertEquals(401, upgradeStatus("?token=&vsn=2.0.0"));
    String forged = WorkerTokens.workerToken(WorkerKeys.generateSecret(), "w");
    assertEquals(401, upgradeStatus("?token=" + forged + "&vsn=2.0.0"));
    assertEquals(401, upgradeStatus("?token=not.a.jwt&vsn=2.0.0"));
    String good = WorkerTokens.workerToken(cp.secrets.workerSecret(), "w");
    assertEquals(101, upgradeStatus("?token=" + good + "&vsn=2.0.0"));
  }

  @Test
  void runTokenForAnotherRunOpensNothing() throws Exception {
    Map<String, Object> before = cp.runRow(otherRun);
    Reply r = push(null, "run:" + otherRun, "phx_join", PhoenixFrame.object().put("token", runToken));
    assertEquals("error", r.status());
    assertEquals("unauthorized", r.response().get("reason").asText());
    assertEquals(before, cp.runRow(otherRun));
  }

  @Test
  void expiredTamperedForeignOrMissingRunTokensAreRefused() throws Exception {
    RunTokens past = new RunTokens(cp.secrets.privateKey(), Clock.fixed(Instant.now().minusSeconds(3600), ZoneOffset.UTC));
    String expired = past.mint(run.toString(), Duration.ofSeconds(60));
    String[] parts = runToken.split("\\.");
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
        claims.replace(run.toString(), otherRun.toString()).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    String foreign = new RunTokens(WorkerKeys.generateRunKeys().getPrivate(), Clock.systemUTC())
        .mint(run.toString(), Duration.ofMinutes(5));

    for (String token : new String[] {expired, foreign, "", "garbage"}) {
      Reply r = push(null, "run:" + run, "phx_join", PhoenixFrame.object().put("token", token));
      assertEquals("unauthorized", r.response().get("reason").asText(), token);
    }
    Reply noToken = push(null, "run:" + run, "phx_join", PhoenixFrame.object());
    assertEquals("unauthorized", noToken.response().get("reason").asText());
    Reply tamperedJoin = push(null, "run:" + otherRun, "phx_join", PhoenixFrame.object().put("token", tampered));
    assertEquals("unauthorized", tamperedJoin.response().get("reason").asText());
    assertEquals("claimed", cp.runRow(run).get("state"));
    assertEquals("available", cp.runRow(otherRun).get("state"));
  }

  @Test
  void eventsOnARunChannelThatWasNotJoinedAreUnmatched() throws Exception {
    var complete = PhoenixFrame.object().put("reason", "success");
    Reply r = push("99", "run:" + run, "run:complete", complete);
    assertEquals("error", r.status());
    assertEquals("unmatched topic", r.response().get("reason").asText());
    Reply creds = push("99", "run:" + run, "fetch:credential", PhoenixFrame.object().put("id", cp.credential.toString()));
    assertEquals("unmatched topic", creds.response().get("reason").asText());
    assertEquals("claimed", cp.runRow(run).get("state"));
    assertTrue(cp.steps(run).isEmpty());
  }

  @Test
  void joinedRunServesOnlyItsOwnCredentialsAndRejectsBadEvents() throws Exception {
    String joinRef = client.nextRef();
    Reply joined = client.push(joinRef, joinRef, "run:" + run, "phx_join", PhoenixFrame.object().put("token", runToken),
        Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
    assertTrue(joined.ok(), joined.response().toString());
    Reply unknown = push(joinRef, "run:" + run, "fetch:credential", PhoenixFrame.object().put("id", UUID.randomUUID().toString()));
    assertEquals("{\"errors\":{\"id\":[\"Credential not found!\"]}}", unknown.response().toString());
    Reply blank = push(joinRef, "run:" + run, "fetch:credential", PhoenixFrame.object());
    assertEquals("{\"errors\":{\"id\":[\"This field can't be blank.\"]}}", blank.response().toString());
    Reply own = push(joinRef, "run:" + run, "fetch:credential", PhoenixFrame.object().put("id", cp.credential.toString()));
    assertEquals(ChannelPlane.USERNAME, own.response().get("username").asText());

    Reply noJob = push(joinRef, "run:" + run, "step:start", PhoenixFrame.object().put("step_id", UUID.randomUUID().toString()));
    assertEquals("{\"errors\":{\"job_id\":[\"This field can't be blank.\"]}}", noJob.response().toString());
    Reply alienJob = push(joinRef, "run:" + run, "step:start", PhoenixFrame.object()
        .put("step_id", UUID.randomUUID().toString()).put("job_id", UUID.randomUUID().toString()));
    assertEquals("{\"job_id\":[\"does not exist\"]}", alienJob.response().toString());
    Reply alienStep = push(joinRef, "run:" + run, "step:complete", PhoenixFrame.object()
        .put("step_id", UUID.randomUUID().toString()).put("reason", "success"));
    assertEquals("{\"step_id\":[\"not found\"]}", alienStep.response().toString());
    Reply blankLog = push(joinRef, "run:" + run, "run:log", PhoenixFrame.object().put("run_id", run.toString())
        .put("source", "JOB").put("level", "info").put("timestamp", "1716033190123456").putArray("message"));
    assertEquals("{\"message\":[\"can't be blank\"]}", blankLog.response().toString());
    assertTrue(cp.steps(run).isEmpty());
    assertTrue(cp.logs(run).isEmpty());
    assertEquals("claimed", cp.runRow(run).get("state"));
  }
}
