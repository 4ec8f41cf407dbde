package io.lightningop.runtime.adaptor;

import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The macrotask queue of one Context: timers set by JS and completions of host operations (HTTP
 * requests finishing on other threads). GraalJS has no event loop of its own, so the executor
 * drives this one on the Context's thread: {@link #await(Value)} runs tasks until a promise
 * settles; promise jobs (microtasks) drain whenever a task returns from JS.
 */
public final class EventLoop implements AutoCloseable {
  private static final Runnable WAKE = () -> {};

  private record Timer(long id, long due, long seq, long interval, Value callback) {}

  /** How a promise ended: fulfilled with {@code value}, or rejected with it. */
  public record Settled(boolean fulfilled, Value value) {}

  private final LinkedBlockingQueue<Runnable> completions = new LinkedBlockingQueue<>();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) ->
      a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
  private final Map<Long, Timer> live = new ConcurrentHashMap<>();
  private final Map<Long, Future<?>> operations = new ConcurrentHashMap<>();
  private long nextId = 1;
  private long seq;
  private volatile boolean closed;

  /** Schedules {@code callback} after {@code delayMs} (repeating when {@code repeat}); returns its id. */
  public long setTimer(Value callback, long delayMs, boolean repeat) {
    long id = nextId++;
    long delay = Math.max(0, delayMs);
    Timer t = new Timer(id, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay), seq++, repeat ? Math.max(1, delay) : -1, callback);
    timers.add(t);
    live.put(id, t);
    return id;
  }

  public void clearTimer(long id) {
    live.remove(id);
  }

  /** Registers a host operation in flight; its completion must come through {@link #complete}. */
  public long begin(Future<?> operation) {
    long id = nextId++;
    operations.put(id, operation);
    return id;
  }

  /** Called from any thread when operation {@code id} finished; {@code task} then runs on the Context thread. */
  public void complete(long id, Runnable task) {
    if (operations.remove(id) != null && !closed) completions.add(task);
    else completions.add(WAKE);
  }

  /** Whether anything could still run: timers, completions, or host operations in flight. */
  public boolean hasPending() {
    return !live.isEmpty() || !operations.isEmpty() || !completions.isEmpty();
  }

  /**
   * Runs one task, waiting for the next timer or completion at most {@code maxWaitMillis}.
   *
   * @return false when nothing is pending at all (the task queue is empty for good)
   */
  public boolean runOnce(long maxWaitMillis) throws InterruptedException {
    if (closed) return false;
    Runnable done = completions.poll();
    if (done != null) {
      done.run();
      return true;
    }
    Timer next = nextLiveTimer();
    if (next == null && operations.isEmpty()) return false;
    long waitNanos = next == null ? TimeUnit.MILLISECONDS.toNanos(maxWaitMillis) : next.due - System.nanoTime();
    if (waitNanos > 0) {
      done = completions.poll(Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(maxWaitMillis)), TimeUnit.NANOSECONDS);
      if (done != null) {
        done.run();
        return true;
      }
      if (next == null || next.due > System.nanoTime()) return true;
    }
    timers.poll();
    if (next.interval > 0) {
      Timer again = new Timer(next.id, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(next.interval), seq++, next.interval, next.callback);
      timers.add(again);
      live.put(next.id, again);
    } else {
      live.remove(next.id);
    }
    next.callback.executeVoid();
    return true;
  }

  private Timer nextLiveTimer() {
    while (!timers.isEmpty()) {
      Timer t = timers.peek();
      if (live.get(t.id) == t) return t;
      timers.poll();
    }
    return null;
  }

  /**
   * Runs tasks until {@code value} (a promise, or any value) settles.
   *
   * @throws IllegalStateException when the promise is still pending but nothing is left to run
   * @throws InterruptedException when the thread is interrupted (e.g. a timeout)
   */
  public Settled await(Value value) throws InterruptedException {
    if (value == null || !value.hasMember("then") || !value.getMember("then").canExecute()) {
      return new Settled(true, value);
    }
    AtomicReference<Settled> result = new AtomicReference<>();
    value.invokeMember("then",
        (ProxyExecutable) a -> { result.set(new Settled(true, a.length > 0 ? a[0] : null)); return null; },
        (ProxyExecutable) a -> { result.set(new Settled(false, a.length > 0 ? a[0] : null)); return null; });
    while (result.get() == null) {
      if (Thread.interrupted()) throw new InterruptedException("interrupted while waiting for a promise");
      if (!runOnce(1000) && result.get() == null) {
        throw new IllegalStateException("the promise never settles: no timer or request is pending");
      }
    }
    return result.get();
  }

  /** Drops every timer and cancels host operations; later tasks are ignored. */
  @Override
  public void close() {
    closed = true;
    live.clear();
    operations.values().forEach(f -> f.cancel(true));
    operations.clear();
    completions.clear();
    completions.add(WAKE);
  }
}
