package io.lightningop.operator.state;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** A {@link RunQueue} that times claims ({@code lightning_claim_duration}); everything else passes through. */
public final class MeteredRunQueue implements RunQueue {
  private final RunQueue delegate;
  private final Timer claims;

  public MeteredRunQueue(RunQueue delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.claims = Timer.builder("lightning_claim_duration").description("time to claim runs for a worker")
        .publishPercentileHistogram().register(registry);
  }

  @Override
  public UUID enqueue(Handle tx, NewRun run) {
    return delegate.enqueue(tx, run);
  }

  @Override
  public List<Run> claim(int demand, List<String> queues, String workerName) {
    return claims.record(() -> delegate.claim(demand, queues, workerName));
  }

  @Override
  public Run start(UUID runId) {
    return delegate.start(runId);
  }

  @Override
  public Run complete(UUID runId, RunState finalState, String errorType, UUID finalDataclipId) {
    return delegate.complete(runId, finalState, errorType, finalDataclipId);
  }

  @Override
  public Optional<Run> resolveLost(UUID runId, RunState finalState, String errorType, UUID finalDataclipId) {
    return delegate.resolveLost(runId, finalState, errorType, finalDataclipId);
  }

  @Override
  public void release(UUID runId) {
    delegate.release(runId);
  }

  @Override
  public List<Run> markLost() {
    return delegate.markLost();
  }

  @Override
  public Optional<Run> find(UUID runId) {
    return delegate.find(runId);
  }

  @Override
  public long depth() {
    return delegate.depth();
  }

  @Override
  public Map<RunState, Long> countByState() {
    return delegate.countByState();
  }

  @Override
  public AutoCloseable onWorkAvailable(Runnable listener) {
    return delegate.onWorkAvailable(listener);
  }
}
