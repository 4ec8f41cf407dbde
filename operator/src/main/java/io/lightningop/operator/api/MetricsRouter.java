package io.lightningop.operator.api;

import io.lightningop.operator.state.RunQueue;
import io.lightningop.operator.state.RunState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code /metrics} in Prometheus text format. Queue gauges are read from the database once per
 * scrape (on a worker thread) rather than on every gauge read.
 */
final class MetricsRouter {
  private final PrometheusMeterRegistry registry;
  private final RunQueue queue;
  private volatile Map<RunState, Long> byState = new EnumMap<>(RunState.class);

  MetricsRouter(PrometheusMeterRegistry registry, RunQueue queue) {
    this.registry = registry;
    this.queue = queue;
    Gauge.builder("lightning_queue_depth", this, m -> m.byState.getOrDefault(RunState.AVAILABLE, 0L))
        .description("runs waiting to be claimed").register(registry);
    for (RunState s : RunState.values()) {
      Gauge.builder("lightning_runs", this, m -> m.byState.getOrDefault(s, 0L))
          .tag("state", s.wire()).description("runs by state").register(registry);
    }
  }

  void mount(Router router) {
    router.get("/metrics").handler(ctx -> Responses.blocking(ctx, () -> {
      byState = queue.countByState();
      ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape());
      return null;
    }));
  }
}
