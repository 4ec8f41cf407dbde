package io.lightningop.operator.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** {@code lightning up} running in the test's JVM, started with {@link #start} once it is ready. */
record RunningUp(UpCommand command, CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {

  /** Starts {@code up} with {@code args} and returns when it is serving (or fails if it exits first). */
  static RunningUp start(String... args) throws Exception {
    UpCommand up = new UpCommand();
    CountDownLatch ready = new CountDownLatch(1);
    up.onReady = ready::countDown;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(up).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(args));
    while (!ready.await(200, TimeUnit.MILLISECONDS)) {
      if (exit.isDone()) throw new AssertionError("up exited with " + exit.get() + ": " + out + err);
    }
    return new RunningUp(up, exit, out, err);
  }

  /** The server's base URL, as printed. */
  String base() {
    Matcher m = Pattern.compile("API\\s+(http://127\\.0\\.0\\.1:\\d+)/api").matcher(out.toString());
    assertTrue(m.find(), out.toString());
    return m.group(1);
  }

  /** Stops {@code up} as Ctrl-C would and returns its exit code. */
  int stop() throws Exception {
    command.stop.countDown();
    return exit.get(60, TimeUnit.SECONDS);
  }
}
