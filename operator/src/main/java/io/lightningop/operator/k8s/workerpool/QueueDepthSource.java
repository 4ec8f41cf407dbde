package io.lightningop.operator.k8s.workerpool;

import java.util.List;

/** Reads the run queue's depth; the control plane's run queue implements it. */
@FunctionalInterface
public interface QueueDepthSource {
  /** Depth over the given queues; an empty list means every queue. */
  QueueDepth depth(List<String> queues);
}
