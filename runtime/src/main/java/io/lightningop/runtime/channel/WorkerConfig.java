package io.lightningop.runtime.channel;

import java.security.PublicKey;
import java.time.Duration;

/**
 * Everything the worker needs to serve a Lightning (§4.15). Durations are configurable so tests
 * can use short ones; {@link #defaults} gives ws-worker's values.
 *
 * @param lightningUrl base socket URL, e.g. {@code ws://localhost:4000/worker}
 * @param lightningPublicKey verifies run tokens when not null
 * @param workerName sent with each claim ({@code WORKER_NAME}), may be null
 */
public record WorkerConfig(
    String lightningUrl,
    String workerSecret,
    PublicKey lightningPublicKey,
    int capacity,
    String workerName,
    Duration backoffMin,
    Duration backoffMax,
    Duration messageTimeout,
    Duration claimTimeout,
    Duration heartbeatInterval,
    Duration reconnectStep,
    Duration drainGrace) {

  public static final String API_VERSION = "1.2";
  public static final String WORKER_VERSION = "1.25.0";

  public WorkerConfig {
    if (lightningUrl == null || !lightningUrl.matches("wss?://.+")) {
      throw new IllegalArgumentException("--lightning must be a ws:// or wss:// URL, got " + lightningUrl);
    }
    if (workerSecret == null || workerSecret.isEmpty()) {
      throw new IllegalArgumentException("WORKER_SECRET is not set");
    }
    if (capacity < 1) throw new IllegalArgumentException("--capacity must be at least 1, got " + capacity);
  }

  public static WorkerConfig defaults(String url, String secret, PublicKey key, int capacity, String name) {
    return new WorkerConfig(url, secret, key, capacity, name,
        Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(3600),
        Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(5));
  }

  public WorkerConfig withTimings(Duration backoffMin, Duration backoffMax, Duration messageTimeout,
      Duration heartbeatInterval, Duration reconnectStep, Duration drainGrace) {
    return new WorkerConfig(lightningUrl, workerSecret, lightningPublicKey, capacity, workerName,
        backoffMin, backoffMax, messageTimeout, claimTimeout, heartbeatInterval, reconnectStep, drainGrace);
  }
}
