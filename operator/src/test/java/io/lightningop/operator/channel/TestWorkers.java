package io.lightningop.operator.channel;

import io.lightningop.runtime.channel.MinimalPlanExecutor;
import io.lightningop.runtime.channel.Worker;
import io.lightningop.runtime.channel.WorkerConfig;
import io.lightningop.spec.worker.WorkerKeys;
import java.time.Duration;

/** Our worker with test timings: short backoff, heartbeat, reconnect and drain. */
final class TestWorkers {
  private TestWorkers() {}

  static Worker start(String url, WorkerSecrets secrets, int capacity) {
    WorkerConfig c = WorkerConfig.defaults(url, secrets.workerSecret(),
            WorkerKeys.publicKey(secrets.lightningPublicKey(), "WORKER_LIGHTNING_PUBLIC_KEY"), capacity, "test-worker")
        .withTimings(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(1),
            Duration.ofMillis(100), Duration.ofSeconds(10));
    return new Worker(c, new MinimalPlanExecutor()).start();
  }
}
