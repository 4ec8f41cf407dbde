package io.lightningop.operator.state;

import static io.lightningop.operator.state.ProvisionParser.concat;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Computes the state a provisioning document leads to and the plan that gets there, checking
 * Lightning's model rules (spec §3.8) on the result. Pure: the caller loads what it needs.
 */
final class ProjectPlanner {
  static final String DEFAULT_ADAPTOR = "@openfn/language-common@latest";
  static final String DEFAULT_CRON = "0 0 * * *";
  private static final Pattern JOB_NAME = Pattern.compile("^[a-zA-Z0-9_\\- ]*$");
  private static final Pattern UNSAFE_WORDS = Pattern.compile("\\b(import|require|process|await|eval)\\b");
  private static final Set<String> TRIGGER_TYPES = Set.of("webhook", "cron", "kafka");
  private static final Set<String> WEBHOOK_REPLIES = Set.of("before_start", "after_completion", "custom");
  private static final Set<String> CONDITIONS = Set.of("on_job_success", "on_job_failure", "always", "js_expression");
  static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /** Which workflow (or project, for workflows) already owns an id, across the whole database. */
  record IdOwners(Map<UUID, UUID> workflows, Map<UUID, UUID> jobs, Map<UUID, UUID> triggers, Map<UUID, UUID> edges) {}

  private final StoredProject current;
  private final ProvisionDocument doc;
  private final IdOwners owners;
  private final Set<UUID> availableCredentials;
  private final ValidationErrors errors;
  private final ProjectPlan plan;

  private ProjectPlanner(StoredProject current, ProvisionDocument doc, IdOwners owners,
      List<ProjectPlan.CredentialLink> newLinks, ValidationErrors errors) {
    this.current = current;
    this.doc = doc;
    this.owners = owners;
    this.errors = errors;
    this.availableCredentials = new HashSet<>();
    if (current != null) current.credentials().forEach(c -> availableCredentials.add(c.id()));
    newLinks.forEach(l -> availableCredentials.add(l.id()));
    StoredProject.Project project = new StoredProject.Project(doc.id(), doc.name(),
        doc.descriptionGiven() || current == null ? doc.description() : current.project().description());
    this.plan = ProjectPlan.empty(project);
    plan.newCredentialLinks().addAll(newLinks);
  }

  /** Plans {@code doc} against {@code current} (null for a new project); problems go to {@code errors}. */
  static ProjectPlan plan(StoredProject current, ProvisionDocument doc, IdOwners owners,
      List<ProjectPlan.CredentialLink> newLinks, ValidationErrors errors) {
    ProjectPlanner p = new ProjectPlanner(current, doc, owners, newLinks, errors);
    p.run();
    ProjectPlan r = p.plan;
    boolean create = current == null;
    boolean update = !create && !current.project().equals(r.project());
    return new ProjectPlan(r.project(), create, update, r.newCredentialLinks(), r.upsertWorkflows(),
        r.softDeleteWorkflows(), r.upsertJobs(), r.deleteJobs(), r.upsertTriggers(), r.deleteTriggers(),
        r.upsertEdges(), r.deleteEdges(), r.changes());
  }

  private void run() {
    if (current == null) {
      plan.changes().add(new ProjectPlan.Change("create", "project", doc.id(), doc.name()));
    } else if (!current.project().equals(plan.project())) {
      plan.changes().add(new ProjectPlan.Change("update", "project", doc.id(), doc.name()));
    }
    for (ProjectPlan.CredentialLink l : plan.newCredentialLinks()) {
      plan.changes().add(new ProjectPlan.Change("create", "project_credential", l.id(), l.owner() + " " + l.name()));
    }
    Map<UUID, StoredProject.Workflow> existing = new LinkedHashMap<>();
    if (current != null) current.workflows().forEach(w -> existing.put(w.id(), w));
    Map<String, UUID> liveNames = new HashMap<>();
    Set<UUID> mentioned = new HashSet<>();
    doc.workflows().forEach(w -> mentioned.add(w.id()));
    existing.values().stream().filter(w -> !w.deleted() && !mentioned.contains(w.id())).forEach(w -> liveNames.put(w.name(), w.id()));

    for (ProvisionDocument.Workflow w : doc.workflows()) {
      if (w.id() == null) continue; // parser already complained
      StoredProject.Workflow old = existing.get(w.id());
      String name = w.name() != null ? w.name() : old != null ? old.name() : null;
      List<String> at = List.of("workflows", name == null ? w.id().toString() : name);
      UUID owner = owners.workflows().get(w.id());
      if (old == null && owner != null) {
        errors.add(concat(at, "id"), "has already been taken");
        continue;
      }
      if (w.delete()) {
        if (w.name() != null || !w.jobs().isEmpty() || !w.triggers().isEmpty() || !w.edges().isEmpty()) {
          errors.add(concat(at, "delete"), "cannot change or add a record while deleting");
        } else if (old != null && !old.deleted()) {
          plan.softDeleteWorkflows().add(w.id());
          plan.changes().add(new ProjectPlan.Change("delete", "workflow", w.id(), old.name()));
        }
        continue;
      }
      if (name == null || name.isBlank()) {
        errors.add(concat(at, "name"), "can't be blank");
      } else if (liveNames.containsKey(name)) {
        errors.add(concat(at, "name"), "a workflow with this name already exists in this project.");
      } else {
        liveNames.put(name, w.id());
      }
      StoredProject.Workflow next = new StoredProject.Workflow(w.id(), name, false);
      if (!next.equals(old)) {
        plan.upsertWorkflows().add(next);
        plan.changes().add(new ProjectPlan.Change(old == null ? "create" : "update", "workflow", w.id(), name));
      }
      planChildren(w, name == null ? "?" : name, at);
    }
  }

