package io.lightningop.operator.channel;

import io.lightningop.spec.worker.WorkerKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The control plane's worker-protocol secrets in their env-var form (§4.16): the worker secret,
 * and the run-token private key with its public half for workers.
 */
public record WorkerSecrets(String workerSecret, String runsPrivateKey, String lightningPublicKey) {

  public static final String SECRET = "WORKER_SECRET";
  public static final String PRIVATE_KEY = "WORKER_RUNS_PRIVATE_KEY";
  public static final String PUBLIC_KEY = "WORKER_LIGHTNING_PUBLIC_KEY";

  public static WorkerSecrets generate() {
    KeyPair pair = WorkerKeys.generateRunKeys();
    return new WorkerSecrets(
        WorkerKeys.generateSecret(),
        WorkerKeys.envValue(WorkerKeys.pem(pair.getPrivate())),
        WorkerKeys.envValue(WorkerKeys.pem(pair.getPublic())));
  }

  public PrivateKey privateKey() {
    return WorkerKeys.privateKey(runsPrivateKey, PRIVATE_KEY);
  }

  /** {@code NAME="value"} lines in gen_worker_keys order. */
  public String envLines() {
    return PRIVATE_KEY + "=\"" + runsPrivateKey + "\"\n"
        + SECRET + "=\"" + workerSecret + "\"\n"
        + PUBLIC_KEY + "=\"" + lightningPublicKey + "\"\n";
  }

  /**
   * What {@code lightning up} uses: the environment's values when both control-plane variables
   * are set; otherwise the ones stored in {@code file}, generated and written (owner-only) on
   * first start so workers started later can be given the same secret.
   */
  public static WorkerSecrets fromEnvOrFile(Map<String, String> env, Path file) {
    String secret = env.get(SECRET);
    String key = env.get(PRIVATE_KEY);
    if (secret != null && !secret.isBlank() && key != null && !key.isBlank()) {
      PrivateKey parsed = WorkerKeys.privateKey(key, PRIVATE_KEY);
      return new WorkerSecrets(secret, key, WorkerKeys.envValue(WorkerKeys.pem(WorkerKeys.publicOf(parsed))));
    }
    try {
      if (Files.exists(file)) return read(file);
      WorkerSecrets fresh = generate();
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, fresh.envLines());
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system: keep the default permissions
      }
      return fresh;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write worker keys in " + file, e);
    }
  }

  private static WorkerSecrets read(Path file) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (line.startsWith("#") || eq < 0) continue;
      values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip().replaceAll("^\"|\"$", ""));
    }
    for (String name : new String[] {SECRET, PRIVATE_KEY, PUBLIC_KEY}) {
      if (!values.containsKey(name)) throw new IllegalArgumentException(file + ": " + name + " is missing");
    }
    WorkerKeys.privateKey(values.get(PRIVATE_KEY), file + ": " + PRIVATE_KEY);
    return new WorkerSecrets(values.get(SECRET), values.get(PRIVATE_KEY), values.get(PUBLIC_KEY));
  }
}
