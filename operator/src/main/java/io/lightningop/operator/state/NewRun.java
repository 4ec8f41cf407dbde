package io.lightningop.operator.state;

import java.util.UUID;

/**
 * A run to enqueue. Exactly one of {@code startingTriggerId} and {@code startingJobId} is set.
 * Priority 0 is Lightning's {@code immediate} (manual runs, retries), 1 is {@code normal}.
 */
public record NewRun(
    UUID workOrderId,
    UUID snapshotId,
    UUID startingTriggerId,
    UUID startingJobId,
    UUID dataclipId,
    int priority,
    String queue,
    RunOptions options,
    String createdBy) {

  public static final int IMMEDIATE = 0;
  public static final int NORMAL = 1;

  public NewRun {
    if ((startingTriggerId == null) == (startingJobId == null)) {
      throw new IllegalArgumentException("a run starts at exactly one trigger or job");
    }
    if (queue == null) queue = priority == IMMEDIATE ? "manual" : "default";
    if (options == null) options = RunOptions.defaults();
  }
}
