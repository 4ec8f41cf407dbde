package io.lightningop.operator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.Callable;

/** JSON answers and the off-event-loop execution every database-touching handler needs. */
final class Responses {
  static final ObjectMapper JSON = new ObjectMapper();

  private Responses() {}

  static void json(RoutingContext ctx, int status, Object body) {
    String text;
    try {
      text = body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      ctx.fail(e);
      return;
    }
    if (ctx.response().ended()) return;
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8").end(text);
  }

  /** Lightning's plain error shape: {@code {"error": "<reason>"}}. */
  static void error(RoutingContext ctx, int status, String error) {
    json(ctx, status, Map.of("error", error));
  }

  static void error(RoutingContext ctx, int status, String error, String message) {
    json(ctx, status, Map.of("error", error, "message", message));
  }

  /** Runs {@code work} on a worker thread (it may block on the database); failures go to the failure handler. */
  static void blocking(RoutingContext ctx, Callable<Void> work) {
    ctx.vertx().<Void>executeBlocking(work, false).onFailure(ctx::fail);
  }
}
