package io.lightningop.operator.channel;

import io.lightningop.operator.state.CredentialCipher;
import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.RunQueue;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's worker endpoint, {@code /worker/websocket} (§4.1–4.2), mounted on the
 * shared HTTP router. A worker token is checked before the upgrade (HTTP 401 otherwise); each
 * accepted socket becomes a {@link WorkerConnection}. Enqueued runs are announced to every worker
 * that joined {@code worker:queue} with a {@code work-available} push.
 */
public final class WorkerSocket implements AutoCloseable {

  public static final String PATH = "/worker/websocket";
  /** The largest inbound frame (§4.1): a step:complete carrying a 10 MB dataclip. */
  public static final int MAX_FRAME_BYTES = 11_000_000;

  private static final Logger LOG = LoggerFactory.getLogger(WorkerSocket.class);

  private final Vertx vertx;
  private final WorkerTokenVerifier workerTokens;
  private final RunTokens runTokens;
  private final RunQueue queue;
  private final RunEvents events;
  private final Duration runGrace;
  private final Set<WorkerConnection> connections = ConcurrentHashMap.newKeySet();
  private final AutoCloseable workListener;

  /**
   * @param runGrace Lightning's {@code RUN_GRACE_PERIOD_SECONDS}, added to a run's timeout for the
   *     lifetime of its token
   */
  public WorkerSocket(Vertx vertx, WorkerSecrets secrets, Database db, RunQueue queue, CredentialCipher cipher,
      Duration runGrace) {
    this.vertx = vertx;
    this.workerTokens = new WorkerTokenVerifier(secrets.workerSecret());
    this.runTokens = new RunTokens(secrets.privateKey(), Clock.systemUTC());
    this.queue = queue;
    this.events = new RunEvents(new RunRecords(db.jdbi(), queue, cipher), queue);
    this.runGrace = runGrace;
    this.workListener = queue.onWorkAvailable(this::announceWork);
  }

  /** Frame limits and compression the worker socket needs on the shared HTTP server. */
  public static HttpServerOptions configure(HttpServerOptions options) {
    return options.setMaxWebSocketFrameSize(MAX_FRAME_BYTES)
        .setMaxWebSocketMessageSize(MAX_FRAME_BYTES)
        .setPerMessageWebSocketCompressionSupported(true);
  }

  public WorkerSocket mount(Router router) {
    router.get(PATH).handler(this::upgrade);
    return this;
  }

  /** Workers connected right now. */
  public int connected() {
    return connections.size();
  }

  private void upgrade(RoutingContext ctx) {
    String token = ctx.request().getParam("token");
    if (workerTokens.verify(token).isEmpty()) {
      ctx.response().setStatusCode(401).putHeader("content-type", "text/plain").end("Unauthorized");
      return;
    }
    ctx.request().toWebSocket().onSuccess(ws -> {
      WorkerConnection c = new WorkerConnection(vertx, ws, queue, runTokens, events, runGrace, connections::remove);
      connections.add(c);
      LOG.info("worker connected from {} (version {})", ws.remoteAddress(), ctx.request().getParam("worker_version"));
    }).onFailure(e -> LOG.warn("worker socket upgrade failed: {}", e.getMessage()));
  }

  private void announceWork() {
    vertx.runOnContext(v -> connections.forEach(WorkerConnection::workAvailable));
  }

  @Override
  public void close() throws Exception {
    workListener.close();
  }
}
