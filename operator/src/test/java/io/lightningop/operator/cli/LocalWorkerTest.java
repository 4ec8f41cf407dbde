package io.lightningop.operator.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.operator.channel.WorkerSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker process {@code lightning up} starts: command line, secrets by environment, SIGTERM on close. */
class LocalWorkerTest {
  @TempDir Path tmp;

  /** A stand-in launcher that records how it was started and exits on SIGTERM, as the worker drains. */
  private Path recordingLauncher(Path record) throws IOException {
    Path script = tmp.resolve("lightning");
    Files.writeString(script, """
        #!/usr/bin/env bash
        printf '%%s\\n' "$@" > %1$s.args
        printf '%%s' "$WORKER_SECRET" > %1$s.secret
        trap 'echo drained > %1$s.term; exit 0' TERM
        while true; do sleep 0.1; done
        """.formatted(record));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @Test
  void startsTheWorkerThroughTheLauncherWithTheSecretInItsEnvironmentAndDrainsItOnClose() throws Exception {
    Path record = tmp.resolve("rec");
    WorkerSecrets secrets = WorkerSecrets.generate();
    LocalWorker worker = LocalWorker.start(recordingLauncher(record), 4123, 3, secrets, tmp.resolve("worker.log"), 5);
    Path args = Path.of(record + ".args");
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(Path.of(record + ".secret")) && Files.exists(args));

    assertEquals(List.of("worker", "--lightning", "ws://127.0.0.1:4123/worker", "--capacity", "3", "--name", "local-worker"),
        Files.readAllLines(args));
    assertEquals(secrets.workerSecret(), Files.readString(Path.of(record + ".secret")));
    assertFalse(String.join(" ", Files.readAllLines(args)).contains(secrets.workerSecret()), "no secret on the command line");

    assertTrue(worker.isAlive());
    worker.close();
    assertFalse(worker.isAlive());
    assertEquals("drained", Files.readString(Path.of(record + ".term")).strip(), "stopped with SIGTERM so runs can finish");
  }

  @Test
  void aLauncherThatIsNotExecutableIsAClearError() {
    IOException e = assertThrows(IOException.class, () ->
        LocalWorker.start(tmp.resolve("missing"), 4000, 1, WorkerSecrets.generate(), tmp.resolve("w.log"), 1));
    assertTrue(e.getMessage().contains("./lightning worker"), e.getMessage());
  }
}