  private void planChildren(ProvisionDocument.Workflow w, String wfName, List<String> at) {
    UUID wf = w.id();
    Map<UUID, StoredProject.Job> oldJobs = byId(current == null ? List.of() : current.jobs(), StoredProject.Job::id, StoredProject.Job::workflowId, wf);
    Map<UUID, StoredProject.Trigger> oldTriggers = byId(current == null ? List.of() : current.triggers(), StoredProject.Trigger::id, StoredProject.Trigger::workflowId, wf);
    Map<UUID, StoredProject.Edge> oldEdges = byId(current == null ? List.of() : current.edges(), StoredProject.Edge::id, StoredProject.Edge::workflowId, wf);

    // Jobs
    Map<UUID, StoredProject.Job> jobs = new LinkedHashMap<>();
    Set<UUID> keepJobs = new HashSet<>();
    for (ProvisionDocument.Job j : w.jobs()) {
      if (j.id() == null) continue;
      StoredProject.Job old = oldJobs.get(j.id());
      String name = j.name() != null ? j.name().trim() : old != null ? old.name() : null;
      List<String> jat = concat(at, "jobs", name == null || name.isEmpty() ? j.id().toString() : name);
      if (old == null && owners.jobs().containsKey(j.id())) {
        errors.add(concat(jat, "id"), "has already been taken");
        continue;
      }
      if (j.delete()) {
        if (j.name() != null || j.body() != null || j.adaptor() != null) {
          errors.add(concat(jat, "delete"), "cannot change or add a record while deleting");
        }
        continue;
      }
      keepJobs.add(j.id());
      StoredProject.Job next = new StoredProject.Job(j.id(), wf, name,
          firstNonNull(j.adaptor(), old == null ? null : old.adaptor(), DEFAULT_ADAPTOR),
          j.body() != null ? j.body() : old == null ? null : old.body(),
          j.credentialGiven() ? j.projectCredentialId() : old == null ? null : old.projectCredentialId());
      validateJob(next, jobs.values(), jat);
      jobs.put(next.id(), next);
      upsert(next, old, plan.upsertJobs(), "job", wfName + "/" + name);
    }
    oldJobs.values().stream().filter(o -> !keepJobs.contains(o.id())).forEach(o -> {
      plan.deleteJobs().add(o.id());
      plan.changes().add(new ProjectPlan.Change("delete", "job", o.id(), wfName + "/" + o.name()));
    });

    // Triggers
    Map<UUID, StoredProject.Trigger> triggers = new LinkedHashMap<>();
    for (ProvisionDocument.Trigger t : w.triggers()) {
      if (t.id() == null) continue;
      StoredProject.Trigger old = oldTriggers.get(t.id());
      String type = t.type() != null ? t.type() : old != null ? old.type() : null;
      List<String> tat = concat(at, "triggers", type == null ? t.id().toString() : type);
      if (old == null && owners.triggers().containsKey(t.id())) {
        errors.add(concat(tat, "id"), "has already been taken");
        continue;
      }
      if (t.delete()) {
        if (t.type() != null || t.cronExpression() != null || t.enabled() != null) {
          errors.add(concat(tat, "delete"), "cannot change or add a record while deleting");
        }
        continue;
      }
      boolean cron = "cron".equals(type);
      boolean webhook = "webhook".equals(type);
      StoredProject.Trigger next = new StoredProject.Trigger(t.id(), wf, type,
          firstNonNull(t.enabled(), old == null ? null : old.enabled(), false),
          cron ? firstNonNull(t.cronExpression(), old == null ? null : old.cronExpression(), DEFAULT_CRON) : null,
          cron ? (t.cronCursorJobId() != null ? t.cronCursorJobId() : old == null ? null : old.cronCursorJobId()) : null,
          webhook ? firstNonNull(t.webhookReply(), old == null ? null : old.webhookReply(), "before_start") : null,
          "kafka".equals(type) ? (t.kafkaConfiguration() != null ? t.kafkaConfiguration().toString() : old == null ? null : old.kafkaConfiguration()) : null);
      validateTrigger(next, jobs, tat);
      triggers.put(next.id(), next);
      upsert(next, old, plan.upsertTriggers(), "trigger", wfName + "/" + type);
    }
    Set<UUID> keptTriggers = triggers.keySet();
    oldTriggers.values().stream().filter(o -> !keptTriggers.contains(o.id())).forEach(o -> {
      plan.deleteTriggers().add(o.id());
      plan.changes().add(new ProjectPlan.Change("delete", "trigger", o.id(), wfName + "/" + o.type()));
    });

    // Edges
    Set<UUID> keptEdges = new HashSet<>();
    for (ProvisionDocument.Edge e : w.edges()) {
      if (e.id() == null) continue;
      StoredProject.Edge old = oldEdges.get(e.id());
      boolean sourceGiven = e.sourceJobId() != null || e.sourceTriggerId() != null;
      UUID sourceJob = sourceGiven ? e.sourceJobId() : old == null ? null : old.sourceJobId();
      UUID sourceTrigger = sourceGiven ? e.sourceTriggerId() : old == null ? null : old.sourceTriggerId();
      UUID target = e.targetJobId() != null ? e.targetJobId() : old == null ? null : old.targetJobId();
      String label = (sourceTrigger != null ? nameOf(triggers.get(sourceTrigger)) : nameOf(jobs.get(sourceJob)))
          + "->" + nameOf(jobs.get(target));
      List<String> eat = concat(at, "edges", label);
      if (old == null && owners.edges().containsKey(e.id())) {
        errors.add(concat(eat, "id"), "has already been taken");
        continue;
      }
      if (e.delete()) {
        if (e.conditionType() != null || e.targetJobId() != null) {
          errors.add(concat(eat, "delete"), "cannot change or add a record while deleting");
        }
        continue;
      }
      StoredProject.Edge next = new StoredProject.Edge(e.id(), wf, sourceJob, sourceTrigger, target,
          e.conditionType() != null ? e.conditionType() : old == null ? null : old.conditionType(),
          e.conditionLabel() != null ? e.conditionLabel() : old == null ? null : old.conditionLabel(),
          e.conditionExpression() != null ? e.conditionExpression() : old == null ? null : old.conditionExpression(),
          firstNonNull(e.enabled(), old == null ? null : old.enabled(), true));
      validateEdge(next, jobs, triggers, eat);
      keptEdges.add(next.id());
      upsert(next, old, plan.upsertEdges(), "edge", wfName + "/" + label);
    }
    oldEdges.values().stream().filter(o -> !keptEdges.contains(o.id())).forEach(o -> {
      plan.deleteEdges().add(o.id());
      plan.changes().add(new ProjectPlan.Change("delete", "edge", o.id(), wfName + "/" + o.id()));
    });
  }

