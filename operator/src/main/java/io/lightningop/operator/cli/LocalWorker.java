package io.lightningop.operator.cli;

import io.lightningop.operator.channel.WorkerSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The worker {@code lightning up} runs beside the control plane: a child process started through
 * the launcher ({@code lightning worker}), so job code runs in its own JVM with the Graal JIT and
 * the operator never links the runtime. Closing it sends SIGTERM, which makes the worker stop
 * claiming and finish the runs it holds before it exits.
 */
final class LocalWorker implements AutoCloseable {

  private final Process process;
  private final long graceSeconds;

  private LocalWorker(Process process, long graceSeconds) {
    this.process = process;
    this.graceSeconds = graceSeconds;
  }

  /** The command line that starts one worker for a control plane listening on {@code port}. */
  static List<String> command(Path launcher, int port, int capacity) {
    return List.of(launcher.toString(), "worker",
        "--lightning", "ws://127.0.0.1:" + port + "/worker",
        "--capacity", Integer.toString(capacity),
        "--name", "local-worker");
  }

  static LocalWorker start(Path launcher, int port, int capacity, WorkerSecrets secrets, Path log, long graceSeconds)
      throws IOException {
    if (!Files.isExecutable(launcher)) {
      throw new IOException(launcher + " is not an executable launcher (start workers with ./lightning worker)");
    }
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder pb = new ProcessBuilder(command(launcher, port, capacity))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // Secrets go through the environment, never the command line (visible in ps).
    pb.environment().put(WorkerSecrets.SECRET, secrets.workerSecret());
    pb.environment().put(WorkerSecrets.PUBLIC_KEY, secrets.lightningPublicKey());
    pb.environment().put("WORKER_SHUTDOWN_GRACE_SECONDS", Long.toString(graceSeconds));
    return new LocalWorker(pb.start(), graceSeconds);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) return;
    process.destroy(); // SIGTERM: drain, then exit
    if (!process.waitFor(graceSeconds + 5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
