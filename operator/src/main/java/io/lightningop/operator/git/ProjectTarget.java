package io.lightningop.operator.git;

import io.lightningop.operator.state.ProjectApplier;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.state.ProjectState;
import java.util.UUID;

/**
 * Where a git source's project goes. {@link LightningProjects} applies it through the one
 * {@link ProjectApplier}; a Kubernetes reconciler may pass its own (e.g. to keep its source name).
 */
@FunctionalInterface
public interface ProjectTarget {
  /** What was applied: the applier's result and the project's state after it, keyed as in the spec. */
  record Applied(ProjectApplier.Result result, ProjectState state) {}

  /**
   * Applies {@code project} to Lightning project {@code projectId}, recording {@code source} and
   * {@code revision} (the full commit id) on the snapshot.
   *
   * @param repoState the projectState.json committed next to project.yaml, or null; its ids are
   *     used when the project is not live yet, as OpenFn's deploy would
   * @throws io.lightningop.operator.state.ProjectRejectedException or
   *     {@link io.lightningop.spec.state.DeployError} when the project is refused (nothing changed)
   */
  Applied apply(UUID projectId, Project project, ProjectState repoState, String source, String revision);
}
