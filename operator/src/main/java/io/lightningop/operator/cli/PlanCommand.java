package io.lightningop.operator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lightningop.spec.LoadedProject;
import io.lightningop.spec.ProjectLoader;
import io.lightningop.spec.diff.ProjectDiff;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.state.DeployError;
import io.lightningop.spec.state.ProjectState;
import io.lightningop.spec.state.StateMerge;
import io.lightningop.spec.state.StateProjects;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lightning plan project.yaml [--state projectState.json] [--json]}: what deploying the
 * project would change, computed as OpenFn's deploy does (merge of spec into state, with its
 * errors), shown per workflow, job, trigger, edge and credential.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Show what applying a project would create, update and delete.")
public final class PlanCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "PROJECT_YAML", description = "the project.yaml (v1 format)")
  Path projectYaml;

  @Option(names = "--state", paramLabel = "STATE_JSON",
      description = "the deployed project's projectState.json (default: none, a new project)")
  Path statePath;

  @Option(names = "--json", description = "print the plan as JSON")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LoadedProject loaded = ProjectLoader.load(projectYaml);
    if (!loaded.valid()) {
      if (json) {
        print(out, PlanJson.problems(loaded.problems()));
      } else {
        ValidateCommand.printProblems(err, loaded);
      }
      return 1;
    }
    Project wanted = loaded.project();
    ProjectState state;
    try {
      state = statePath == null ? ProjectState.empty() : ProjectState.read(statePath);
    } catch (java.nio.file.NoSuchFileException e) {
      return fail(out, err, new DeployError("State file not found: " + statePath, DeployError.STATE_ERROR));
    } catch (DeployError e) {
      return fail(out, err, e);
    }
    ProjectState next;
    try {
      next = StateMerge.merge(state, wanted);
    } catch (DeployError e) {
      return fail(out, err, e);
    }
    Project deployed = statePath == null ? null : StateProjects.toProject(state);
    Plan plan = new Plan(projectYaml, statePath, wanted, ProjectDiff.between(deployed, wanted), state, next);
    if (json) {
      print(out, PlanJson.of(plan));
    } else {
      out.print(PlanText.of(plan));
    }
    out.flush();
    return 0;
  }

  private int fail(PrintWriter out, PrintWriter err, DeployError e) {
    if (json) {
      print(out, PlanJson.error(e));
    } else {
      err.println(e.code() + ": " + e.getMessage());
      err.flush();
    }
    return 1;
  }

  private static void print(PrintWriter out, Object value) {
    try {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }

  /** Everything a plan printer needs. {@code statePath} null: nothing deployed yet. */
  record Plan(Path projectYaml, Path statePath, Project project, ProjectDiff diff,
      ProjectState before, ProjectState after) {}
}
