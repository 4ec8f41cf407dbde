package io.lightningop.operator.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.operator.state.CredentialCipher;
import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.EncryptionKey;
import io.lightningop.operator.state.NewRun;
import io.lightningop.operator.state.PgRunQueue;
import io.lightningop.operator.state.RunOptions;
import io.lightningop.operator.state.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * A real control plane for the channel tests: a fresh database on one embedded PostgreSQL per
 * JVM, the run queue, and the worker socket on a loopback HTTP server that can be restarted on the
 * same port. Seeds one project: webhook trigger → first (with a credential) → second.
 */
final class ChannelPlane implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "s3cr3t-pw-9f2";
  static final String USERNAME = "api-user";
  static final String ADAPTOR = "@openfn/language-common@3.3.4";

  final UUID project = UUID.randomUUID();
  final UUID workflow = UUID.randomUUID();
  final UUID trigger = UUID.randomUUID();
  final UUID firstJob = UUID.randomUUID();
  final UUID secondJob = UUID.randomUUID();
  final UUID credential = UUID.randomUUID();
  final UUID projectCredential = UUID.randomUUID();
  UUID snapshot = UUID.randomUUID();

  final Database db;
  final PgRunQueue queue;
  final CredentialCipher cipher = new CredentialCipher(EncryptionKey.generate());
  final WorkerSecrets secrets = WorkerSecrets.generate();
  final Vertx vertx = Vertx.vertx();
  private final Duration grace;
  private HttpServer http;
  private WorkerSocket socket;
  private int port;

  ChannelPlane(Duration grace) {
    this.grace = grace;
    this.db = freshDatabase();
    this.queue = new PgRunQueue(db, grace);
  }

  Jdbi jdbi() {
    return db.jdbi();
  }

  String workerUrl() {
    return "ws://127.0.0.1:" + port + "/worker";
  }

  int port() {
    return port;
  }

  ChannelPlane start() {
    socket = new WorkerSocket(vertx, secrets, db, queue, cipher, grace);
    Router router = Router.router(vertx);
    socket.mount(router);
    http = listen(router);
    port = http.actualPort();
    return this;
  }

  /**
   * Binds the port; on a restart the old port can be briefly taken (it was an ephemeral port, and
   * the kernel may hand it to a client socket meanwhile), so retry as a restarted server would.
   */
  private io.vertx.core.http.HttpServer listen(Router router) {
    for (int attempt = 1; ; attempt++) {
      try {
        return await(vertx.createHttpServer(WorkerSocket.configure(new HttpServerOptions().setHost("127.0.0.1").setPort(port)))
            .requestHandler(router).listen());
      } catch (IllegalStateException e) {
        boolean inUse = e.getCause() != null && e.getCause().getCause() instanceof java.net.BindException;
        if (!inUse || port == 0 || attempt >= 50) throw e;
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Stops the HTTP server (dropping every worker socket) and starts a new one on the same port. */
  void restart() throws Exception {
    stopServer();
    start();
  }

  void stopServer() throws Exception {
    await(http.close());
    socket.close();
  }

  /** The project with the two job bodies, as a snapshot document and as live rows. */
  ChannelPlane seed(String firstBody, String secondBody, String retention) {
    byte[] sealed = cipher.encrypt(("{\"username\":\"" + USERNAME + "\",\"password\":\"" + PASSWORD + "\"}")
        .getBytes(StandardCharsets.UTF_8));
    ObjectNode wf = JSON.createObjectNode().put("id", workflow.toString()).put("name", "wf");
    ArrayNode jobs = wf.putArray("jobs");
    jobs.addObject().put("id", firstJob.toString()).put("name", "first").put("adaptor", ADAPTOR)
        .put("body", firstBody).put("project_credential_id", projectCredential.toString());
    jobs.addObject().put("id", secondJob.toString()).put("name", "second").put("adaptor", ADAPTOR)
        .put("body", secondBody).putNull("project_credential_id");
    wf.putArray("triggers").addObject().put("id", trigger.toString()).put("type", "webhook").put("enabled", true);
    ArrayNode edges = wf.putArray("edges");
    edges.addObject().put("id", UUID.randomUUID().toString()).put("source_trigger_id", trigger.toString())
        .put("target_job_id", firstJob.toString()).put("condition_type", "always").put("enabled", true);
    edges.addObject().put("id", UUID.randomUUID().toString()).put("source_job_id", firstJob.toString())
        .put("target_job_id", secondJob.toString()).put("condition_type", "on_job_success").put("enabled", true);
    ObjectNode document = JSON.createObjectNode().put("id", project.toString()).put("name", "p");
    document.putArray("workflows").add(wf);

    jdbi().useTransaction(h -> {
      h.execute("INSERT INTO projects (id, name, retention_policy) VALUES (?, 'p', ?)", project, retention);
      h.execute("INSERT INTO credentials (id, name, owner, body_encrypted) VALUES (?, 'http', 'test', ?)", credential, sealed);
      h.execute("INSERT INTO project_credentials (id, project_id, credential_id) VALUES (?, ?, ?)", projectCredential, project, credential);
      h.execute("INSERT INTO workflows (id, project_id, name) VALUES (?, ?, 'wf')", workflow, project);
      h.execute("INSERT INTO jobs (id, workflow_id, name, adaptor, body, project_credential_id) VALUES (?, ?, 'first', 'x', ?, ?)",
          firstJob, workflow, firstBody, projectCredential);
      h.execute("INSERT INTO jobs (id, workflow_id, name, adaptor, body) VALUES (?, ?, 'second', 'x', ?)", secondJob, workflow, secondBody);
      h.execute("INSERT INTO triggers (id, workflow_id, type, enabled) VALUES (?, ?, 'webhook', true)", trigger, workflow);
      h.createUpdate("""
          INSERT INTO project_snapshots (id, project_id, version, content_hash, source, applied_by, document)
          VALUES (:id, :p, 1, 'h', 'test', 'test', CAST(:doc AS jsonb))""")
          .bind("id", snapshot).bind("p", project).bind("doc", document.toString()).execute();
    });
    return this;
  }

  /** A webhook-style work order with an http_request dataclip and one available run. */
  UUID enqueue(String body, RunOptions options) {
    UUID dataclip = UUID.randomUUID();
    UUID workOrder = UUID.randomUUID();
    return jdbi().inTransaction(h -> {
      h.createUpdate("""
          INSERT INTO dataclips (id, project_id, type, body, request)
          VALUES (:id, :p, 'http_request', CAST(:body AS jsonb), CAST(:req AS jsonb))""")
          .bind("id", dataclip).bind("p", project).bind("body", body)
          .bind("req", "{\"method\":\"POST\",\"path\":[\"i\",\"" + trigger + "\"],\"query_params\":{},\"headers\":{}}")
          .execute();
      h.execute("INSERT INTO work_orders (id, workflow_id, snapshot_id, trigger_id, dataclip_id) VALUES (?, ?, ?, ?, ?)",
          workOrder, workflow, snapshot, trigger, dataclip);
      return queue.enqueue(h, new NewRun(workOrder, snapshot, trigger, null, dataclip, NewRun.NORMAL, null, options, null));
    });
  }

  Map<String, Object> runRow(UUID run) {
    return jdbi().withHandle(h -> h.createQuery("SELECT * FROM runs WHERE id = :id").bind("id", run).mapToMap().one());
  }

  List<Map<String, Object>> steps(UUID run) {
    return jdbi().withHandle(h -> h.createQuery("""
        SELECT s.*, d.body::text AS output_body, d.wiped_at AS output_wiped_at FROM steps s
        JOIN run_steps rs ON rs.step_id = s.id LEFT JOIN dataclips d ON d.id = s.output_dataclip_id
        WHERE rs.run_id = :id ORDER BY s.started_at""").bind("id", run).mapToMap().list());
  }

  List<String> logs(UUID run) {
    return jdbi().withHandle(h -> h.createQuery("SELECT message FROM log_lines WHERE run_id = :id ORDER BY timestamp, id")
        .bind("id", run).mapTo(String.class).list());
  }

  String workOrderState(UUID run) {
    return jdbi().withHandle(h -> h.createQuery(
        "SELECT wo.state FROM work_orders wo JOIN runs r ON r.work_order_id = wo.id WHERE r.id = :id")
        .bind("id", run).mapTo(String.class).one());
  }

  JsonNode dataclipBody(UUID id) {
    String s = jdbi().withHandle(h -> h.createQuery("SELECT body::text FROM dataclips WHERE id = :id")
        .bind("id", id).mapTo(String.class).one());
    try {
      return s == null ? null : JSON.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      if (http != null) stopServer();
    } finally {
      queue.close();
      await(vertx.close());
      db.close();
    }
  }

  static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh migrated database on the test JVM's one embedded PostgreSQL. */
  static Database freshDatabase() {
    return TestDatabase.create();
  }

}
