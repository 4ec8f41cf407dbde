package io.lightningop.operator.channel;

import io.lightningop.runtime.adaptor.NpmAdaptorModules;
import io.lightningop.runtime.channel.JsPlanExecutor;
import io.lightningop.runtime.channel.PlanExecutor;
import io.lightningop.runtime.channel.Worker;
import io.lightningop.runtime.channel.WorkerConfig;
import io.lightningop.runtime.js.JobRuntime;
import io.lightningop.spec.worker.WorkerKeys;
import java.time.Duration;

/**
 * Our worker with the runtime's real GraalJS executor and npm adaptors, and test timings: short
 * backoff, heartbeat, reconnect and drain. One JobRuntime (one Engine) serves every test.
 */
final class TestWorkers {
  private static JobRuntime runtime;

  private TestWorkers() {}

  static synchronized JsPlanExecutor executor() {
    if (runtime == null) runtime = new JobRuntime(NpmAdaptorModules.withDefaults());
    return new JsPlanExecutor(runtime.executor());
  }

  /** A worker on the fast test executor (protocol tests). */
  static Worker start(String url, WorkerSecrets secrets, int capacity) {
    return start(url, secrets, capacity, new MinimalPlanExecutor());
  }

  /** A worker on the runtime's real executor. */
  static Worker startReal(String url, WorkerSecrets secrets, int capacity) {
    return start(url, secrets, capacity, executor());
  }

  static Worker start(String url, WorkerSecrets secrets, int capacity, PlanExecutor executor) {
    WorkerConfig c = WorkerConfig.defaults(url, secrets.workerSecret(),
            WorkerKeys.publicKey(secrets.lightningPublicKey(), "WORKER_LIGHTNING_PUBLIC_KEY"), capacity, "test-worker")
        .withTimings(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(1),
            Duration.ofMillis(100), Duration.ofSeconds(10));
    return new Worker(c, executor).start();
  }
}
