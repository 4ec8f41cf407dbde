package io.lightningop.operator.cli;

import io.lightningop.spec.LoadedProject;
import io.lightningop.spec.ProjectLoader;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.model.Workflow;
import io.lightningop.spec.validate.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lightning validate project.yaml}: every problem with file:line:col, or a summary. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check a project.yaml; print every problem as file:line:col field.path: message.")
public final class ValidateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "PROJECT_YAML", description = "the project.yaml (v1 format)")
  Path projectYaml;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    LoadedProject loaded = ProjectLoader.load(projectYaml);
    if (!loaded.valid()) {
      printProblems(spec.commandLine().getErr(), loaded);
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(projectYaml + ": valid, " + describe(loaded.project()));
    out.flush();
    return 0;
  }

  static void printProblems(PrintWriter err, LoadedProject loaded) {
    for (Problem p : loaded.problems()) err.println(p);
    int n = loaded.problems().size();
    err.println(n + " problem" + (n == 1 ? "" : "s") + " found.");
    err.flush();
  }

  static String describe(Project p) {
    int jobs = 0, triggers = 0, edges = 0;
    for (Workflow w : p.workflows().values()) {
      jobs += w.jobs().size();
      triggers += w.triggers().size();
      edges += w.edges().size();
    }
    return "project \"" + p.name() + "\": " + count(p.workflows().size(), "workflow") + ", "
        + count(jobs, "job") + ", " + count(triggers, "trigger") + ", " + count(edges, "edge") + ", "
        + count(p.credentials().size(), "credential");
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
