package io.lightningop.operator.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads a provisioning payload into a {@link ProvisionDocument}, recording Lightning-shaped
 * errors for wrong types, missing ids and unknown keys ("extraneous parameters"). Child
 * collections may be arrays (v1 deploy) or objects keyed by anything (v2 CLI records).
 */
public final class ProvisionParser {
  // Schema fields Lightning knows; server-sent fields may be echoed back, anything else is rejected.
  private static final Set<String> PROJECT_KEYS = Set.of("id", "name", "description", "workflows",
      "project_credentials", "collections", "channels", "inserted_at", "updated_at", "scheduled_deletion",
      "requires_mfa", "retention_policy", "history_retention_period", "dataclip_retention_period",
      "allow_support_access", "concurrency", "env", "color", "parent_id");
  private static final Set<String> WORKFLOW_KEYS = Set.of("id", "name", "delete", "deleted_at", "jobs",
      "triggers", "edges", "inserted_at", "updated_at", "lock_version", "concurrency", "project_id",
      "version_history", "enable_job_logs", "positions");
  private static final Set<String> JOB_KEYS = Set.of("id", "name", "adaptor", "body", "project_credential_id",
      "keychain_credential_id", "delete", "workflow_id", "inserted_at", "updated_at");
  private static final Set<String> TRIGGER_KEYS = Set.of("id", "type", "enabled", "cron_expression",
      "cron_cursor_job_id", "webhook_reply", "custom_path", "comment", "kafka_configuration", "delete",
      "workflow_id", "inserted_at", "updated_at", "has_auth_method");
  private static final Set<String> EDGE_KEYS = Set.of("id", "source_job_id", "source_trigger_id", "target_job_id",
      "condition_type", "condition_label", "condition_expression", "enabled", "delete", "workflow_id",
      "inserted_at", "updated_at");
  private static final Set<String> CREDENTIAL_KEYS = Set.of("id", "name", "owner");

  private final ValidationErrors errors;

  private ProvisionParser(ValidationErrors errors) {
    this.errors = errors;
  }

  /** Parses {@code body}; problems go to {@code errors} (the result is then not to be applied). */
  public static ProvisionDocument parse(JsonNode body, ValidationErrors errors) {
    return new ProvisionParser(errors).project(body);
  }

  private ProvisionDocument project(JsonNode n) {
    if (n == null || !n.isObject()) {
      errors.add(List.of("base"), "the request body must be a JSON object");
      return new ProvisionDocument(null, null, null, false, List.of(), List.of());
    }
    List<String> at = List.of();
    extraneous(n, PROJECT_KEYS, at);
    UUID id = uuid(n, "id", at, true);
    String name = text(n, "name", at);
    if (name == null || name.isBlank()) errors.add(List.of("name"), "can't be blank");
    for (String unsupported : List.of("collections", "channels")) {
      JsonNode c = n.get(unsupported);
      if (c != null && !c.isNull() && !c.isEmpty()) {
        errors.add(List.of(unsupported), unsupported + " are not supported by this server");
      }
    }
    List<ProvisionDocument.Workflow> workflows = new ArrayList<>();
    for (JsonNode w : children(n, "workflows", at)) workflows.add(workflow(w));
    List<ProvisionDocument.ProjectCredential> creds = new ArrayList<>();
    for (JsonNode c : children(n, "project_credentials", at)) {
      List<String> cat = List.of("project_credentials", label(c, "name"));
      extraneous(c, CREDENTIAL_KEYS, cat);
      creds.add(new ProvisionDocument.ProjectCredential(uuid(c, "id", cat, true), text(c, "name", cat), text(c, "owner", cat)));
    }
    return new ProvisionDocument(id, name, text(n, "description", at), n.has("description"), workflows, creds);
  }

