package io.lightningop.operator.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.lightningop.operator.channel.RunTokens;
import io.lightningop.operator.channel.WorkerSecrets;
import io.lightningop.spec.worker.WorkerKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {

  @Test
  void printsAMatchingKeyPairAndSecretAsEnvLines() {
    StringWriter out = new StringWriter();
    var cli = LightningCli.commandLine();
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("keys"));

    Map<String, String> env = new HashMap<>();
    for (String line : out.toString().split("\n")) {
      if (line.matches("[A-Z_]+=\".*\"")) {
        env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 2, line.length() - 1));
      }
    }
    assertEquals(3, env.size(), out.toString());
    var priv = WorkerKeys.privateKey(env.get("WORKER_RUNS_PRIVATE_KEY"), "WORKER_RUNS_PRIVATE_KEY");
    var pub = WorkerKeys.publicKey(env.get("WORKER_LIGHTNING_PUBLIC_KEY"), "WORKER_LIGHTNING_PUBLIC_KEY");
    assertEquals(WorkerKeys.publicOf(priv), pub);
    assertFalse(env.get("WORKER_RUNS_PRIVATE_KEY").endsWith("="), "base64 without padding, as gen_worker_keys");
    assertEquals(44, env.get("WORKER_SECRET").length());
    assertTrue(out.toString().contains("# Workers need WORKER_SECRET"));
  }

  @Test
  void upKeepsGeneratedKeysAcrossStartsAndPrefersTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("worker-keys.env");
    WorkerSecrets first = WorkerSecrets.fromEnvOrFile(Map.of(), file);
    assertTrue(Files.exists(file));
    assertEquals(first, WorkerSecrets.fromEnvOrFile(Map.of(), file));

    WorkerSecrets given = WorkerSecrets.generate();
    WorkerSecrets fromEnv = WorkerSecrets.fromEnvOrFile(
        Map.of("WORKER_SECRET", given.workerSecret(), "WORKER_RUNS_PRIVATE_KEY", given.runsPrivateKey()), file);
    assertEquals(given.workerSecret(), fromEnv.workerSecret());
    // the derived public key verifies tokens signed with the given private key
    String token = new RunTokens(given.privateKey(), Clock.systemUTC()).mint("r1", java.time.Duration.ofMinutes(1));
    assertTrue(new RunTokens(fromEnv.privateKey(), Clock.systemUTC()).opens(token, "r1"));
    assertEquals(WorkerKeys.publicKey(given.lightningPublicKey(), "k"), WorkerKeys.publicKey(fromEnv.lightningPublicKey(), "k"));

    Files.writeString(file, "WORKER_SECRET=\"x\"\n");
    var e = assertThrows(IllegalArgumentException.class, () -> WorkerSecrets.fromEnvOrFile(Map.of(), file));
    assertTrue(e.getMessage().contains("WORKER_RUNS_PRIVATE_KEY is missing"), e.getMessage());
  }
}
