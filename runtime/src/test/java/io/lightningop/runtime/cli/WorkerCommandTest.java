package io.lightningop.runtime.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.lightningop.runtime.channel.WorkerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WorkerCommandTest {

  private static String refuse(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new RuntimeCli());
    cli.setErr(new PrintWriter(err));
    assertEquals(2, cli.execute(args), err.toString());
    return err.toString();
  }

  @Test
  void badSettingsAreRefusedNamingTheOption() {
    String secret = "--secret=" + "x".repeat(44);
    assertTrue(refuse("worker", secret, "--lightning", "http://localhost:4000/worker").contains("--lightning must be a ws:// or wss:// URL"));
    assertTrue(refuse("worker", secret, "--capacity", "0").contains("--capacity must be at least 1"));
    assertTrue(refuse("worker", secret, "--backoff", "3").contains("--backoff must be min/max seconds"));
    assertTrue(refuse("worker", secret, "--lightning-public-key", "bm90IGEga2V5").contains("WORKER_LIGHTNING_PUBLIC_KEY"));
  }

  @Test
  void backoffAndGraceBecomeTheWorkerTimings() {
    WorkerCommand c = new WorkerCommand();
    new CommandLine(c).parseArgs("--secret", "s".repeat(44), "--backoff", "0.5/4", "--grace", "30", "--capacity", "3",
        "--name", "pod-1");
    WorkerConfig config = c.config();
    assertEquals(Duration.ofMillis(500), config.backoffMin());
    assertEquals(Duration.ofSeconds(4), config.backoffMax());
    assertEquals(Duration.ofSeconds(30), config.drainGrace());
    assertEquals(3, config.capacity());
    assertEquals("pod-1", config.workerName());
    assertNull(config.lightningPublicKey());
  }
}
