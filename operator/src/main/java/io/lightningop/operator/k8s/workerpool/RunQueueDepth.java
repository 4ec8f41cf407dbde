package io.lightningop.operator.k8s.workerpool;

import io.lightningop.operator.state.RunQueue;
import io.lightningop.operator.state.RunState;
import java.util.List;
import java.util.Map;

/**
 * Queue depth from the control plane's run queue: {@code available} runs wait for a worker,
 * {@code claimed} and {@code started} runs occupy one. The queue keeps no per-queue counts yet,
 * so a pool's {@code queues} do not narrow the count: every pool sees the whole queue.
 */
public final class RunQueueDepth implements QueueDepthSource {
  private final RunQueue queue;

  public RunQueueDepth(RunQueue queue) {
    this.queue = queue;
  }

  @Override
  public QueueDepth depth(List<String> queues) {
    Map<RunState, Long> counts = queue.countByState();
    long available = counts.getOrDefault(RunState.AVAILABLE, 0L);
    long running = counts.getOrDefault(RunState.CLAIMED, 0L) + counts.getOrDefault(RunState.STARTED, 0L);
    return new QueueDepth((int) Math.min(Integer.MAX_VALUE, available), (int) Math.min(Integer.MAX_VALUE, running));
  }

  @Override
  public AutoCloseable onWorkAvailable(Runnable listener) {
    return queue.onWorkAvailable(listener);
  }
}
