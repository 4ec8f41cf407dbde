package io.lightningop.operator.git;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs git sources: each is synced at start, then every {@code interval}, and at once when a
 * push webhook {@link #trigger triggers} it. Triggers that arrive while a sync is pending
 * collapse into that one sync.
 */
public final class GitSourcePoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GitSourcePoller.class);

  private record Entry(GitSourceSyncer syncer, AtomicBoolean pending) {}

  private final Map<String, Entry> sources = new ConcurrentHashMap<>();
  private final ScheduledExecutorService executor;
  private final Consumer<GitSyncStatus> onSync;

  /** @param onSync told the status after every sync (e.g. to update a resource's status) */
  public GitSourcePoller(Consumer<GitSyncStatus> onSync) {
    this.onSync = onSync;
    this.executor = Executors.newScheduledThreadPool(2, r -> Thread.ofPlatform().daemon().name("git-source-poll").unstarted(r));
  }

  /** Starts polling {@code syncer}; the poller closes it. */
  public void add(GitSourceSyncer syncer) {
    String name = syncer.source().name();
    Entry entry = new Entry(syncer, new AtomicBoolean());
    if (sources.putIfAbsent(name, entry) != null) throw new IllegalArgumentException("git source " + name + " is already running");
    long every = syncer.source().interval().toMillis();
    executor.scheduleWithFixedDelay(() -> run(entry), 0, every, TimeUnit.MILLISECONDS);
  }

  public Optional<GitSourceSyncer> find(String name) {
    return Optional.ofNullable(sources.get(name)).map(Entry::syncer);
  }

  public Collection<GitSourceSyncer> all() {
    return sources.values().stream().map(Entry::syncer).toList();
  }

  /** Syncs {@code name} now (asynchronously). @return false when no such source runs */
  public boolean trigger(String name) {
    Entry entry = sources.get(name);
    if (entry == null) return false;
    if (entry.pending().compareAndSet(false, true)) {
      executor.execute(() -> {
        entry.pending().set(false);
        run(entry);
      });
    }
    return true;
  }

  private void run(Entry entry) {
    try {
      onSync.accept(entry.syncer().sync());
    } catch (RuntimeException e) {
      LOG.error("git source {}: sync failed", entry.syncer().source().name(), e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sources.values().forEach(e -> e.syncer().close());
  }
}
