package io.lightningop.operator.k8s.workerpool;

import java.util.List;

/** Reads the run queue's depth; {@link RunQueueDepth} reads the control plane's run queue. */
@FunctionalInterface
public interface QueueDepthSource {
  /** Depth over the given queues; an empty list means every queue. */
  QueueDepth depth(List<String> queues);

  /** Calls {@code listener} when runs were enqueued, so pools grow at once instead of at the next poll. */
  default AutoCloseable onWorkAvailable(Runnable listener) {
    return () -> { };
  }
}
