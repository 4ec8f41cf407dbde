package io.lightningop.runtime.js;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The event loop of one job Context. JavaScript runs only on the thread that drives the loop;
 * other threads (timers, HTTP completions) hand work over with {@link #submit(Runnable)}.
 *
 * <p>Host bridges called from JavaScript find the loop of the calling thread with
 * {@link #current()}, and call {@link #hold()} / {@link #release()} around asynchronous work so
 * the loop knows a promise can still settle.
 */
public final class EventLoop {
  private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "js-timers");
    t.setDaemon(true);
    return t;
  });
  private static final ThreadLocal<EventLoop> CURRENT = new ThreadLocal<>();
  private static final Runnable WAKE = () -> {};

  private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private final Map<Integer, ScheduledFuture<?>> timers = new ConcurrentHashMap<>();
  private final AtomicInteger nextTimer = new AtomicInteger(1);
  private final AtomicInteger holds = new AtomicInteger();
  private volatile boolean stopped;

  /** The loop driving the current thread, or null outside a job. */
  public static EventLoop current() {
    return CURRENT.get();
  }

  /** Runs {@code task} on the loop thread (thread-safe). Ignored once the loop has stopped. */
  public void submit(Runnable task) {
    if (!stopped) tasks.add(task);
  }

  /** Marks outstanding asynchronous host work that will {@link #submit} a completion. */
  public void hold() { holds.incrementAndGet(); }

  public void release() {
    holds.decrementAndGet();
    tasks.add(WAKE);
  }

  /** Wakes the loop and makes it give up (timeout, kill). */
  public void stop() {
    stopped = true;
    timers.values().forEach(f -> f.cancel(false));
    tasks.add(WAKE);
  }

  public boolean stopped() { return stopped; }

  /**
   * Runs tasks until {@code done} is true or the loop stops. Returns false when nothing can make
   * progress any more (no tasks, no timers, no held work) while {@code done} is still false.
   */
  public boolean runUntil(BooleanSupplier done) throws InterruptedException {
    EventLoop previous = CURRENT.get();
    CURRENT.set(this);
    try {
      while (!done.getAsBoolean()) {
        if (stopped) return false;
        Runnable task = tasks.poll();
        if (task == null) {
          if (timers.isEmpty() && holds.get() <= 0) return false;
          task = tasks.poll(1, TimeUnit.SECONDS);
          if (task == null) continue;
        }
        task.run();
      }
      return true;
    } finally {
      CURRENT.set(previous);
    }
  }

  /** Runs {@code body} with this loop as {@link #current()} (e.g. the first call into a job). */
  public <T> T enter(java.util.function.Supplier<T> body) {
    EventLoop previous = CURRENT.get();
    CURRENT.set(this);
    try {
      return body.get();
    } finally {
      CURRENT.set(previous);
    }
  }

  // ---- setTimeout & co. for the job's global scope ----

  ProxyExecutable setTimeout(boolean repeat) {
    return args -> {
      Value fn = args.length > 0 ? args[0] : null;
      if (fn == null || !fn.canExecute()) {
        throw new IllegalArgumentException("The \"callback\" argument must be of type function");
      }
      long ms = args.length > 1 && args[1].isNumber() ? Math.max(0, (long) args[1].asDouble()) : 0;
      Object[] extra = new Object[Math.max(0, args.length - 2)];
      System.arraycopy(args, Math.min(2, args.length), extra, 0, extra.length);
      int id = nextTimer.getAndIncrement();
      Runnable fire = () -> {
        if (!timers.containsKey(id)) return;
        if (!repeat) timers.remove(id);
        fn.executeVoid(extra);
      };
      ScheduledFuture<?> f = repeat
          ? TIMERS.scheduleAtFixedRate(() -> submit(fire), Math.max(1, ms), Math.max(1, ms), TimeUnit.MILLISECONDS)
          : TIMERS.schedule(() -> submit(fire), ms, TimeUnit.MILLISECONDS);
      timers.put(id, f);
      return id;
    };
  }

  ProxyExecutable clearTimeout() {
    return args -> {
      if (args.length > 0 && args[0].isNumber()) {
        ScheduledFuture<?> f = timers.remove(args[0].asInt());
        if (f != null) f.cancel(false);
      }
      return null;
    };
  }
}
