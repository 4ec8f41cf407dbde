package io.lightningop.operator.state;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What applying a project will change, entity by entity. {@link #changes()} is the readable
 * list (also recorded in the audit event); the typed lists are what the applier executes.
 */
public record ProjectPlan(
    StoredProject.Project project,
    boolean createProject,
    boolean updateProject,
    List<CredentialLink> newCredentialLinks,
    List<StoredProject.Workflow> upsertWorkflows,
    List<UUID> softDeleteWorkflows,
    List<StoredProject.Job> upsertJobs,
    List<UUID> deleteJobs,
    List<StoredProject.Trigger> upsertTriggers,
    List<UUID> deleteTriggers,
    List<StoredProject.Edge> upsertEdges,
    List<UUID> deleteEdges,
    List<Change> changes) {

  /** One line of a plan: {@code create|update|delete}, the kind of entity, its id and a readable name. */
  public record Change(String action, String kind, UUID id, String name) {
    @Override
    public String toString() {
      return action + " " + kind + " " + name;
    }
  }

  /** A new project-credential join row linking an existing credential under the client's id. */
  public record CredentialLink(UUID id, UUID credentialId, String name, String owner) {}

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  static ProjectPlan empty(StoredProject.Project project) {
    return new ProjectPlan(project, false, false, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
        new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
        new ArrayList<>(), new ArrayList<>());
  }
}
