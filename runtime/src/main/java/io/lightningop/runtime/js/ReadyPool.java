package io.lightningop.runtime.js;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-shot items built ahead of need on a background thread, by key: {@link #take} hands out a
 * ready item for its key (or builds one on the caller's thread when none is ready) and the pool
 * builds the next one in the background. Items are never handed out twice; those older than
 * {@code maxAge} are replaced; only the {@code maxKeys} most recently taken keys are kept warm, and
 * a key only once it is taken a second time (among the last {@value #REMEMBERED} keys), so a key
 * seen once costs no item built for nothing.
 */
final class ReadyPool<K, T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReadyPool.class);

  private record Ready<T>(T item, long bornNanos) {}

  static final int REMEMBERED = 32;
  /** How long a take waits for a prefetched item the builder has not started yet. */
  static final long QUEUED_WAIT_MILLIS = 5_000;

  private final Function<K, T> factory;
  private final Consumer<T> discard;
  private final int depth;
  private final long maxAgeNanos;
  private final int maxKeys;
  /** Access-ordered: the most recently taken key is last. Guarded by {@code this}. */
  private final LinkedHashMap<K, Deque<Ready<T>>> ready = new LinkedHashMap<>(8, 0.75f, true);
  /** Keys taken recently, most recent last. Guarded by {@code this}. */
  private final LinkedHashMap<K, Boolean> seen = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<K, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  };
  /** Queues made by {@link #prefetch} for a key not kept warm: used once, never refilled. Guarded by {@code this}. */
  private final Set<Deque<Ready<T>>> oneOff = Collections.newSetFromMap(new IdentityHashMap<>());
  /** The queue the builder is building an item for right now, if any. Guarded by {@code this}. */
  private Deque<Ready<T>> buildingFor;
  /** Queues a prefetch asked an item for that the builder has not started yet. Guarded by {@code this}. */
  private final Set<Deque<Ready<T>>> requested = Collections.newSetFromMap(new IdentityHashMap<>());
  private final long waitMillis;
  private final ScheduledExecutorService builder;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private boolean closed;

  /**
   * @param factory builds an item for a key (called on the background thread, or the caller's on a miss)
   * @param discard closes an item that will not be handed out (or was handed back for closing)
   * @param depth how many ready items to keep per key
   */
  ReadyPool(String name, Function<K, T> factory, Consumer<T> discard, int depth, long maxAgeMillis, int maxKeys) {
    if (depth < 1 || maxKeys < 1) throw new IllegalArgumentException("depth and maxKeys must be at least 1");
    this.factory = factory;
    this.discard = discard;
    this.depth = depth;
    this.maxAgeNanos = TimeUnit.MILLISECONDS.toNanos(maxAgeMillis);
    this.maxKeys = maxKeys;
    this.waitMillis = Math.max(1, maxAgeMillis);
    this.builder = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(1, maxAgeMillis / 2);
    builder.scheduleWithFixedDelay(this::replaceExpired, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * A ready item for {@code key} (waiting for one the builder is making for it right now), or a new
   * one built now; a key taken before is kept warm from now on.
   */
  T take(K key) {
    Ready<T> found = null;
    List<T> stale = new ArrayList<>();
    synchronized (this) {
      boolean again = seen.put(key, Boolean.TRUE) != null;
      Deque<Ready<T>> queue = closed ? null : again ? ready.computeIfAbsent(key, k -> new ArrayDeque<>()) : ready.get(key);
      if (queue != null) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        // the builder may be busy with another key; waiting for it to start ours is bounded tighter
        long queuedDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(waitMillis, QUEUED_WAIT_MILLIS));
        while (true) {
          while (found == null && !queue.isEmpty()) {
            Ready<T> r = queue.pollFirst();
            if (fresh(r)) found = r;
            else stale.add(r.item());
          }
          long now = System.nanoTime();
          boolean building = buildingFor == queue;
          boolean coming = building || requested.contains(queue) && now < queuedDeadline;
          long left = (building ? deadline : queuedDeadline) - now;
          if (found != null || !coming || closed || left <= 0) break;
          try {
            TimeUnit.NANOSECONDS.timedWait(this, left); // the builder is making this key's item: cheaper than a second one
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
        requested.remove(queue);
        if (!again) forget(key, queue); // seen once (its queue, if any, is a one-off prefetch): nothing is kept warm for it
        evictBeyond(maxKeys, stale);
      }
    }
    stale.forEach(this::discardLater);
    submit(this::fill);
    if (found != null) {
      hits.incrementAndGet();
      return found.item();
    }
    misses.incrementAndGet();
    return factory.apply(key);
  }

  /**
   * Starts making an item for {@code key} now, for a {@link #take} that follows shortly (a step
   * whose job is still being compiled). A key not kept warm gets that one item only.
   */
  void prefetch(K key) {
    synchronized (this) {
      if (closed) return;
      Deque<Ready<T>> queue = queueOf(key);
      if (queue == null) {
        queue = new ArrayDeque<>();
        ready.put(key, queue);
        if (!seen.containsKey(key)) oneOff.add(queue);
        List<T> evicted = new ArrayList<>();
        evictBeyond(maxKeys, evicted);
        evicted.forEach(this::discardLater);
      }
      if (queue.size() < depth) requested.add(queue);
    }
    submit(this::fill);
  }

  /** Drops a key's queue (and any item left in it). Holds {@code this}. */
  private void forget(K key, Deque<Ready<T>> queue) {
    if (queueOf(key) == queue) ready.remove(key);
    oneOff.remove(queue);
    queue.forEach(r -> discardLater(r.item()));
    queue.clear();
  }

  /** Closes an item in the background (off the caller's critical path). */
  void discardLater(T item) {
    if (!submit(() -> discardQuietly(item))) discardQuietly(item);
  }

  long hits() { return hits.get(); }

  long misses() { return misses.get(); }

  /** Ready items right now, over all keys. */
  synchronized int readyCount() {
    return ready.values().stream().mapToInt(Deque::size).sum();
  }

  /** Builds items until every kept key has {@code depth} of them, the most recently used key first. */
  private void fill() {
    while (true) {
      K key = null;
      Deque<Ready<T>> queue = null;
      synchronized (this) {
        if (closed) return;
        // entrySet iteration, unlike get(), leaves the access order (the LRU) alone
        List<Map.Entry<K, Deque<Ready<T>>>> entries = new ArrayList<>(ready.entrySet());
        for (int i = entries.size() - 1; i >= 0 && key == null; i--) {
          if (entries.get(i).getValue().size() < depth) {
            key = entries.get(i).getKey();
            queue = entries.get(i).getValue();
          }
        }
        if (key == null) { // everything is full: nobody waits for an item still to come
          requested.clear();
          notifyAll();
          return;
        }
        buildingFor = queue;
        requested.remove(queue);
      }
      T item = null;
      boolean kept = false;
      try {
        item = factory.apply(key);
      } catch (RuntimeException e) {
        LOG.warn("could not prepare an item ahead of need for {}; the next take builds it instead", key, e);
      } finally {
        synchronized (this) {
          buildingFor = null;
          if (item == null) {
            requested.clear(); // nobody waits for what this round will not build
          } else if (!closed && queueOf(key) == queue && queue.size() < depth) { // the key may have been evicted meanwhile
            queue.addLast(new Ready<>(item, System.nanoTime()));
            kept = true;
          }
          notifyAll();
        }
      }
      if (item == null) return; // the next take() tries again; do not spin on a failing factory
      if (!kept) discardQuietly(item);
    }
  }

  /** The key's queue without touching the access order. Holds {@code this}. */
  private Deque<Ready<T>> queueOf(K key) {
    for (Map.Entry<K, Deque<Ready<T>>> e : ready.entrySet()) if (e.getKey().equals(key)) return e.getValue();
    return null;
  }

  private void replaceExpired() {
    List<T> stale = new ArrayList<>();
    synchronized (this) {
      ready.values().removeIf(q -> { // a one-off prefetch nobody took in time (its step failed first)
        if (!oneOff.contains(q) || q.isEmpty() || fresh(q.peekFirst())) return false;
        oneOff.remove(q);
        q.forEach(r -> stale.add(r.item()));
        return true;
      });
      for (Deque<Ready<T>> q : ready.values()) {
        q.removeIf(r -> {
          if (fresh(r)) return false;
          stale.add(r.item());
          return true;
        });
      }
    }
    stale.forEach(this::discardQuietly);
    if (!stale.isEmpty()) fill();
  }

  /** Drops the least recently used keys beyond {@code limit}, collecting their items. Holds {@code this}. */
  private void evictBeyond(int limit, List<T> evicted) {
    Iterator<Map.Entry<K, Deque<Ready<T>>>> it = ready.entrySet().iterator();
    int excess = ready.size() - limit;
    while (excess-- > 0 && it.hasNext()) {
      Deque<Ready<T>> q = it.next().getValue();
      q.forEach(r -> evicted.add(r.item()));
      oneOff.remove(q);
      requested.remove(q);
      it.remove();
    }
  }

  private boolean fresh(Ready<T> r) {
    return System.nanoTime() - r.bornNanos() < maxAgeNanos;
  }

  private boolean submit(Runnable task) {
    try {
      builder.execute(task);
      return true;
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return false; // closed
    }
  }

  private void discardQuietly(T item) {
    try {
      discard.accept(item);
    } catch (RuntimeException e) {
      LOG.debug("closing a pooled item failed", e);
    }
  }

  /** Stops building and closes every ready item (items already handed out are their takers'). */
  @Override
  public void close() {
    List<T> all = new ArrayList<>();
    synchronized (this) {
      closed = true;
      evictBeyond(0, all);
      requested.clear();
      notifyAll();
    }
    builder.shutdownNow().forEach(Runnable::run); // pending closes still close; fills see closed
    try {
      builder.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    all.forEach(this::discardQuietly);
  }
}
