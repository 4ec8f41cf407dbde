package io.lightningop.operator.state;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The queue of runs the worker channel serves. Runs move {@code available → claimed → started →}
 * a final state; a claim is a lease that ends at {@code COALESCE(started_at, claimed_at)} plus the
 * run's timeout plus a grace period, after which {@link #markLost()} gives the run up as lost.
 */
public interface RunQueue {

  /** Adds a run inside the caller's transaction; workers hear of it when that transaction commits. */
  UUID enqueue(Handle tx, NewRun run);

  /**
   * Claims up to {@code demand} available runs for one worker, oldest first within priority,
   * preferring queues in the order given ({@code "*"} = any queue). A run is never handed to two
   * claimants.
   */
  List<Run> claim(int demand, List<String> queues, String workerName);

  /** {@code claimed → started}. Fails when the run is not claimed (e.g. already lost). */
  Run start(UUID runId);

  /** {@code claimed|started →} a final state. Fails when the run is already final. */
  Run complete(UUID runId, RunState finalState, String errorType, UUID finalDataclipId);

  /**
   * {@code lost →} the final state a worker reports after the lease ran out (a late
   * {@code run:complete} proves how the run really ended). Empty when the run is not lost.
   */
  Optional<Run> resolveLost(UUID runId, RunState finalState, String errorType, UUID finalDataclipId);

  /** Puts a claimed run back (the worker vanished before the claim reply went out). */
  void release(UUID runId);

  /** Marks every run whose lease has expired as lost; returns them. */
  List<Run> markLost();

  Optional<Run> find(UUID runId);

  /** Runs waiting to be claimed. */
  long depth();

  Map<RunState, Long> countByState();

  /**
   * Calls {@code listener} (on a background thread) whenever runs were enqueued by any
   * control-plane replica. Close the returned handle to stop listening.
   */
  AutoCloseable onWorkAvailable(Runnable listener);
}
