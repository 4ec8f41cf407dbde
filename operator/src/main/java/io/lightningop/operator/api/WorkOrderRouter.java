package io.lightningop.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightningop.operator.state.Activity;
import io.lightningop.operator.state.Page;
import io.lightningop.operator.state.Retries;
import io.lightningop.operator.state.WorkOrderFilter;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** {@code /api/work_orders}: filtered, searchable, cursor-paginated listing; one work order in full; bulk retry. */
final class WorkOrderRouter {
  private final Activity activity;
  private final Retries retries;

  WorkOrderRouter(Activity activity, Retries retries) {
    this.activity = activity;
    this.retries = retries;
  }

  void mount(Router router) {
    router.get("/api/work_orders").handler(this::list);
    router.post("/api/work_orders/retry").handler(this::retryAll);
    router.get("/api/work_orders/:id").handler(this::show);
  }

  private void list(RoutingContext ctx) {
    WorkOrderFilter filter = QueryParams.workOrderFilter(ctx.queryParams());
    int limit = QueryParams.limit(ctx.queryParams(), 50);
    String cursor = ctx.queryParams().get("cursor");
    Responses.blocking(ctx, () -> {
      Page<?> page = cursorSafe(() -> activity.workOrders(filter, BearerAuth.actor(ctx), cursor, limit));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("data", page.items());
      body.put("next_cursor", page.nextCursor());
      Responses.json(ctx, 200, body);
      return null;
    });
  }

  private void show(RoutingContext ctx) {
    UUID id = QueryParams.pathUuid(ctx.pathParam("id"), "id");
    Responses.blocking(ctx, () -> {
      var wo = id == null ? java.util.Optional.<JsonNode>empty() : activity.workOrder(id, BearerAuth.actor(ctx)).map(n -> (JsonNode) n);
      if (wo.isEmpty()) Responses.error(ctx, 404, "Not Found");
      else Responses.json(ctx, 200, Map.of("data", wo.get()));
      return null;
    });
  }

  /** Filters come from the query string, or from a JSON body with the same names. */
  private void retryAll(RoutingContext ctx) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap().addAll(ctx.queryParams());
    String text = ctx.body().asString();
    if (text != null && !text.isBlank()) {
      JsonNode body;
      try {
        body = Responses.JSON.readTree(text);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new BadRequestException("the body is not valid JSON: " + e.getOriginalMessage());
      }
      if (!body.isObject()) throw new BadRequestException("the body must be a JSON object of filters");
      body.properties().forEach(e -> params.add(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
    }
    WorkOrderFilter filter = QueryParams.workOrderFilter(params);
    Responses.blocking(ctx, () -> {
      Retries.Bulk result = retries.retryAll(filter, BearerAuth.actor(ctx));
      Responses.json(ctx, 200, Map.of("enqueued", result.enqueued(), "discarded", result.discarded()));
      return null;
    });
  }

  static <T> T cursorSafe(java.util.function.Supplier<T> s) {
    try {
      return s.get();
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
  }
}
