package io.lightningop.operator.k8s.workerpool;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides how many worker pods a pool runs: {@code clamp(ceil((available + running) / capacity),
 * min, max)}, applied at once when it grows and only after the queue has asked for fewer pods
 * for a whole {@code scaleDownDelay} when it shrinks, so a short lull does not kill busy pods.
 */
public final class ReplicaPlanner {
  private ReplicaPlanner() {}

  /** The decision, and the time the pending scale-down started (null when none is pending). */
  public record Decision(int replicas, int desired, Instant scaleDownPendingSince, Duration recheckIn) {}

  public static int desired(QueueDepth depth, int capacity, int min, int max) {
    long work = (long) depth.available() + depth.running();
    long pods = (work + capacity - 1) / capacity;
    return (int) Math.max(min, Math.min(max, pods));
  }

  /**
   * @param current replicas the Deployment has now, or null when it does not exist yet
   * @param pendingSince when the queue first asked for fewer pods than {@code current}, or null
   */
  public static Decision plan(WorkerPoolSpec spec, QueueDepth depth, Integer current, Instant pendingSince,
      Instant now) {
    int desired = desired(depth, spec.capacityOrDefault(), spec.minReplicasOrDefault(), spec.maxReplicasOrDefault());
    if (current == null || desired >= current) {
      return new Decision(desired, desired, null, null);
    }
    Duration delay = spec.scaleDownDelayOrDefault();
    Instant since = pendingSince == null ? now : pendingSince;
    Duration waited = Duration.between(since, now);
    if (waited.compareTo(delay) >= 0) {
      return new Decision(desired, desired, null, null);
    }
    return new Decision(current, desired, since, delay.minus(waited));
  }
}
