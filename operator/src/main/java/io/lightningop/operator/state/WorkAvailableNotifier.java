package io.lightningop.operator.state;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the work-available NOTIFY after commits, at most once per debounce window. NOTIFY inside
 * each enqueueing transaction would serialise all their commits on PostgreSQL's notify lock.
 */
final class WorkAvailableNotifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkAvailableNotifier.class);
  private static final long DEBOUNCE_MS = 50;

  private final Jdbi jdbi;
  private final String channel;
  private final AtomicBoolean pending = new AtomicBoolean();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("work-available-notify").unstarted(r));

  WorkAvailableNotifier(Jdbi jdbi, String channel) {
    this.jdbi = jdbi;
    this.channel = channel;
  }

  /** Called after a commit that made runs available. */
  void signal() {
    if (pending.compareAndSet(false, true)) {
      try {
        timer.schedule(this::send, DEBOUNCE_MS, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        pending.set(false); // closing
      }
    }
  }

  private void send() {
    pending.set(false);
    try {
      jdbi.useHandle(h -> h.execute("SELECT pg_notify('" + channel + "', '')"));
    } catch (RuntimeException e) {
      LOG.warn("could not announce available work: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
