package io.lightningop.operator.api;

import io.lightningop.operator.state.Database;
import io.vertx.ext.web.Router;
import java.util.Map;

/** {@code /health/live} (the process answers) and {@code /health/ready} (and {@code /health}: the database answers). */
final class HealthRouter {
  private final Database database;

  HealthRouter(Database database) {
    this.database = database;
  }

  void mount(Router router) {
    router.get("/health/live").handler(ctx -> Responses.json(ctx, 200, Map.of("status", "ok")));
    for (String path : new String[] {"/health", "/health/ready"}) {
      router.get(path).handler(ctx -> Responses.blocking(ctx, () -> {
        boolean ready = database.isReady();
        Responses.json(ctx, ready ? 200 : 503, Map.of("status", ready ? "ok" : "unavailable", "database", ready ? "ok" : "unreachable"));
        return null;
      }));
    }
  }
}
