package io.lightningop.operator.api;

import io.lightningop.operator.state.Activity;
import io.lightningop.operator.state.ApiTokens;
import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.ProjectApplier;
import io.lightningop.operator.state.ProjectMembers;
import io.lightningop.operator.state.ProjectReader;
import io.lightningop.operator.state.Retries;
import io.lightningop.operator.state.RunQueue;
import io.lightningop.operator.state.WebhookAuth;
import io.lightningop.operator.state.WorkOrders;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** The control plane's HTTP API: one router per resource on one Vert.x server (default port 4000). */
public final class HttpApi {
  /** Webhook and API bodies above this are answered 413 (Lightning's default MAX_DATACLIP_SIZE_MB). */
  public static final long MAX_BODY_BYTES = 10L * 1024 * 1024;
  public static final int DEFAULT_PORT = 4000;

  /** What the routers work with. */
  public record Services(
      Database database,
      RunQueue queue,
      ProjectApplier applier,
      ProjectReader reader,
      ProjectMembers members,
      WorkOrders workOrders,
      WebhookAuth webhookAuth,
      ApiTokens tokens,
      Activity activity,
      Retries retries,
      PrometheusMeterRegistry metrics) {}

  private HttpApi() {}

  public static Router router(Vertx vertx, Services s) {
    Router router = Router.router(vertx);
    new HealthRouter(s.database()).mount(router);
    new MetricsRouter(s.metrics(), s.queue()).mount(router);
    new WebhookRouter(s.workOrders(), s.webhookAuth(), s.metrics()).mount(router);
    // Body first: later handlers run asynchronously and the body must already be read.
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.route("/api/*").handler(new BearerAuth(s.tokens()));
    new ProvisionRouter(s.applier(), s.reader(), s.members()).mount(router);
    new WorkOrderRouter(s.activity(), s.retries()).mount(router);
    new RunRouter(s.activity(), s.retries()).mount(router);
    new DataclipRouter(s.activity()).mount(router);
    router.route().last().handler(ctx -> Responses.error(ctx, 404, "Not Found"));
    router.route().failureHandler(new ApiFailureHandler());
    return router;
  }

  public static HttpServerOptions serverOptions(String host, int port) {
    return new HttpServerOptions().setHost(host).setPort(port).setCompressionSupported(true);
  }

  /** Starts the server on {@code host:port} (port 0 picks a free one). */
  public static Future<HttpServer> start(Vertx vertx, Services s, String host, int port) {
    return vertx.createHttpServer(serverOptions(host, port)).requestHandler(router(vertx, s)).listen();
  }
}
