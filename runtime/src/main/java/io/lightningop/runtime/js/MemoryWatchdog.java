package io.lightningop.runtime.js;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one run's memory bomb from taking the worker down: when the heap is still nearly full after
 * a garbage collection, the running step that allocated most since it started (at least 5% of the
 * heap) is stopped (its run fails with reason kill) and the others carry on. GraalJS community has no per-context heap limit.
 */
final class MemoryWatchdog {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryWatchdog.class);
  private static final MemoryWatchdog INSTANCE = new MemoryWatchdog(0.85);

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final Map<Registration, Boolean> running = new ConcurrentHashMap<>();
  private final double threshold;

  static MemoryWatchdog instance() {
    return INSTANCE;
  }

  private MemoryWatchdog(double threshold) {
    this.threshold = threshold;
    Thread t = new Thread(this::watch, "js-memory-watchdog");
    t.setDaemon(true);
    t.start();
  }

  /** Watches the calling thread's step until the registration is closed. */
  Registration register(StepRunner.Handle handle) {
    long tid = Thread.currentThread().threadId();
    Registration r = new Registration(handle, tid, threads.getThreadAllocatedBytes(tid));
    running.put(r, Boolean.TRUE);
    return r;
  }

  final class Registration implements AutoCloseable {
    final StepRunner.Handle handle;
    final long threadId;
    final long allocatedAtStart;

    Registration(StepRunner.Handle handle, long threadId, long allocatedAtStart) {
      this.handle = handle;
      this.threadId = threadId;
      this.allocatedAtStart = allocatedAtStart;
    }

    long allocated() {
      return threads.getThreadAllocatedBytes(threadId) - allocatedAtStart;
    }

    @Override
    public void close() {
      running.remove(this);
    }
  }

  private void watch() {
    Runtime rt = Runtime.getRuntime();
    while (true) {
      try {
        Thread.sleep(50);
        if (running.isEmpty()) continue;
        long max = rt.maxMemory();
        if (rt.totalMemory() - rt.freeMemory() < threshold * max) continue;
        // maybe it is only garbage: collect, then look again at what is live
        System.gc();
        long used = rt.totalMemory() - rt.freeMemory();
        if (used < threshold * max) continue;
        Registration worst = null;
        for (Registration r : running.keySet()) {
          if (worst == null || r.allocated() > worst.allocated()) worst = r;
        }
        // a step that allocated little is not the culprit (the heap may belong to the host)
        if (worst == null || worst.allocated() < max / 20) continue;
        LOG.warn("heap {} MiB of {} MiB after GC: stopping the step that allocated {} MiB",
            used >> 20, max >> 20, worst.allocated() >> 20);
        running.remove(worst);
        worst.handle.stop(StepRunner.Stop.MEMORY);
        Thread.sleep(200);
        System.gc();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.debug("memory watchdog", e);
      }
    }
  }
}
