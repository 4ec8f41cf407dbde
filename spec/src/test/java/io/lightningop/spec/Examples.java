package io.lightningop.spec;

import java.nio.file.Path;

/** Paths to the example projects, from the spec module's folder (Surefire's working dir). */
final class Examples {
  static final Path OPENHIE = Path.of("..", "examples", "openhie");
  static final Path OPENHIE_YAML = OPENHIE.resolve("project.yaml");
  static final Path OPENHIE_STATE = OPENHIE.resolve("projectState.json");

  private Examples() {}
}
