package io.lightningop.operator.git;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/git/{source}} (or any path naming a source): a push webhook from GitHub, GitLab or anything that signs
 * with HMAC makes the source fetch now. Only the signature is checked; the payload itself is never
 * read, so a forged or stale payload can at most cause a fetch of what the repository really holds.
 * Unsigned, badly signed and replayed deliveries are refused and logged.
 */
public final class GitWebhookRouter {
  private static final Logger LOG = LoggerFactory.getLogger(GitWebhookRouter.class);
  /** Push payloads are small; anything bigger is not a push event. */
  static final long MAX_BODY_BYTES = 1024 * 1024;
  private static final String[] DELIVERY_HEADERS = {"X-GitHub-Delivery", "X-Gitlab-Event-UUID", "X-Delivery-Id"};

  /** A source a webhook may name: its secret (null when none can be read, with why) and how to fetch it now. */
  public record Hook(String secret, String whyNoSecret, Runnable fetch) {}

  /** Finds the source a request path names; may block (e.g. reading a Kubernetes Secret). */
  @FunctionalInterface
  public interface Sources {
    Optional<Hook> find(String name);
  }

  private final String path;
  private final List<String> params;
  private final Sources sources;
  private final Clock clock;
  // Delivery ids already accepted, per source; bounded, oldest forgotten first.
  private final Set<String> delivered = Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > 10_000;
    }
  });

  /** {@code POST /hooks/git/{source}} for the sources of a {@link GitSourcePoller}. */
  public GitWebhookRouter(GitSourcePoller poller, Clock clock) {
    this("/hooks/git/:source", List.of("source"), name -> poller.find(name)
        .map(s -> new Hook(s.source().webhookSecret(), null, () -> poller.trigger(name))), clock);
  }

  /** @param params the path parameters that, joined with "/", name the source */
  public GitWebhookRouter(String path, List<String> params, Sources sources, Clock clock) {
    this.path = path;
    this.params = List.copyOf(params);
    this.sources = sources;
    this.clock = clock;
  }

  public void mount(Router router) {
    // Blocking: finding a source may read a Secret from the API server.
    router.post(path).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).blockingHandler(this::post, false);
  }

  private void post(RoutingContext ctx) {
    String name = String.join("/", params.stream().map(ctx::pathParam).toList());
    String from = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    Hook hook;
    try {
      hook = sources.find(name).orElse(null);
    } catch (RuntimeException e) {
      LOG.warn("git webhook for source {} from {} failed: cannot look the source up: {}", name, from, e.getMessage());
      reply(ctx, 503, "Service Unavailable", "cannot look up git source " + name);
      return;
    }
    if (hook == null) {
      LOG.warn("git webhook for unknown source {} from {} refused", name, from);
      reply(ctx, 404, "Not Found", "no git source named " + name);
      return;
    }
    byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    WebhookSignatures.Verdict verdict = hook.secret() == null && hook.whyNoSecret() != null
        ? new WebhookSignatures.Verdict(false, "none", hook.whyNoSecret())
        : WebhookSignatures.verify(hook.secret(), h -> ctx.request().getHeader(h), body, clock.instant());
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
    hook.fetch().run();
    LOG.info("git webhook for source {} ({}, delivery {}) accepted: fetching", name, verdict.scheme(), delivery);
    ctx.response().setStatusCode(202).putHeader("content-type", "application/json")
        .end(new JsonObject().put("source", name).put("fetch", "scheduled").encode());
  }

  private static void reply(RoutingContext ctx, int status, String title, String detail) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/problem+json")
        .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status).put("detail", detail).encode());
  }
}
