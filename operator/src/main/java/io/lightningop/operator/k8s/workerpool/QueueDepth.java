package io.lightningop.operator.k8s.workerpool;

/** Runs waiting to be claimed ({@code available}) and runs being executed ({@code running}). */
public record QueueDepth(int available, int running) {
  public QueueDepth {
    if (available < 0 || running < 0) {
      throw new IllegalArgumentException("queue depth cannot be negative: " + available + "/" + running);
    }
  }
}
