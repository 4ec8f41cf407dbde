package io.lightningop.operator.api;

import io.lightningop.operator.state.Actor;
import io.lightningop.operator.state.ApiTokens;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code Authorization: Bearer <token>} for {@code /api}; 401 {@code {"error": "Unauthorized"}} otherwise. */
final class BearerAuth implements Handler<RoutingContext> {
  static final String ACTOR = "actor";
  private final ApiTokens tokens;

  BearerAuth(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      Responses.error(ctx, 401, "Unauthorized");
      return;
    }
    String token = header.substring(7).trim();
    ctx.vertx().executeBlocking(() -> tokens.verify(token), false).onComplete(r -> {
      if (r.failed()) {
        ctx.fail(r.cause());
      } else if (r.result().isEmpty()) {
        Responses.error(ctx, 401, "Unauthorized");
      } else {
        ctx.put(ACTOR, r.result().get());
        ctx.next();
      }
    });
  }

  static Actor actor(RoutingContext ctx) {
    return ctx.get(ACTOR);
  }
}
