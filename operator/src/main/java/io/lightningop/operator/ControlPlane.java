package io.lightningop.operator;

import io.lightningop.operator.api.HttpApi;
import io.lightningop.operator.state.Activity;
import io.lightningop.operator.state.ApiTokens;
import io.lightningop.operator.state.CredentialCipher;
import io.lightningop.operator.state.Credentials;
import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.EncryptionKey;
import io.lightningop.operator.state.MeteredRunQueue;
import io.lightningop.operator.state.PgRunQueue;
import io.lightningop.operator.state.ProjectApplier;
import io.lightningop.operator.state.ProjectMembers;
import io.lightningop.operator.state.ProjectReader;
import io.lightningop.operator.state.Retries;
import io.lightningop.operator.state.Run;
import io.lightningop.operator.state.RunOptions;
import io.lightningop.operator.state.RunQueue;
import io.lightningop.operator.state.WebhookAuth;
import io.lightningop.operator.state.WorkOrders;
import io.lightningop.operator.trigger.CronScheduler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One control plane: the state services on a database, the HTTP API, the cron scheduler and the
 * lost-run janitor. {@code lightning up}, the Kubernetes operator and the tests all start it here.
 * The database belongs to the caller (it outlives a control plane in restart tests).
 */
public final class ControlPlane implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);

  /**
   * @param grace slack after a run's timeout before it is lost (Lightning's RUN_GRACE_PERIOD_SECONDS)
   * @param janitorEvery how often expired leases are looked for
   */
  public record Settings(String host, int port, RunOptions runOptions, Duration grace, Duration janitorEvery, boolean cron) {
    public static Settings defaults() {
      return new Settings("127.0.0.1", HttpApi.DEFAULT_PORT, RunOptions.defaults(), Duration.ofSeconds(10),
          Duration.ofSeconds(30), true);
    }

    public Settings withPort(int p) {
      return new Settings(host, p, runOptions, grace, janitorEvery, cron);
    }

    public Settings withHost(String h) {
      return new Settings(h, port, runOptions, grace, janitorEvery, cron);
    }
  }

  /**
   * Something mounted on the control plane's HTTP server besides the API (e.g. the worker
   * channel's WebSocket). Closed before the server stops.
   */
  public interface Extension extends AutoCloseable {
    void mount(ControlPlane plane, io.vertx.ext.web.Router router);

    default io.vertx.core.http.HttpServerOptions configure(io.vertx.core.http.HttpServerOptions options) {
      return options;
    }

    @Override
    default void close() throws Exception {}
  }

  private final Database database;
  private final EncryptionKey key;
  private final List<Extension> extensions;
  private final PrometheusMeterRegistry metrics;
  private final PgRunQueue pgQueue;
  private final RunQueue queue;
  private final ProjectApplier applier;
  private final ProjectReader reader;
  private final WorkOrders workOrders;
  private final WebhookAuth webhookAuth;
  private final ApiTokens tokens;
  private final Credentials credentials;
  private final CronScheduler cron;
  private final Vertx vertx;
  private final HttpServer server;
  private final ScheduledExecutorService janitor;

  private ControlPlane(Database database, EncryptionKey key, Settings settings, List<Extension> extensions) {
    this.database = database;
    this.key = key;
    this.extensions = List.copyOf(extensions);
    this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.pgQueue = new PgRunQueue(database, settings.grace());
    this.queue = new MeteredRunQueue(pgQueue, metrics);
    this.applier = new ProjectApplier(database);
    this.reader = new ProjectReader(database);
    this.workOrders = new WorkOrders(database, queue, settings.runOptions());
    this.webhookAuth = new WebhookAuth(database);
    this.tokens = new ApiTokens(database);
    this.credentials = new Credentials(database, new CredentialCipher(key));
    Activity activity = new Activity(database);
    this.cron = new CronScheduler(database, workOrders);
    this.vertx = Vertx.vertx();
    HttpApi.Services services = new HttpApi.Services(database, queue, applier, reader, new ProjectMembers(database),
        workOrders, webhookAuth, tokens, activity, new Retries(database, queue, activity), metrics);
    io.vertx.ext.web.Router router = HttpApi.router(vertx, services);
    io.vertx.core.http.HttpServerOptions options = HttpApi.serverOptions(settings.host(), settings.port());
    for (Extension e : this.extensions) {
      e.mount(this, router);
      options = e.configure(options);
    }
    try {
      this.server = vertx.createHttpServer(options).requestHandler(router).listen()
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      pgQueue.close();
      throw new IllegalStateException("cannot start the HTTP API on " + settings.host() + ":" + settings.port() + ": "
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
    }
    this.janitor = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("lost-run-janitor").unstarted(r));
    long every = settings.janitorEvery().toMillis();
    janitor.scheduleWithFixedDelay(this::markLost, every, every, TimeUnit.MILLISECONDS);
    if (settings.cron()) cron.start();
  }

  public static ControlPlane start(Database database, EncryptionKey key, Settings settings) {
    return new ControlPlane(database, key, settings, List.of());
  }

  public static ControlPlane start(Database database, EncryptionKey key, Settings settings, List<Extension> extensions) {
    return new ControlPlane(database, key, settings, extensions);
  }

  private void markLost() {
    try {
      List<Run> lost = queue.markLost();
      if (!lost.isEmpty()) LOG.warn("{} run(s) lost: their workers stopped reporting", lost.size());
    } catch (RuntimeException e) {
      LOG.error("lost-run check failed", e);
    }
  }

  public int port() {
    return server.actualPort();
  }

  /** The registry /metrics serves; other parts of the process (e.g. the reconcilers) add their meters here. */
  public io.micrometer.core.instrument.MeterRegistry metrics() {
    return metrics;
  }

  public Database database() { return database; }
  public RunQueue queue() { return queue; }
  public ProjectApplier applier() { return applier; }
  public ProjectReader reader() { return reader; }
  public WorkOrders workOrders() { return workOrders; }
  public WebhookAuth webhookAuth() { return webhookAuth; }
  public ApiTokens tokens() { return tokens; }
  public Credentials credentials() { return credentials; }
  public CronScheduler cron() { return cron; }
  public Vertx vertx() { return vertx; }
  public EncryptionKey encryptionKey() { return key; }

  @Override
  public void close() {
    cron.close();
    janitor.shutdownNow();
    for (Extension e : extensions) {
      try {
        e.close();
      } catch (Exception ex) {
        LOG.warn("{} did not stop cleanly: {}", e.getClass().getSimpleName(), ex.getMessage());
      }
    }
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("HTTP API did not stop cleanly: {}", e.getMessage());
    }
    pgQueue.close();
  }
}
