package io.lightningop.operator.cli;

import java.nio.file.Path;

/** Where {@code lightning up} keeps everything: {@code $LIGHTNING_HOME}, default {@code .lightning/} here. */
record LightningHome(Path root) {
  static LightningHome fromEnvironment() {
    String env = System.getenv("LIGHTNING_HOME");
    return new LightningHome(Path.of(env == null || env.isBlank() ? ".lightning" : env).toAbsolutePath().normalize());
  }

  Path postgresData() {
    return root.resolve("postgres");
  }

  Path encryptionKey() {
    return root.resolve("encryption-key");
  }

  Path apiToken() {
    return root.resolve("api-token");
  }

  /** The deploy state of a project folder, so its ids survive restarts. */
  Path stateFor(Path projectDir) {
    String name = projectDir.toAbsolutePath().normalize().toString().replaceAll("[^A-Za-z0-9._-]+", "_");
    return root.resolve("state").resolve(name + ".json");
  }
}
