package io.lightningop.operator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one code path that changes a project, whatever its source (provisioning API, custom
 * resource, git, {@code lightning up}): validate → plan → apply in one transaction → snapshot and
 * audit event. A rejected project changes nothing; an identical one is a no-op (no snapshot).
 */
public final class ProjectApplier {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectApplier.class);

  /** Outcome of an apply: the plan that was (or, for a dry run, would be) executed. */
  public record Result(UUID projectId, boolean changed, int version, UUID snapshotId, List<ProjectPlan.Change> plan) {}

  private final Jdbi jdbi;

  public ProjectApplier(Database database) {
    this.jdbi = database.jdbi();
  }

  /** Parses and applies a provisioning payload. @throws ProjectRejectedException with Lightning's error map */
  public Result apply(JsonNode payload, Actor actor, String source, String sourceRevision) {
    ValidationErrors errors = new ValidationErrors();
    ProvisionDocument doc = ProvisionParser.parse(payload, errors);
    if (!errors.isEmpty()) throw new ProjectRejectedException(errors);
    return apply(doc, actor, source, sourceRevision, false);
  }

  public Result apply(ProvisionDocument doc, Actor actor, String source, String sourceRevision, boolean dryRun) {
    if (doc.id() == null) throw new ProjectRejectedException(new ValidationErrors().add(List.of("id"), "can't be blank"));
    return jdbi.inTransaction(h -> {
      // Serialises concurrent applies of one project (and the creation of a new one).
      h.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", doc.id().toString());
      StoredProject current = StoredProject.load(h, doc.id(), true);
      authorize(h, current, actor);
      ValidationErrors errors = new ValidationErrors();
      List<ProjectPlan.CredentialLink> links = resolveCredentialLinks(h, current, doc, actor, errors);
      ProjectPlan plan = ProjectPlanner.plan(current, doc, idOwners(h, doc), links, errors);
      if (!errors.isEmpty()) throw new ProjectRejectedException(errors);
      int version = latestVersion(h, doc.id());
      if (plan.isEmpty() || dryRun) {
        return new Result(doc.id(), false, version, latestSnapshot(h, doc.id()), plan.changes());
      }
      execute(h, plan, actor);
      ObjectNode document = ProjectDocuments.read(h, doc.id()).orElseThrow();
      UUID snapshot = UUID.randomUUID();
      h.createUpdate("""
          INSERT INTO project_snapshots (id, project_id, version, content_hash, source, source_revision, applied_by, document)
          VALUES (:id, :p, :v, :hash, :source, :rev, :by, CAST(:doc AS jsonb))""")
          .bind("id", snapshot).bind("p", doc.id()).bind("v", version + 1)
          .bind("hash", ProjectDocuments.contentHash(document)).bind("source", source).bind("rev", sourceRevision)
          .bind("by", actor.email()).bind("doc", document.toString())
          .execute();
      ObjectNode changes = ProjectDocuments.JSON.createObjectNode();
      changes.put("version", version + 1).put("source", source).put("source_revision", sourceRevision);
      ArrayNode list = changes.putArray("plan");
      plan.changes().forEach(c -> list.addObject().put("action", c.action()).put("kind", c.kind())
          .put("id", c.id().toString()).put("name", c.name()));
      AuditLog.record(h, "project", doc.id(), "applied", actor.email(), changes);
      ProjectChangeListener.notify(h, doc.id());
      LOG.info("applied project {} version {} from {}: {} change(s)", doc.id(), version + 1, source, plan.changes().size());
      return new Result(doc.id(), true, version + 1, snapshot, plan.changes());
    });
  }

  /** The latest snapshot of a project: what was applied, from where, by whom. */
  public record SnapshotInfo(UUID id, int version, String source, String sourceRevision, String appliedBy,
      java.time.Instant appliedAt) {}

  public java.util.Optional<SnapshotInfo> latestSnapshot(UUID projectId) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT id, version, source, source_revision, applied_by, inserted_at FROM project_snapshots
            WHERE project_id = :p ORDER BY version DESC LIMIT 1""")
        .bind("p", projectId)
        .map((rs, c) -> new SnapshotInfo(rs.getObject("id", UUID.class), rs.getInt("version"), rs.getString("source"),
            rs.getString("source_revision"), rs.getString("applied_by"),
            rs.getTimestamp("inserted_at").toInstant()))
        .findOne());
  }

  /**
   * Takes a project out of service without losing its history: every workflow is soft-deleted
   * and its triggers disabled (work orders, runs, steps and logs keep pointing at them), the
   * credential links are dropped and an audit event records who removed it. A project that
   * never ran is deleted outright. Returns false when the project does not exist.
   */
  public boolean remove(UUID projectId, Actor actor, String source) {
    return jdbi.inTransaction(h -> {
      h.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", projectId.toString());
      StoredProject current = StoredProject.load(h, projectId, true);
      if (current == null) return false;
      authorize(h, current, actor);
      boolean hasHistory = h.createQuery("""
              SELECT EXISTS (SELECT 1 FROM work_orders o JOIN workflows w ON w.id = o.workflow_id WHERE w.project_id = :p)""")
          .bind("p", projectId).mapTo(Boolean.class).one();
      if (hasHistory) {
        h.createUpdate("""
            UPDATE triggers SET enabled = false, updated_at = clock_timestamp()
            WHERE workflow_id IN (SELECT id FROM workflows WHERE project_id = :p)""").bind("p", projectId).execute();
        h.createUpdate("""
            UPDATE workflows SET deleted_at = clock_timestamp(), lock_version = lock_version + 1
            WHERE project_id = :p AND deleted_at IS NULL""").bind("p", projectId).execute();
        h.createUpdate("DELETE FROM project_credentials WHERE project_id = :p").bind("p", projectId).execute();
      } else {
        h.createUpdate("DELETE FROM projects WHERE id = :p").bind("p", projectId).execute();
      }
      ObjectNode changes = ProjectDocuments.JSON.createObjectNode();
      changes.put("source", source).put("history_kept", hasHistory);
      AuditLog.record(h, "project", projectId, "removed", actor.email(), changes);
      ProjectChangeListener.notify(h, projectId);
      LOG.info("removed project {} from {} (history kept: {})", projectId, source, hasHistory);
      return true;
    });
  }

  private static void authorize(Handle h, StoredProject current, Actor actor) {
    if (actor.superuser()) return;
    if (current == null) throw new AccessDeniedException("only superusers may create projects");
    String role = h.createQuery("SELECT role FROM project_members WHERE project_id = :p AND email = :e")
        .bind("p", current.project().id()).bind("e", actor.email()).mapTo(String.class).findOne().orElse("");
    if (!role.equals("owner") && !role.equals("admin")) {
      throw new AccessDeniedException("only the project's owners and admins may update it");
    }
  }

  /** Lightning links a credential when the entry is new and owned by the caller (spec §3.5 step 6). */
  private static List<ProjectPlan.CredentialLink> resolveCredentialLinks(Handle h, StoredProject current,
      ProvisionDocument doc, Actor actor, ValidationErrors errors) {
    List<ProjectPlan.CredentialLink> links = new ArrayList<>();
    for (ProvisionDocument.ProjectCredential pc : doc.projectCredentials()) {
      if (pc.id() == null) continue;
      boolean known = current != null && current.credentials().stream().anyMatch(c -> c.id().equals(pc.id()));
      if (known) continue;
      if (!actor.platform() && !actor.email().equals(pc.owner())) continue;
      List<String> at = List.of("project_credentials", pc.name() == null ? pc.id().toString() : pc.name(), "credential");
      UUID credential = h.createQuery("SELECT id FROM credentials WHERE owner = :o AND name = :n")
          .bind("o", pc.owner()).bind("n", pc.name()).mapTo(UUID.class).findOne().orElse(null);
      if (credential == null) {
        errors.add(at, "No credential found with name " + pc.name());
        continue;
      }
      boolean taken = h.createQuery("SELECT count(*) FROM project_credentials WHERE id = :id OR (project_id = :p AND credential_id = :c)")
          .bind("id", pc.id()).bind("p", doc.id()).bind("c", credential).mapTo(Long.class).one() > 0;
      if (taken) {
        errors.add(at, "is already linked to this project under another id");
        continue;
      }
      links.add(new ProjectPlan.CredentialLink(pc.id(), credential, pc.name(), pc.owner()));
    }
    return links;
  }

  private static ProjectPlanner.IdOwners idOwners(Handle h, ProvisionDocument doc) {
    List<UUID> wf = new ArrayList<>();
    List<UUID> jobs = new ArrayList<>();
    List<UUID> triggers = new ArrayList<>();
    List<UUID> edges = new ArrayList<>();
    for (ProvisionDocument.Workflow w : doc.workflows()) {
      if (w.id() != null) wf.add(w.id());
      w.jobs().forEach(j -> { if (j.id() != null) jobs.add(j.id()); });
      w.triggers().forEach(t -> { if (t.id() != null) triggers.add(t.id()); });
      w.edges().forEach(e -> { if (e.id() != null) edges.add(e.id()); });
    }
    return new ProjectPlanner.IdOwners(owners(h, "workflows", "project_id", wf), owners(h, "jobs", "workflow_id", jobs),
        owners(h, "triggers", "workflow_id", triggers), owners(h, "edges", "workflow_id", edges));
  }

  private static Map<UUID, UUID> owners(Handle h, String table, String ownerColumn, List<UUID> ids) {
    Map<UUID, UUID> out = new HashMap<>();
    if (ids.isEmpty()) return out;
    h.createQuery("SELECT id, " + ownerColumn + " AS owner FROM " + table + " WHERE id = ANY(:ids)")
        .bindArray("ids", UUID.class, ids)
        .map((rs, c) -> Map.entry(rs.getObject("id", UUID.class), rs.getObject("owner", UUID.class)))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static void execute(Handle h, ProjectPlan plan, Actor actor) {
    StoredProject.Project p = plan.project();
    if (plan.createProject()) {
      h.createUpdate("INSERT INTO projects (id, name, description) VALUES (:id, :name, :description)")
          .bind("id", p.id()).bind("name", p.name()).bind("description", p.description()).execute();
      if (!actor.platform()) {
        h.createUpdate("INSERT INTO project_members (project_id, email, role) VALUES (:p, :e, 'owner')")
            .bind("p", p.id()).bind("e", actor.email()).execute();
      }
    } else if (plan.updateProject()) {
      h.createUpdate("UPDATE projects SET name = :name, description = :description, updated_at = now() WHERE id = :id")
          .bind("id", p.id()).bind("name", p.name()).bind("description", p.description()).execute();
    }
    for (ProjectPlan.CredentialLink l : plan.newCredentialLinks()) {
      h.createUpdate("INSERT INTO project_credentials (id, project_id, credential_id) VALUES (:id, :p, :c)")
          .bind("id", l.id()).bind("p", p.id()).bind("c", l.credentialId()).execute();
    }
    for (StoredProject.Workflow w : plan.upsertWorkflows()) {
      h.createUpdate("""
          INSERT INTO workflows (id, project_id, name) VALUES (:id, :p, :name)
          ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, deleted_at = NULL,
              lock_version = workflows.lock_version + 1, updated_at = clock_timestamp()""")
          .bind("id", w.id()).bind("p", p.id()).bind("name", w.name()).execute();
    }
    for (UUID w : plan.softDeleteWorkflows()) {
      h.createUpdate("UPDATE workflows SET deleted_at = clock_timestamp(), lock_version = lock_version + 1 WHERE id = :id")
          .bind("id", w).execute();
      h.createUpdate("UPDATE triggers SET enabled = false, updated_at = clock_timestamp() WHERE workflow_id = :id")
          .bind("id", w).execute();
    }
    deleteAll(h, "edges", plan.deleteEdges());
    deleteAll(h, "triggers", plan.deleteTriggers());
    deleteAll(h, "jobs", plan.deleteJobs());
    for (StoredProject.Job j : plan.upsertJobs()) {
      h.createUpdate("""
          INSERT INTO jobs (id, workflow_id, name, adaptor, body, project_credential_id)
          VALUES (:id, :wf, :name, :adaptor, :body, :pc)
          ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, adaptor = EXCLUDED.adaptor, body = EXCLUDED.body,
              project_credential_id = EXCLUDED.project_credential_id, updated_at = clock_timestamp()""")
          .bind("id", j.id()).bind("wf", j.workflowId()).bind("name", j.name()).bind("adaptor", j.adaptor())
          .bind("body", j.body()).bind("pc", j.projectCredentialId()).execute();
    }
    for (StoredProject.Trigger t : plan.upsertTriggers()) {
      h.createUpdate("""
          INSERT INTO triggers (id, workflow_id, type, enabled, cron_expression, cron_cursor_job_id, webhook_reply, kafka_configuration)
          VALUES (:id, :wf, :type, :enabled, :cron, :cursor, :reply, CAST(:kafka AS jsonb))
          ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, enabled = EXCLUDED.enabled,
              cron_expression = EXCLUDED.cron_expression, cron_cursor_job_id = EXCLUDED.cron_cursor_job_id,
              webhook_reply = EXCLUDED.webhook_reply, kafka_configuration = EXCLUDED.kafka_configuration,
              updated_at = clock_timestamp()""")
          .bind("id", t.id()).bind("wf", t.workflowId()).bind("type", t.type()).bind("enabled", t.enabled())
          .bind("cron", t.cronExpression()).bind("cursor", t.cronCursorJobId()).bind("reply", t.webhookReply())
          .bind("kafka", t.kafkaConfiguration()).execute();
    }
    for (StoredProject.Edge e : plan.upsertEdges()) {
      h.createUpdate("""
          INSERT INTO edges (id, workflow_id, source_job_id, source_trigger_id, target_job_id, condition_type,
                             condition_label, condition_expression, enabled)
          VALUES (:id, :wf, :sj, :st, :tj, :ct, :cl, :ce, :enabled)
          ON CONFLICT (id) DO UPDATE SET source_job_id = EXCLUDED.source_job_id, source_trigger_id = EXCLUDED.source_trigger_id,
              target_job_id = EXCLUDED.target_job_id, condition_type = EXCLUDED.condition_type,
              condition_label = EXCLUDED.condition_label, condition_expression = EXCLUDED.condition_expression,
              enabled = EXCLUDED.enabled, updated_at = clock_timestamp()""")
          .bind("id", e.id()).bind("wf", e.workflowId()).bind("sj", e.sourceJobId()).bind("st", e.sourceTriggerId())
          .bind("tj", e.targetJobId()).bind("ct", e.conditionType()).bind("cl", e.conditionLabel())
          .bind("ce", e.conditionExpression()).bind("enabled", e.enabled()).execute();
    }
    // Workflows whose children changed get a new lock_version, as Lightning's optimistic locking expects.
    java.util.Set<UUID> touched = new java.util.HashSet<>();
    plan.upsertJobs().forEach(j -> touched.add(j.workflowId()));
    plan.upsertTriggers().forEach(t -> touched.add(t.workflowId()));
    plan.upsertEdges().forEach(e -> touched.add(e.workflowId()));
    plan.upsertWorkflows().forEach(w -> touched.remove(w.id()));
    if (!touched.isEmpty()) {
      h.createUpdate("UPDATE workflows SET lock_version = lock_version + 1, updated_at = clock_timestamp() WHERE id = ANY(:ids)")
          .bindArray("ids", UUID.class, new ArrayList<>(touched)).execute();
    }
    if (!plan.createProject() && !plan.updateProject()) {
      h.createUpdate("UPDATE projects SET updated_at = now() WHERE id = :id").bind("id", p.id()).execute();
    }
  }

  private static void deleteAll(Handle h, String table, List<UUID> ids) {
    if (ids.isEmpty()) return;
    h.createUpdate("DELETE FROM " + table + " WHERE id = ANY(:ids)").bindArray("ids", UUID.class, ids).execute();
  }

  static int latestVersion(Handle h, UUID projectId) {
    return h.createQuery("SELECT coalesce(max(version), 0) FROM project_snapshots WHERE project_id = :p")
        .bind("p", projectId).mapTo(Integer.class).one();
  }

  private static UUID latestSnapshot(Handle h, UUID projectId) {
    return h.createQuery("SELECT id FROM project_snapshots WHERE project_id = :p ORDER BY version DESC LIMIT 1")
        .bind("p", projectId).mapTo(UUID.class).findOne().orElse(null);
  }
}
