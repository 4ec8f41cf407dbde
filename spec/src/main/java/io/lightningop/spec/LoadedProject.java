package io.lightningop.spec;

import io.lightningop.spec.model.Project;
import io.lightningop.spec.validate.Problem;
import io.lightningop.spec.validate.SourceMap;
import java.util.List;

/**
 * The result of reading a {@code project.yaml}: the project as far as it could be read (null only
 * when the file is not a YAML map at all), every problem found, and where each field was written.
 * Apply a project only when {@link #valid()}.
 */
public record LoadedProject(Project project, List<Problem> problems, SourceMap sources) {
  public LoadedProject {
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return project != null && problems.isEmpty();
  }

  /** The project, or an exception listing every problem. */
  public Project orThrow() {
    if (!valid()) throw new InvalidProjectException(problems);
    return project;
  }
}
