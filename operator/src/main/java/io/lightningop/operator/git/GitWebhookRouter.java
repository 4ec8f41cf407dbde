package io.lightningop.operator.git;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/git/{source}}: a push webhook from GitHub, GitLab or anything that signs
 * with HMAC makes the source fetch now. Only the signature is checked; the payload itself is never
 * read, so a forged or stale payload can at most cause a fetch of what the repository really holds.
 * Unsigned, badly signed and replayed deliveries are refused and logged.
 */
public final class GitWebhookRouter {
  private static final Logger LOG = LoggerFactory.getLogger(GitWebhookRouter.class);
  /** Push payloads are small; anything bigger is not a push event. */
  static final long MAX_BODY_BYTES = 1024 * 1024;
  private static final String[] DELIVERY_HEADERS = {"X-GitHub-Delivery", "X-Gitlab-Event-UUID", "X-Delivery-Id"};

  private final GitSourcePoller poller;
  private final Clock clock;
  // Delivery ids already accepted, per source; bounded, oldest forgotten first.
  private final Set<String> delivered = Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > 10_000;
    }
  });

  public GitWebhookRouter(GitSourcePoller poller, Clock clock) {
    this.poller = poller;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.post("/hooks/git/:source").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).handler(this::post);
  }

  private void post(RoutingContext ctx) {
    String name = ctx.pathParam("source");
    String from = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    GitSourceSyncer syncer = poller.find(name).orElse(null);
    if (syncer == null) {
      LOG.warn("git webhook for unknown source {} from {} refused", name, from);
      reply(ctx, 404, "Not Found", "no git source named " + name);
      return;
    }
    byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    WebhookSignatures.Verdict verdict = WebhookSignatures.verify(syncer.source().webhookSecret(),
        h -> ctx.request().getHeader(h), body, clock.instant());
    if (!verdict.accepted()) {
      LOG.warn("git webhook for source {} from {} refused: {}", name, from, verdict.reason());
      reply(ctx, 401, "Unauthorized", verdict.reason());
      return;
    }
    String delivery = Stream.of(DELIVERY_HEADERS).map(h -> ctx.request().getHeader(h)).filter(d -> d != null && !d.isBlank())
        .findFirst().orElse(null);
    if (delivery != null) {
      boolean fresh;
      synchronized (delivered) {
        fresh = delivered.add(name + "\0" + delivery);
      }
      if (!fresh) {
        LOG.warn("git webhook for source {} from {} refused: delivery {} was already received", name, from, delivery);
        reply(ctx, 409, "Conflict", "delivery " + delivery + " was already received");
        return;
      }
    }
    poller.trigger(name);
    LOG.info("git webhook for source {} ({}, delivery {}) accepted: fetching", name, verdict.scheme(), delivery);
    ctx.response().setStatusCode(202).putHeader("content-type", "application/json")
        .end(new JsonObject().put("source", name).put("fetch", "scheduled").encode());
  }

  private static void reply(RoutingContext ctx, int status, String title, String detail) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/problem+json")
        .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status).put("detail", detail).encode());
  }
}