  private ProvisionDocument.Workflow workflow(JsonNode w) {
    List<String> at = List.of("workflows", label(w, "name"));
    if (!w.isObject()) {
      errors.add(List.of("workflows", "base"), "each workflow must be an object");
      return new ProvisionDocument.Workflow(null, null, false, List.of(), List.of(), List.of());
    }
    extraneous(w, WORKFLOW_KEYS, at);
    Map<String, String> jobNames = new java.util.HashMap<>();
    Map<String, String> triggerTypes = new java.util.HashMap<>();
    for (JsonNode j : children(w, "jobs", at)) jobNames.put(j.path("id").asText(), j.path("name").asText(""));
    for (JsonNode t : children(w, "triggers", at)) triggerTypes.put(t.path("id").asText(), t.path("type").asText(""));

    List<ProvisionDocument.Job> jobs = new ArrayList<>();
    for (JsonNode j : children(w, "jobs", at)) {
      List<String> jat = concat(at, "jobs", label(j, "name"));
      extraneous(j, JOB_KEYS, jat);
      jobs.add(new ProvisionDocument.Job(uuid(j, "id", jat, true), flag(j, "delete", jat), text(j, "name", jat),
          text(j, "adaptor", jat), text(j, "body", jat), uuid(j, "project_credential_id", jat, false),
          j.has("project_credential_id")));
    }
    List<ProvisionDocument.Trigger> triggers = new ArrayList<>();
    for (JsonNode t : children(w, "triggers", at)) {
      List<String> tat = concat(at, "triggers", label(t, "type"));
      extraneous(t, TRIGGER_KEYS, tat);
      JsonNode kafka = t.get("kafka_configuration");
      triggers.add(new ProvisionDocument.Trigger(uuid(t, "id", tat, true), flag(t, "delete", tat), text(t, "type", tat),
          bool(t, "enabled", tat), text(t, "cron_expression", tat), uuid(t, "cron_cursor_job_id", tat, false),
          text(t, "webhook_reply", tat), kafka == null || kafka.isNull() ? null : kafka));
    }
    List<ProvisionDocument.Edge> edges = new ArrayList<>();
    for (JsonNode e : children(w, "edges", at)) {
      String source = e.hasNonNull("source_trigger_id")
          ? triggerTypes.getOrDefault(e.get("source_trigger_id").asText(), "?")
          : jobNames.getOrDefault(e.path("source_job_id").asText(), "?");
      String edgeLabel = source + "->" + jobNames.getOrDefault(e.path("target_job_id").asText(), "?");
      List<String> eat = concat(at, "edges", edgeLabel);
      extraneous(e, EDGE_KEYS, eat);
      edges.add(new ProvisionDocument.Edge(uuid(e, "id", eat, true), flag(e, "delete", eat),
          uuid(e, "source_job_id", eat, false), uuid(e, "source_trigger_id", eat, false),
          uuid(e, "target_job_id", eat, false), text(e, "condition_type", eat), text(e, "condition_label", eat),
          scalarText(e, "condition_expression", eat), bool(e, "enabled", eat)));
    }
    return new ProvisionDocument.Workflow(uuid(w, "id", at, true), text(w, "name", at), flag(w, "delete", at),
        jobs, triggers, edges);
  }

  private List<JsonNode> children(JsonNode parent, String key, List<String> at) {
    JsonNode c = parent.get(key);
    List<JsonNode> out = new ArrayList<>();
    if (c == null || c.isNull()) return out;
    if (!c.isArray() && !c.isObject()) {
      errors.add(concat(at, key), "must be a list");
      return out;
    }
    for (Iterator<JsonNode> it = c.elements(); it.hasNext(); ) out.add(it.next());
    return out;
  }

  private void extraneous(JsonNode n, Set<String> known, List<String> at) {
    if (!n.isObject()) return;
    List<String> extra = new ArrayList<>();
    n.fieldNames().forEachRemaining(k -> { if (!known.contains(k)) extra.add(k); });
    if (!extra.isEmpty()) {
      errors.add(concat(at, "base"), "extraneous parameters: " + extra.stream().sorted().collect(Collectors.joining(", ")));
    }
  }

  private UUID uuid(JsonNode n, String key, List<String> at, boolean required) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
      if (required) errors.add(concat(at, key), "can't be blank");
      return null;
    }
    try {
      if (!v.isTextual()) throw new IllegalArgumentException();
      return UUID.fromString(v.asText());
    } catch (IllegalArgumentException e) {
      errors.add(concat(at, key), "is invalid (expected a UUID)");
      return null;
    }
  }

  private String text(JsonNode n, String key, List<String> at) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) {
      errors.add(concat(at, key), "is invalid (expected a string)");
      return null;
    }
    return v.asText();
  }

  /** Deploy's validator turns any scalar expression into a string; so do we. */
  private String scalarText(JsonNode n, String key, List<String> at) {
    JsonNode v = n.get(key);
    if (v != null && v.isValueNode() && !v.isNull() && !v.isTextual()) return v.asText();
    return text(n, key, at);
  }

  private Boolean bool(JsonNode n, String key, List<String> at) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) return null;
    if (!v.isBoolean()) {
      errors.add(concat(at, key), "is invalid (expected true or false)");
      return null;
    }
    return v.asBoolean();
  }

  private boolean flag(JsonNode n, String key, List<String> at) {
    return Boolean.TRUE.equals(bool(n, key, at));
  }

  private static String label(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v != null && v.isTextual() && !v.asText().isEmpty()) return v.asText();
    JsonNode id = n.get("id");
    return id != null && id.isTextual() ? id.asText() : "?";
  }

  static List<String> concat(List<String> base, String... more) {
    List<String> out = new ArrayList<>(base);
    out.addAll(List.of(more));
    return out;
  }
}
