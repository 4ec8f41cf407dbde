package io.lightningop.operator.git;

import io.lightningop.operator.state.Actor;
import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.ProjectApplier;
import io.lightningop.operator.state.ProjectDocuments;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.state.PayloadState;
import io.lightningop.spec.state.ProjectPayload;
import io.lightningop.spec.state.ProjectState;
import io.lightningop.spec.state.StateMerge;
import java.util.UUID;

/**
 * Applies a git source's project the way {@code openfn deploy} does: merge the spec into the live
 * state (so every entity that stays keeps its id), send the payload through {@link ProjectApplier}.
 */
public final class LightningProjects implements ProjectTarget {
  private static final Actor GIT = Actor.platform("git-source");

  private final Database database;
  private final ProjectApplier applier;

  public LightningProjects(Database database, ProjectApplier applier) {
    this.database = database;
    this.applier = applier;
  }

  @Override
  public Applied apply(UUID projectId, Project project, ProjectState repoState, String source, String revision) {
    ProjectState base = ProjectDocuments.liveState(database, projectId).orElseGet(() -> repoState != null
        && repoState.id().filter(projectId.toString()::equals).isPresent() ? repoState : ProjectState.empty(projectId.toString()));
    ProjectState next = StateMerge.merge(base, project);
    ProjectApplier.Result result = applier.apply(ProjectPayload.from(next), GIT, source, revision);
    // The state keyed as the spec is, with the ids Lightning holds now: what projectState.json records.
    ProjectState state = database.jdbi().withHandle(h -> ProjectDocuments.read(h, projectId))
        .map(doc -> PayloadState.mergeResponse(next, doc)).orElse(next);
    return new Applied(result, state);
  }

}
