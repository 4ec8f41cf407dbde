package io.lightningop.operator.k8s.project;

import io.lightningop.operator.state.Actor;
import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.ProjectApplier;
import io.lightningop.operator.state.ProjectDocuments;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.state.ProjectPayload;
import io.lightningop.spec.state.ProjectState;
import io.lightningop.spec.state.StateMerge;
import java.util.Optional;
import java.util.UUID;

/**
 * The live side of a Project resource: Lightning state read as a projectState.json, and changes
 * made the way {@code openfn deploy} makes them (merge the spec into the live state, post the
 * payload) through the one {@link ProjectApplier}.
 */
public final class LiveProjects {
  /** Source recorded on snapshots and audit events for everything the operator applies. */
  public static final String SOURCE = "kubernetes";
  private static final Actor OPERATOR = Actor.platform("lightning-operator");

  private final Database database;
  private final ProjectApplier applier;

  public LiveProjects(Database database) {
    this.database = database;
    this.applier = new ProjectApplier(database);
  }

  /** The live project as a projectState.json (keyed by names), or empty when it does not exist. */
  public Optional<ProjectState> state(UUID projectId) {
    return ProjectDocuments.liveState(database, projectId);
  }

  /**
   * Applies {@code desired} (keys by names, see {@link CanonicalKeys}) onto the live project, keeping
   * the ids of everything that stays. @throws io.lightningop.operator.state.ProjectRejectedException
   * or {@link io.lightningop.spec.state.DeployError} when Lightning refuses it; nothing changes then.
   */
  public ProjectApplier.Result apply(UUID projectId, Project desired, String revision) {
    ProjectState live = state(projectId).orElseGet(() -> ProjectState.empty(projectId.toString()));
    ProjectState next = StateMerge.merge(live, desired);
    return applier.apply(ProjectPayload.from(next), OPERATOR, SOURCE, revision);
  }

  public Optional<ProjectApplier.SnapshotInfo> latestSnapshot(UUID projectId) {
    return applier.latestSnapshot(projectId);
  }

  public boolean remove(UUID projectId) {
    return applier.remove(projectId, OPERATOR, SOURCE);
  }
}
