package io.lightningop.runtime.cli;

import io.lightningop.runtime.adaptor.npm.AdaptorCache;
import io.lightningop.runtime.channel.JsPlanExecutor;
import io.lightningop.runtime.channel.PlanExecutor;
import io.lightningop.runtime.channel.Worker;
import io.lightningop.runtime.channel.WorkerConfig;
import io.lightningop.runtime.js.JobRuntime;
import io.lightningop.spec.worker.WorkerKeys;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lightning worker}: serves runs for a Lightning-compatible control plane (ours or
 * OpenFn's) until SIGTERM/SIGINT, then stops claiming and lets runs in progress finish.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = "Claim and execute runs from a Lightning control plane over its worker socket.")
public final class WorkerCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--lightning", defaultValue = "${env:WORKER_LIGHTNING_SERVICE_URL:-ws://localhost:4000/worker}",
      description = "Worker socket base URL (env WORKER_LIGHTNING_SERVICE_URL). Default: ${DEFAULT-VALUE}")
  String lightning;

  @Option(names = "--capacity", defaultValue = "${env:WORKER_CAPACITY:-5}",
      description = "Runs executed at once (env WORKER_CAPACITY). Default: ${DEFAULT-VALUE}")
  int capacity;

  @Option(names = "--warm-contexts", defaultValue = "${env:WORKER_WARM_CONTEXTS:-1}",
      description = "Step Contexts kept ready (adaptors loaded) per recently used adaptor set; 0 builds each "
          + "when its step starts (env WORKER_WARM_CONTEXTS). Default: ${DEFAULT-VALUE}")
  int warmContexts;

  @Option(names = "--secret", defaultValue = "${env:WORKER_SECRET}", description = "Shared secret (env WORKER_SECRET).")
  String secret;

  @Option(names = "--lightning-public-key", defaultValue = "${env:WORKER_LIGHTNING_PUBLIC_KEY}",
      description = "base64 PEM key to verify run tokens (env WORKER_LIGHTNING_PUBLIC_KEY).")
  String publicKey;

  @Option(names = "--name", defaultValue = "${env:WORKER_NAME:-${env:DEPLOYED_POD_NAME}}",
      description = "Name recorded on claimed runs (env WORKER_NAME, else DEPLOYED_POD_NAME).")
  String name;

  @Option(names = "--backoff", defaultValue = "${env:WORKER_BACKOFF:-1/10}",
      description = "Claim backoff min/max seconds (env WORKER_BACKOFF). Default: ${DEFAULT-VALUE}")
  String backoff;

  @Option(names = "--grace", defaultValue = "${env:WORKER_SHUTDOWN_GRACE_SECONDS:-300}",
      description = "Seconds to let runs finish after SIGTERM. Default: ${DEFAULT-VALUE}")
  long graceSeconds;

  @Override
  public Integer call() throws Exception {
    WorkerConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (warmContexts < 0) throw new ParameterException(spec.commandLine(), "--warm-contexts must be 0 or more, got " + warmContexts);
    JobRuntime runtime = new JobRuntime(Adaptors.open(), warmContexts);
    WarmUp.run(runtime, WarmUp.cachedAdaptor(new AdaptorCache(AdaptorCache.defaultRoot())));
    PlanExecutor executor = new JsPlanExecutor(runtime.executor());
    Worker worker = new Worker(config, executor).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        worker.drain();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        runtime.close();
        stopped.countDown();
      }
    }, "worker-drain"));
    stopped.await();
    return 0;
  }

  WorkerConfig config() {
    String[] parts = backoff.split("/");
    if (parts.length != 2) throw new IllegalArgumentException("--backoff must be min/max seconds, e.g. 1/10");
    Duration min = Duration.ofMillis((long) (Double.parseDouble(parts[0]) * 1000));
    Duration max = Duration.ofMillis((long) (Double.parseDouble(parts[1]) * 1000));
    PublicKey key = publicKey == null || publicKey.isBlank() ? null
        : WorkerKeys.publicKey(publicKey, "WORKER_LIGHTNING_PUBLIC_KEY");
    WorkerConfig d = WorkerConfig.defaults(lightning, secret, key, capacity, name == null || name.isBlank() ? null : name);
    return d.withTimings(min, max, d.messageTimeout(), d.heartbeatInterval(), d.reconnectStep(),
        Duration.ofSeconds(graceSeconds));
  }
}
