package io.lightningop.operator.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.operator.state.Actor;
import io.lightningop.operator.state.Credentials;
import io.lightningop.operator.state.ProjectApplier;
import io.lightningop.operator.state.ProjectReader;
import io.lightningop.spec.LoadedProject;
import io.lightningop.spec.ProjectLoader;
import io.lightningop.spec.model.Credential;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.state.DeployError;
import io.lightningop.spec.state.PayloadState;
import io.lightningop.spec.state.ProjectPayload;
import io.lightningop.spec.state.ProjectState;
import io.lightningop.spec.state.StateMerge;
import io.lightningop.spec.validate.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A project folder ({@code project.yaml} plus job files) applied the way {@code openfn deploy}
 * would: merge the spec into the last state, apply the payload, keep the server's answer as the
 * next state (in {@code statePath}, so ids survive restarts). The first state comes from the
 * folder's own {@code projectState.json} when it has one.
 */
final class FolderProject {
  /** What one apply did: changed or not, and the problems when it was refused. */
  record Outcome(boolean applied, ProjectApplier.Result result, List<String> problems) {}

  private final Path dir;
  private final Path statePath;
  private final ProjectApplier applier;
  private final ProjectReader reader;
  private final Credentials credentials;

  FolderProject(Path dir, Path statePath, ProjectApplier applier, ProjectReader reader, Credentials credentials) {
    this.dir = dir;
    this.statePath = statePath;
    this.applier = applier;
    this.reader = reader;
    this.credentials = credentials;
  }

  Path projectYaml() {
    return dir.resolve("project.yaml");
  }

  Outcome apply() {
    LoadedProject loaded = ProjectLoader.load(projectYaml());
    if (!loaded.valid()) {
      return new Outcome(false, null, loaded.problems().stream().map(Problem::toString).toList());
    }
    Project spec = loaded.project();
    try {
      ProjectState state = currentState();
      ProjectState next = StateMerge.merge(state, spec);
      // Locally there is no credential UI: referenced credentials are created empty, to be filled in later.
      for (Credential c : spec.credentials().values()) credentials.ensureExists(c.owner(), c.name());
      ProjectApplier.Result result = applier.apply(ProjectPayload.from(next), Actor.platform("lightning up"), "up",
          dir.toAbsolutePath().toString());
      ObjectNode served = reader.read(result.projectId()).orElseThrow();
      PayloadState.fromPayload(served).write(writable(statePath));
      return new Outcome(true, result, List.of());
    } catch (io.lightningop.operator.state.ProjectRejectedException e) {
      return new Outcome(false, null, e.errors().lines());
    } catch (DeployError e) {
      return new Outcome(false, null, List.of(e.getMessage()));
    } catch (IOException e) {
      return new Outcome(false, null, List.of("cannot write " + statePath + ": " + e.getMessage()));
    }
  }

  private ProjectState currentState() throws IOException {
    if (Files.exists(statePath)) return ProjectState.read(statePath);
    Path shipped = dir.resolve("projectState.json");
    return Files.exists(shipped) ? ProjectState.read(shipped) : ProjectState.empty();
  }

  private static Path writable(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return file;
  }
}