  private void validateJob(StoredProject.Job j, Iterable<StoredProject.Job> siblings, List<String> at) {
    if (j.name() == null || j.name().isBlank()) {
      errors.add(concat(at, "name"), "job name can't be blank");
    } else {
      if (j.name().length() > 100) errors.add(concat(at, "name"), "job name should be at most 100 character(s)");
      if (!JOB_NAME.matcher(j.name()).matches()) errors.add(concat(at, "name"), "job name has invalid format");
      for (StoredProject.Job s : siblings) {
        if (s.name() != null && s.name().equals(j.name())) errors.add(concat(at, "name"), "job name has already been taken");
      }
    }
    if (j.body() == null || j.body().isBlank()) errors.add(concat(at, "body"), "job body can't be blank");
    if (j.adaptor() == null || j.adaptor().isBlank()) errors.add(concat(at, "adaptor"), "job adaptor can't be blank");
    if (j.projectCredentialId() != null && !availableCredentials.contains(j.projectCredentialId())) {
      errors.add(concat(at, "project_credential_id"), "credential doesn't exist or isn't available in this project");
    }
  }

  private void validateTrigger(StoredProject.Trigger t, Map<UUID, StoredProject.Job> jobs, List<String> at) {
    if (t.type() == null) {
      errors.add(concat(at, "type"), "can't be blank");
      return;
    }
    if (!TRIGGER_TYPES.contains(t.type())) {
      errors.add(concat(at, "type"), "is invalid (expected webhook, cron or kafka)");
      return;
    }
    if (t.cronExpression() != null) {
      try {
        CRON.parse(t.cronExpression()).validate();
      } catch (IllegalArgumentException e) {
        errors.add(concat(at, "cron_expression"), "is not a valid cron expression: " + e.getMessage());
      }
    }
    if (t.cronCursorJobId() != null && !jobs.containsKey(t.cronCursorJobId())) {
      errors.add(concat(at, "cron_cursor_job_id"), "job doesn't exist, or is not in the same workflow");
    }
    if (t.webhookReply() != null && !WEBHOOK_REPLIES.contains(t.webhookReply())) {
      errors.add(concat(at, "webhook_reply"), "is invalid (expected before_start, after_completion or custom)");
    }
    if ("kafka".equals(t.type()) && t.kafkaConfiguration() == null) {
      errors.add(concat(at, "kafka_configuration"), "can't be blank");
    }
  }

