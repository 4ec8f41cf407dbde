package io.lightningop.operator.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a long-running command waits: until {@code stop} is counted down (by a test) or the JVM is
 * asked to exit (Ctrl-C, SIGTERM). The JVM exits as soon as its shutdown hooks return, so the
 * hook waits (up to 30 s) for the command to count down {@code stopped} after closing everything.
 */
final class UntilStopped {
  private UntilStopped() {}

  static void await(CountDownLatch stop, CountDownLatch stopped, Runnable onReady) throws InterruptedException {
    Thread hook = Thread.ofPlatform().unstarted(() -> {
      stop.countDown();
      try {
        stopped.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Runtime.getRuntime().addShutdownHook(hook);
    onReady.run();
    stop.await();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already running its hooks; the caller still closes everything
    }
  }
}
