package io.lightningop.spec.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightningop.spec.model.Channel;
import io.lightningop.spec.model.Collection;
import io.lightningop.spec.model.Credential;
import io.lightningop.spec.model.Edge;
import io.lightningop.spec.model.Job;
import io.lightningop.spec.model.JobBody;
import io.lightningop.spec.model.KafkaConfiguration;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.model.Trigger;
import io.lightningop.spec.model.WebhookResponseConfig;
import io.lightningop.spec.model.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project a state describes, in spec terms: ids turned back into keys, {@code delete: true}
 * markers left out. Used to diff what is deployed against what is wanted.
 */
public final class StateProjects {
  private StateProjects() {}

  public static Project toProject(ProjectState state) {
    JsonNode s = state.tree();
    Map<String, Credential> credentials = new LinkedHashMap<>();
    Map<String, String> credentialKeyById = new HashMap<>();
    for (String key : JsObjects.keys(s.path("project_credentials"))) {
      JsonNode c = s.path("project_credentials").get(key);
      if (deleted(c)) continue;
      credentials.put(key, new Credential(key, text(c, "name"), text(c, "owner")));
      credentialKeyById.put(c.path("id").asText(), key);
    }
    Map<String, Collection> collections = new LinkedHashMap<>();
    for (String key : JsObjects.keys(s.path("collections"))) {
      JsonNode c = s.path("collections").get(key);
      if (!deleted(c)) collections.put(key, new Collection(key, text(c, "name")));
    }
    Map<String, Channel> channels = new LinkedHashMap<>();
    for (String key : JsObjects.keys(s.path("channels"))) {
      JsonNode c = s.path("channels").get(key);
      if (deleted(c)) continue;
      channels.put(key, new Channel(key, text(c, "name"), text(c, "destination_url"), bool(c, "enabled"),
          credentialKeyById.get(c.path("destination_credential_id").asText(null))));
    }
    Map<String, Workflow> workflows = new LinkedHashMap<>();
    for (String key : JsObjects.keys(s.path("workflows"))) {
      JsonNode w = s.path("workflows").get(key);
      if (!deleted(w)) workflows.put(key, workflow(key, w, credentialKeyById));
    }
    return new Project(text(s, "name"), text(s, "description"), credentials, collections, channels, workflows);
  }

  private static Workflow workflow(String key, JsonNode w, Map<String, String> credentialKeyById) {
    Map<String, String> jobKeyById = new HashMap<>();
    Map<String, Job> jobs = new LinkedHashMap<>();
    for (String k : JsObjects.keys(w.path("jobs"))) {
      JsonNode j = w.path("jobs").get(k);
      if (deleted(j)) continue;
      jobKeyById.put(j.path("id").asText(), k);
      String credentialId = text(j, "project_credential_id");
      jobs.put(k, new Job(k, text(j, "name"), text(j, "adaptor"),
          j.has("body") ? JobBody.inline(text(j, "body")) : null,
          credentialId == null ? null : credentialKeyById.getOrDefault(credentialId, credentialId),
          j.has("project_credential_id")));
    }
    Map<String, String> triggerKeyById = new HashMap<>();
    Map<String, Trigger> triggers = new LinkedHashMap<>();
    for (String k : JsObjects.keys(w.path("triggers"))) {
      JsonNode t = w.path("triggers").get(k);
      if (deleted(t)) continue;
      triggerKeyById.put(t.path("id").asText(), k);
      JsonNode rc = t.get("webhook_response_config");
      JsonNode kafka = t.get("kafka_configuration");
      triggers.put(k, new Trigger(k, text(t, "type"), bool(t, "enabled"), text(t, "cron_expression"),
          jobKeyById.get(t.path("cron_cursor_job_id").asText(null)), text(t, "webhook_reply"),
          rc == null || !rc.isObject() ? null : new WebhookResponseConfig(integer(rc, "success_code"), integer(rc, "error_code")),
          kafka == null || !kafka.isObject() ? null : kafka(kafka)));
    }
    Map<String, Edge> edges = new LinkedHashMap<>();
    for (String k : JsObjects.keys(w.path("edges"))) {
      JsonNode e = w.path("edges").get(k);
      if (deleted(e)) continue;
      // older states (and OpenFn's docs example) spell condition_type as `condition`
      String condition = e.has("condition_type") ? text(e, "condition_type") : text(e, "condition");
      edges.put(k, new Edge(k,
          triggerKeyById.get(e.path("source_trigger_id").asText(null)),
          jobKeyById.get(e.path("source_job_id").asText(null)),
          jobKeyById.getOrDefault(e.path("target_job_id").asText(null), text(e, "target_job_id")),
          condition, text(e, "condition_expression"), text(e, "condition_label"), bool(e, "enabled")));
    }
    return new Workflow(key, text(w, "name"), jobs, triggers, edges);
  }

  private static KafkaConfiguration kafka(JsonNode k) {
    List<String> hosts = new ArrayList<>();
    for (JsonNode h : k.path("hosts")) {
      hosts.add(h.isArray() ? h.path(0).asText() + ":" + h.path(1).asText() : h.asText());
    }
    List<String> topics = new ArrayList<>();
    for (JsonNode t : k.path("topics")) topics.add(t.asText());
    return new KafkaConfiguration(hosts, topics, text(k, "initial_offset_reset_policy"), integer(k, "connect_timeout"));
  }

  private static boolean deleted(JsonNode n) {
    return n == null || !n.isObject() || n.path("delete").asBoolean(false);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isBoolean() ? null : v.booleanValue();
  }

  private static Integer integer(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.canConvertToInt() || !v.isNumber() ? null : v.intValue();
  }
}