  private void validateEdge(StoredProject.Edge e, Map<UUID, StoredProject.Job> jobs,
      Map<UUID, StoredProject.Trigger> triggers, List<String> at) {
    if (e.conditionType() == null) {
      errors.add(concat(at, "condition_type"), "can't be blank");
    } else if (!CONDITIONS.contains(e.conditionType())) {
      errors.add(concat(at, "condition_type"), "is invalid");
    }
    if (e.sourceJobId() != null && e.sourceTriggerId() != null) {
      errors.add(concat(at, "source_job_id"), "source_job_id and source_trigger_id are mutually exclusive");
    } else if (e.sourceJobId() == null && e.sourceTriggerId() == null) {
      errors.add(concat(at, "source_job_id"), "an edge needs a source job or a source trigger");
    }
    if (e.sourceTriggerId() != null) {
      if (!triggers.containsKey(e.sourceTriggerId())) {
        errors.add(concat(at, "source_trigger_id"), "trigger doesn't exist, or is not in the same workflow");
      }
      if (e.conditionType() != null && !Set.of("always", "js_expression").contains(e.conditionType())) {
        errors.add(concat(at, "condition_type"), "must be :always or :js_expression when source is a trigger");
      }
    }
    if (e.sourceJobId() != null && !jobs.containsKey(e.sourceJobId())) {
      errors.add(concat(at, "source_job_id"), "job doesn't exist, or is not in the same workflow");
    }
    if (e.targetJobId() == null) {
      errors.add(concat(at, "target_job_id"), "can't be blank");
    } else {
      if (!jobs.containsKey(e.targetJobId())) {
        errors.add(concat(at, "target_job_id"), "job doesn't exist, or is not in the same workflow");
      }
      if (e.targetJobId().equals(e.sourceJobId())) {
        errors.add(concat(at, "target_job_id"), "must be different than the source job");
      }
    }
    if ("js_expression".equals(e.conditionType())) {
      if (e.conditionLabel() == null || e.conditionLabel().isBlank()) errors.add(concat(at, "condition_label"), "can't be blank");
      if (e.conditionExpression() == null || e.conditionExpression().isBlank()) {
        errors.add(concat(at, "condition_expression"), "can't be blank");
      } else if (UNSAFE_WORDS.matcher(e.conditionExpression()).find()) {
        errors.add(concat(at, "condition_expression"), "contains unacceptable words");
      }
    }
    if (e.conditionLabel() != null && e.conditionLabel().length() > 255) errors.add(concat(at, "condition_label"), "should be at most 255 character(s)");
    if (e.conditionExpression() != null && e.conditionExpression().length() > 255) errors.add(concat(at, "condition_expression"), "should be at most 255 character(s)");
  }

  private <T> void upsert(T next, T old, List<T> into, String kind, String name) {
    if (Objects.equals(next, old)) return;
    into.add(next);
    UUID id = switch (next) {
      case StoredProject.Job j -> j.id();
      case StoredProject.Trigger t -> t.id();
      case StoredProject.Edge e -> e.id();
      default -> throw new IllegalArgumentException(String.valueOf(next));
    };
    plan.changes().add(new ProjectPlan.Change(old == null ? "create" : "update", kind, id, name));
  }

  private static String nameOf(Object node) {
    return switch (node) {
      case StoredProject.Job j -> j.name();
      case StoredProject.Trigger t -> t.type();
      case null, default -> "?";
    };
  }

  private static <T> Map<UUID, T> byId(List<T> rows, java.util.function.Function<T, UUID> id,
      java.util.function.Function<T, UUID> workflow, UUID wf) {
    Map<UUID, T> out = new LinkedHashMap<>();
    for (T r : rows) if (wf.equals(workflow.apply(r))) out.put(id.apply(r), r);
    return out;
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T v : values) if (v != null) return v;
    return null;
  }

}
