package io.lightningop.operator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.operator.state.WebhookAuth;
import io.lightningop.operator.state.WebhookTrigger;
import io.lightningop.operator.state.WorkOrders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Webhook triggers, {@code POST /i/:path} (spec §5.2): auth per trigger, the body stored as an
 * {@code http_request} dataclip, and {@code {"work_order_id": …}} only once the work order, run
 * and dataclip are committed.
 */
final class WebhookRouter {
  // Never stored in a dataclip: the dataclip is readable through the API, these are secrets.
  private static final Set<String> SECRET_HEADERS = Set.of("authorization", "x-api-key", "cookie", "proxy-authorization");

  private final WorkOrders workOrders;
  private final WebhookAuth auth;
  private final Timer latency;

  WebhookRouter(WorkOrders workOrders, WebhookAuth auth, MeterRegistry metrics) {
    this.workOrders = workOrders;
    this.auth = auth;
    this.latency = Timer.builder("lightning_webhook_duration").description("webhook request to committed work order")
        .publishPercentileHistogram().register(metrics);
  }

  void mount(Router router) {
    router.route("/i/*").method(HttpMethod.POST)
        .handler(BodyHandler.create(false).setBodyLimit(HttpApi.MAX_BODY_BYTES));
    router.post("/i/:path").handler(this::post);
    router.post("/i/:path/*").handler(this::post);
    router.get("/i/:path").handler(this::get);
  }

  private void get(RoutingContext ctx) {
    Responses.blocking(ctx, () -> {
      if (authorized(ctx).isPresent()) {
        Responses.json(ctx, 200, Map.of("message", "OpenFn webhook trigger found. Make a POST request to execute this workflow."));
      }
      return null;
    });
  }

  private void post(RoutingContext ctx) {
    long start = System.nanoTime();
    Responses.blocking(ctx, () -> {
      Optional<WebhookTrigger> trigger = authorized(ctx);
      if (trigger.isEmpty()) return null;
      if (!trigger.get().enabled() || !trigger.get().workflowLive()) {
        Responses.error(ctx, 403, "trigger_disabled", "Unable to process request, trigger is disabled. "
            + "Enable it on OpenFn to allow requests to this endpoint.");
        return null;
      }
      JsonNode body = parseBody(ctx);
      if (body == null) return null;
      WorkOrders.Created created = workOrders.createForTrigger(trigger.get().id(), "http_request", body.toString(),
          request(ctx).toString());
      latency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
      Responses.json(ctx, 200, Map.of("work_order_id", created.workOrderId().toString()));
      return null;
    });
  }

  /** The trigger when the request may use it; otherwise the answer has been sent. */
  private Optional<WebhookTrigger> authorized(RoutingContext ctx) {
    Optional<WebhookTrigger> trigger = workOrders.findWebhook(ctx.pathParam("path"));
    if (trigger.isEmpty()) {
      Responses.error(ctx, 404, "Webhook not found");
      return Optional.empty();
    }
    if (trigger.get().hasAuth()) {
      WebhookAuth.Verdict verdict = auth.check(trigger.get().id(), ctx.request().getHeader("x-api-key"),
          ctx.request().getHeader("authorization"));
      if (verdict == WebhookAuth.Verdict.MISSING) {
        Responses.error(ctx, 401, "Unauthorized");
        return Optional.empty();
      }
      if (verdict == WebhookAuth.Verdict.WRONG) {
        Responses.error(ctx, 404, "Webhook not found"); // wrong credentials hide the trigger, as Lightning
        return Optional.empty();
      }
    }
    return trigger;
  }

  /** JSON or form bodies; a non-object JSON value arrives as {@code {"_json": value}} (Plug). */
  private static JsonNode parseBody(RoutingContext ctx) {
    String type = Optional.ofNullable(ctx.request().getHeader("content-type")).orElse("").toLowerCase();
    String text = ctx.body().asString();
    if (text == null || text.isBlank()) return Responses.JSON.createObjectNode();
    if (type.startsWith("application/json") || type.contains("+json")) {
      JsonNode parsed;
      try {
        parsed = Responses.JSON.readTree(text);
      } catch (JsonProcessingException e) {
        Responses.json(ctx, 400, Map.of("error", "invalid_json", "message",
            "the body is not valid JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr()));
        return null;
      }
      if (parsed.isObject()) return parsed;
      ObjectNode wrapped = Responses.JSON.createObjectNode();
      wrapped.set("_json", parsed);
      return wrapped;
    }
    if (type.startsWith("application/x-www-form-urlencoded")) {
      ObjectNode form = Responses.JSON.createObjectNode();
      io.netty.handler.codec.http.QueryStringDecoder decoder = new io.netty.handler.codec.http.QueryStringDecoder(text, false);
      decoder.parameters().forEach((k, v) -> form.put(k, v.getLast()));
      return form;
    }
    Responses.error(ctx, 415, "unsupported_media_type", "send the body as application/json or application/x-www-form-urlencoded");
    return null;
  }

  private static ObjectNode request(RoutingContext ctx) {
    ObjectNode r = Responses.JSON.createObjectNode();
    r.put("method", ctx.request().method().name());
    var path = r.putArray("path");
    Arrays.stream(ctx.normalizedPath().split("/")).filter(s -> !s.isEmpty()).forEach(path::add);
    ObjectNode query = r.putObject("query_params");
    ctx.queryParams().forEach(e -> query.put(e.getKey(), e.getValue()));
    ObjectNode headers = r.putObject("headers");
    MultiMap h = ctx.request().headers();
    h.names().forEach(n -> {
      String name = n.toLowerCase();
      if (!SECRET_HEADERS.contains(name)) headers.put(name, String.join(", ", h.getAll(n)));
    });
    return r;
  }
}
