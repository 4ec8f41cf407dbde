package io.lightningop.spec;

import io.lightningop.spec.yaml.ProjectYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point for reading and validating a v1 {@code project.yaml}: parse, build the model and
 * check it, reporting every problem with file, line, column and field path. Never throws for bad
 * input.
 */
public final class ProjectLoader {
  private ProjectLoader() {}

  /** Reads {@code projectYaml}; {@code body.path} files are resolved against its folder. */
  public static LoadedProject load(Path projectYaml) {
    String display = projectYaml.toString();
    Path dir = projectYaml.toAbsolutePath().getParent();
    String text;
    try {
      text = Files.readString(projectYaml, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      return ProjectYaml.unreadable(display, "file not found");
    } catch (IOException | RuntimeException e) {
      return ProjectYaml.unreadable(display, "cannot read file: " + e.getMessage());
    }
    return ProjectYaml.parse(text, display, dir);
  }

  /** Parses YAML text; {@code fileName} names it in problems, {@code baseDir} anchors body paths. */
  public static LoadedProject parse(String yaml, String fileName, Path baseDir) {
    return ProjectYaml.parse(yaml, fileName, baseDir);
  }
}
