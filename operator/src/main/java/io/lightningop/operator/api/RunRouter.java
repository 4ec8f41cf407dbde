package io.lightningop.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightningop.operator.state.Activity;
import io.lightningop.operator.state.Retries;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code /api/runs/:id}, its log lines, and retry from the start or from a step. */
final class RunRouter {
  private final Activity activity;
  private final Retries retries;

  RunRouter(Activity activity, Retries retries) {
    this.activity = activity;
    this.retries = retries;
  }

  void mount(Router router) {
    router.get("/api/runs/:id").handler(this::show);
    router.get("/api/runs/:id/logs").handler(this::logs);
    router.post("/api/runs/:id/retry").handler(this::retry);
  }

  private void show(RoutingContext ctx) {
    UUID id = QueryParams.pathUuid(ctx.pathParam("id"), "id");
    Responses.blocking(ctx, () -> {
      var run = id == null ? Optional.<JsonNode>empty() : activity.run(id, BearerAuth.actor(ctx)).map(n -> (JsonNode) n);
      if (run.isEmpty()) Responses.error(ctx, 404, "Not Found");
      else Responses.json(ctx, 200, Map.of("data", run.get()));
      return null;
    });
  }

  private void logs(RoutingContext ctx) {
    UUID id = QueryParams.pathUuid(ctx.pathParam("id"), "id");
    int limit = QueryParams.limit(ctx.queryParams(), 500);
    String cursor = ctx.queryParams().get("cursor");
    String search = ctx.queryParams().get("search");
    Responses.blocking(ctx, () -> {
      var page = id == null ? Optional.<io.lightningop.operator.state.Page<com.fasterxml.jackson.databind.node.ObjectNode>>empty()
          : WorkOrderRouter.cursorSafe(() -> activity.logs(id, BearerAuth.actor(ctx), search, cursor, limit));
      if (page.isEmpty()) {
        Responses.error(ctx, 404, "Not Found");
      } else {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.get().items());
        body.put("next_cursor", page.get().nextCursor());
        Responses.json(ctx, 200, body);
      }
      return null;
    });
  }

  /** Body {@code {"step_id": "…"}} retries from that step; no body retries from the start. */
  private void retry(RoutingContext ctx) {
    UUID id = QueryParams.pathUuid(ctx.pathParam("id"), "id");
    UUID step = null;
    String text = ctx.body().asString();
    if (text != null && !text.isBlank()) {
      try {
        JsonNode body = Responses.JSON.readTree(text);
        if (body.hasNonNull("step_id")) {
          step = QueryParams.pathUuid(body.get("step_id").asText(), "step_id");
          if (step == null) throw new BadRequestException("step_id: not a UUID");
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new BadRequestException("the body is not valid JSON: " + e.getOriginalMessage());
      }
    }
    UUID fromStep = step;
    Responses.blocking(ctx, () -> {
      Optional<UUID> run = id == null ? Optional.empty() : retries.retry(id, fromStep, BearerAuth.actor(ctx));
      if (run.isEmpty()) Responses.error(ctx, 404, "Not Found");
      else Responses.json(ctx, 201, Map.of("data", Map.of("run_id", run.get().toString())));
      return null;
    });
  }
}
