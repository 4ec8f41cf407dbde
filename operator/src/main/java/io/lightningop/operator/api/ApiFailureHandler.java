package io.lightningop.operator.api;

import io.lightningop.operator.state.AccessDeniedException;
import io.lightningop.operator.state.ProjectRejectedException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns failures into JSON answers; never echoes an exception's text for a 500. */
final class ApiFailureHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiFailureHandler.class);

  private static boolean databaseUnavailable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.sql.SQLTransientConnectionException || c instanceof org.jdbi.v3.core.ConnectionException) return true;
      if (c instanceof java.sql.SQLException e && e.getSQLState() != null && e.getSQLState().startsWith("08")) return true;
    }
    return false;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (ctx.response().ended()) return;
    if (failure instanceof ProjectRejectedException e) {
      Responses.json(ctx, 422, Map.of("errors", e.errors().toMap()));
    } else if (failure instanceof AccessDeniedException) {
      Responses.error(ctx, 403, "Forbidden");
    } else if (failure instanceof BadRequestException e) {
      Responses.error(ctx, 400, "Bad Request", e.getMessage());
    } else if (databaseUnavailable(failure)) {
      // Nothing was committed; the caller may safely send the same request again (Lightning answers the same).
      LOG.warn("{} {}: database unavailable: {}", ctx.request().method(), ctx.normalizedPath(), failure.getMessage());
      ctx.response().putHeader("retry-after", "5");
      Responses.json(ctx, 503, Map.of("error", "service_unavailable",
          "message", "the database is not reachable right now; nothing was stored, retry later", "retry_after", 5));
    } else if (failure == null && ctx.statusCode() == 413) {
      Responses.error(ctx, 413, "Payload Too Large", "the body is larger than " + HttpApi.MAX_BODY_BYTES / (1024 * 1024) + " MB");
    } else if (failure == null && ctx.statusCode() > 0 && ctx.statusCode() < 500) {
      Responses.error(ctx, ctx.statusCode(), ctx.response().getStatusMessage());
    } else {
      LOG.error("{} {} failed", ctx.request().method(), ctx.normalizedPath(), failure);
      Responses.error(ctx, 500, "Internal Server Error");
    }
  }
}
