package io.lightningop.operator.state;

import java.time.Instant;
import java.util.UUID;

/** One execution of a workflow for a work order (Lightning's {@code runs} row). */
public record Run(
    UUID id,
    UUID workOrderId,
    UUID snapshotId,
    UUID startingTriggerId,
    UUID startingJobId,
    UUID dataclipId,
    UUID finalDataclipId,
    RunState state,
    String errorType,
    int priority,
    String queue,
    String workerName,
    RunOptions options,
    Instant claimedAt,
    Instant startedAt,
    Instant finishedAt,
    Instant insertedAt) {}
