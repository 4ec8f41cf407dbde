package io.lightningop.operator.api;

import io.lightningop.operator.state.Activity;
import io.vertx.ext.web.Router;
import java.util.Map;
import java.util.UUID;

/** {@code /api/dataclips/:id}: a dataclip's body and request (wiped ones have a null body). */
final class DataclipRouter {
  private final Activity activity;

  DataclipRouter(Activity activity) {
    this.activity = activity;
  }

  void mount(Router router) {
    router.get("/api/dataclips/:id").handler(ctx -> {
      UUID id = QueryParams.pathUuid(ctx.pathParam("id"), "id");
      Responses.blocking(ctx, () -> {
        var clip = id == null ? java.util.Optional.empty() : activity.dataclip(id, BearerAuth.actor(ctx));
        if (clip.isEmpty()) Responses.error(ctx, 404, "Not Found");
        else Responses.json(ctx, 200, Map.of("data", clip.get()));
        return null;
      });
    });
  }
}
