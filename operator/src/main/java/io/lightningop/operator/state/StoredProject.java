package io.lightningop.operator.state;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** A project's rows as stored, loaded in one go so an apply can compare and plan. */
public record StoredProject(
    Project project,
    List<Workflow> workflows,
    List<Job> jobs,
    List<Trigger> triggers,
    List<Edge> edges,
    List<ProjectCredential> credentials) {

  public record Project(UUID id, String name, String description) {}

  public record Workflow(UUID id, String name, boolean deleted) {}

  public record Job(UUID id, UUID workflowId, String name, String adaptor, String body, UUID projectCredentialId) {}

  public record Trigger(UUID id, UUID workflowId, String type, boolean enabled, String cronExpression,
      UUID cronCursorJobId, String webhookReply, String kafkaConfiguration) {}

  public record Edge(UUID id, UUID workflowId, UUID sourceJobId, UUID sourceTriggerId, UUID targetJobId,
      String conditionType, String conditionLabel, String conditionExpression, boolean enabled) {}

  public record ProjectCredential(UUID id, String name, String owner) {}

  /** Loads the project (rows in insertion order), or {@code null} when it does not exist. */
  public static StoredProject load(Handle h, UUID projectId, boolean forUpdate) {
    Project project = h.createQuery("SELECT id, name, description FROM projects WHERE id = :id" + (forUpdate ? " FOR UPDATE" : ""))
        .bind("id", projectId)
        .map((rs, c) -> new Project(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description")))
        .findOne().orElse(null);
    if (project == null) return null;
    List<Workflow> workflows = h.createQuery(
            "SELECT id, name, deleted_at IS NOT NULL AS deleted FROM workflows WHERE project_id = :p ORDER BY inserted_at, id")
        .bind("p", projectId)
        .map((rs, c) -> new Workflow(rs.getObject("id", UUID.class), rs.getString("name"), rs.getBoolean("deleted")))
        .list();
    List<Job> jobs = h.createQuery("""
            SELECT j.* FROM jobs j JOIN workflows w ON w.id = j.workflow_id
            WHERE w.project_id = :p ORDER BY j.inserted_at, j.id""")
        .bind("p", projectId)
        .map((rs, c) -> new Job(rs.getObject("id", UUID.class), rs.getObject("workflow_id", UUID.class),
            rs.getString("name"), rs.getString("adaptor"), rs.getString("body"),
            rs.getObject("project_credential_id", UUID.class)))
        .list();
    List<Trigger> triggers = h.createQuery("""
            SELECT t.*, t.kafka_configuration::text AS kafka FROM triggers t JOIN workflows w ON w.id = t.workflow_id
            WHERE w.project_id = :p ORDER BY t.inserted_at, t.id""")
        .bind("p", projectId)
        .map((rs, c) -> new Trigger(rs.getObject("id", UUID.class), rs.getObject("workflow_id", UUID.class),
            rs.getString("type"), rs.getBoolean("enabled"), rs.getString("cron_expression"),
            rs.getObject("cron_cursor_job_id", UUID.class), rs.getString("webhook_reply"), rs.getString("kafka")))
        .list();
    List<Edge> edges = h.createQuery("""
            SELECT e.* FROM edges e JOIN workflows w ON w.id = e.workflow_id
            WHERE w.project_id = :p ORDER BY e.inserted_at, e.id""")
        .bind("p", projectId)
        .map((rs, c) -> new Edge(rs.getObject("id", UUID.class), rs.getObject("workflow_id", UUID.class),
            rs.getObject("source_job_id", UUID.class), rs.getObject("source_trigger_id", UUID.class),
            rs.getObject("target_job_id", UUID.class), rs.getString("condition_type"), rs.getString("condition_label"),
            rs.getString("condition_expression"), rs.getBoolean("enabled")))
        .list();
    List<ProjectCredential> credentials = h.createQuery("""
            SELECT pc.id, c.name, c.owner FROM project_credentials pc JOIN credentials c ON c.id = pc.credential_id
            WHERE pc.project_id = :p ORDER BY pc.inserted_at, pc.id""")
        .bind("p", projectId)
        .map((rs, c) -> new ProjectCredential(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("owner")))
        .list();
    return new StoredProject(project, workflows, jobs, triggers, edges, credentials);
  }
}
