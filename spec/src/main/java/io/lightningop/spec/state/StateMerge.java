package io.lightningop.spec.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.spec.model.Channel;
import io.lightningop.spec.model.Collection;
import io.lightningop.spec.model.Credential;
import io.lightningop.spec.model.Edge;
import io.lightningop.spec.model.Job;
import io.lightningop.spec.model.KafkaConfiguration;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.model.Trigger;
import io.lightningop.spec.model.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code mergeSpecIntoState} of OpenFn's deploy (lightning-protocols §2.3): the next state for a
 * spec, keeping ids found under the same key, giving new entities fresh UUIDs and marking
 * entities that left the spec with {@code {"id": ..., "delete": true}}. Field order and the
 * presence or absence of fields follow deploy, so the written state is byte-identical.
 */
public final class StateMerge {
  private static final Pattern KAFKA_HOST = Pattern.compile("^[^:]+:\\d+$");

  private final Supplier<String> ids;

  public StateMerge(Supplier<String> ids) {
    this.ids = ids;
  }

  /** Merges with random UUID v4 ids, as deploy does. */
  public static ProjectState merge(ProjectState state, Project spec) {
    return new StateMerge(() -> UUID.randomUUID().toString()).apply(state, spec);
  }

  public ProjectState apply(ProjectState state, Project spec) {
    ObjectNode old = (state == null ? ProjectState.empty() : state).json();
    ObjectNode credentials = mergeCredentials(JsObjects.objectOrEmpty(old.get("project_credentials")), spec.credentials());
    ObjectNode collections = mergeCollections(JsObjects.objectOrEmpty(old.get("collections")), spec.collections());
    ObjectNode channels = mergeChannels(JsObjects.objectOrEmpty(old.get("channels")), spec.channels(), credentials);
    ObjectNode workflows = mergeWorkflows(JsObjects.objectOrEmpty(old.get("workflows")), spec.workflows(), credentials);

    // {...oldState, id, name, workflows, project_credentials, collections, channels}
    ObjectNode next = old.deepCopy();
    next.put("id", JsObjects.truthy(old.get("id")) ? old.get("id").asText() : ids.get());
    putText(next, "name", spec.name());
    next.set("workflows", workflows);
    next.set("project_credentials", credentials);
    next.set("collections", collections);
    next.set("channels", channels);
    if (spec.description() != null && !spec.description().isEmpty()) next.put("description", spec.description());
    return ProjectState.of(next);
  }

  /** Fills a merged entry (its {@code id} already set) from the spec and the state entry, if any. */
  private interface Fill<T> {
    void fill(ObjectNode entry, T spec, JsonNode state);
  }

  /**
   * The merge every keyed collection shares: the union of state and spec keys; spec entries keep
   * the state's id (or get a new one) and are filled; state-only entries become delete markers.
   */
  private <T> ObjectNode mergeKeyed(ObjectNode state, Map<String, T> spec, Fill<T> fill) {
    ObjectNode out = object();
    for (String key : unionKeys(state, spec)) {
      JsonNode s = present(state.get(key));
      T t = spec.get(key);
      if (t == null) {
        if (s != null) out.set(key, deleteMarker(s));
        continue;
      }
      ObjectNode o = out.putObject(key);
      o.put("id", s != null ? s.path("id").asText() : ids.get());
      fill.fill(o, t, s);
    }
    return out;
  }

  private ObjectNode mergeCredentials(ObjectNode state, Map<String, Credential> spec) {
    // deploy cannot remove a credential: a state entry without a spec entry stops the merge
    for (String key : JsObjects.keys(state)) {
      JsonNode s = present(state.get(key));
      if (s != null && !spec.containsKey(key)) {
        throw new DeployError("Invalid credential spec or corrupted state for credential: "
            + s.path("name").asText("undefined") + " (" + s.path("owner").asText("undefined") + ")",
            DeployError.VALIDATION_ERROR);
      }
    }
    return mergeKeyed(state, spec, (o, c, s) -> {
      putText(o, "name", c.name());
      putText(o, "owner", c.owner());
    });
  }

  private ObjectNode mergeCollections(ObjectNode state, Map<String, Collection> spec) {
    return mergeKeyed(state, spec, (o, c, s) -> putText(o, "name", c.name()));
  }

  private ObjectNode mergeChannels(ObjectNode state, Map<String, Channel> spec, ObjectNode credentials) {
    return mergeKeyed(state, spec, (o, c, s) -> {
      putText(o, "name", c.name());
      putText(o, "destination_url", c.destinationUrl());
      if (c.enabled() != null) o.put("enabled", c.enabled());
      if (c.destinationCredential() != null) {
        o.put("destination_credential_id", credentialId(c.destinationCredential(), credentials));
      }
    });
  }

  private ObjectNode mergeWorkflows(ObjectNode state, Map<String, Workflow> spec, ObjectNode credentials) {
    ObjectNode out = object();
    for (String key : unionKeys(state, spec)) {
      JsonNode s = present(state.get(key));
      Workflow w = spec.get(key);
      ObjectNode sw = s != null && s.isObject() ? (ObjectNode) s : object();
      if (w == null) {
        if (sw.isEmpty()) continue;
        String name = sw.path("name").asText("");
        throw new DeployError("Critical error! Cannot continue: workflow found in project state but not spec: "
            + (name.isEmpty() ? sw.path("id").asText() : name + " (" + sw.path("id").asText() + ")"),
            DeployError.STATE_ERROR);
      }
      ObjectNode jobs = mergeJobs(JsObjects.objectOrEmpty(sw.get("jobs")), w.jobs(), credentials);
      ObjectNode triggers = mergeTriggers(JsObjects.objectOrEmpty(sw.get("triggers")), w.triggers(), jobs);
      ObjectNode edges = mergeEdges(JsObjects.objectOrEmpty(sw.get("edges")), w.edges(), jobs, triggers);
      ObjectNode o;
      if (sw.isEmpty()) {
        o = out.putObject(key);
        o.put("id", ids.get());
      } else {
        o = sw.deepCopy(); // server fields (inserted_at, project_id, lock_version, ...) travel back
        o.set("id", sw.get("id"));
        out.set(key, o);
      }
      putText(o, "name", w.name());
      o.set("jobs", jobs);
      o.set("triggers", triggers);
      o.set("edges", edges);
    }
    return out;
  }

  private ObjectNode mergeJobs(ObjectNode state, Map<String, Job> spec, ObjectNode credentials) {
    return mergeKeyed(state, spec, (o, j, s) -> {
      putText(o, "name", j.name());
      putText(o, "adaptor", j.adaptor());
      putText(o, "body", j.bodyText());
      if (j.credential() != null) {
        // `credential && lookup(credential)`: an empty key stays "", any other must exist
        o.put("project_credential_id", j.credential().isEmpty() ? "" : credentialId(j.credential(), credentials));
      } else if (j.credentialGiven()) {
        o.putNull("project_credential_id");
      }
    });
  }

  private ObjectNode mergeTriggers(ObjectNode state, Map<String, Trigger> spec, ObjectNode jobs) {
    return mergeKeyed(state, spec, (o, t, s) -> {
      if (s == null) {
        putText(o, "type", t.type());
        if (t.enabled() != null) o.put("enabled", t.enabled());
      } else {
        // prefer the spec, then the state, then the default
        o.set("type", t.type() != null ? text(t.type()) : s.has("type") ? s.get("type") : text("webhook"));
        o.set("enabled", t.enabled() != null ? bool(t.enabled())
            : s.has("enabled") ? s.get("enabled") : bool(true));
      }
      String type = t.type() == null ? "" : t.type();
      if (type.equals(Trigger.WEBHOOK)) {
        if (t.webhookReply() != null && !t.webhookReply().isEmpty()) o.put("webhook_reply", t.webhookReply());
        if (t.webhookResponseConfig() != null) {
          ObjectNode rc = o.putObject("webhook_response_config");
          if (t.webhookResponseConfig().successCode() != null) rc.put("success_code", t.webhookResponseConfig().successCode());
          if (t.webhookResponseConfig().errorCode() != null) rc.put("error_code", t.webhookResponseConfig().errorCode());
        }
      } else if (type.equals(Trigger.CRON)) {
        putText(o, "cron_expression", t.cronExpression());
        if (t.cronCursorJob() != null && !t.cronCursorJob().isEmpty()) {
          JsonNode job = present(jobs.get(t.cronCursorJob()));
          if (job == null) {
            throw new DeployError("Could not find a job with key: " + t.cronCursorJob(), DeployError.VALIDATION_ERROR);
          }
          o.set("cron_cursor_job_id", job.get("id"));
        }
      } else if (type.equals(Trigger.KAFKA)) {
        o.set("kafka_configuration", kafka(t.kafkaConfiguration()));
      }
    });
  }

  private ObjectNode kafka(KafkaConfiguration k) {
    ObjectNode o = object();
    ArrayNode hosts = o.putArray("hosts");
    if (k != null) {
      if (k.topics() != null) o.set("topics", StateJson.MAPPER.valueToTree(k.topics()));
      putText(o, "initial_offset_reset_policy", k.initialOffsetResetPolicy());
      if (k.connectTimeout() != null) o.put("connect_timeout", k.connectTimeout());
      for (String host : k.hosts() == null ? List.<String>of() : k.hosts()) {
        if (!KAFKA_HOST.matcher(host).matches()) {
          throw new DeployError("Kafka host must be specified in the format host:port, found: " + host,
              DeployError.VALIDATION_ERROR);
        }
        String[] parts = host.split(":");
        hosts.addArray().add(parts[0]).add(parts[1]); // the port stays a string, as in deploy
      }
    }
    return o;
  }

  private ObjectNode mergeEdges(ObjectNode state, Map<String, Edge> spec, ObjectNode jobs, ObjectNode triggers) {
    return mergeKeyed(state, spec, (o, e, s) -> {
      putTextOrNull(o, "condition_type", e.conditionType());
      // an unknown target becomes "" (deploy does not check; Lightning rejects it)
      JsonNode target = e.targetJob() == null ? null : idOf(jobs, e.targetJob());
      o.set("target_job_id", target != null ? target : text(""));
      o.set("enabled", e.enabled() != null ? bool(e.enabled())
          : s != null && s.has("enabled") ? s.get("enabled") : bool(true));
      putText(o, "condition_expression", e.conditionExpression());
      putText(o, "condition_label", e.conditionLabel());
      if (e.sourceJob() != null) setIfPresent(o, "source_job_id", idOf(jobs, e.sourceJob()));
      if (e.sourceTrigger() != null) setIfPresent(o, "source_trigger_id", idOf(triggers, e.sourceTrigger()));
    });
  }

  private static String credentialId(String key, ObjectNode credentials) {
    JsonNode c = present(credentials.get(key));
    if (c == null) {
      throw new DeployError("Could not find a credential with name: " + key, DeployError.VALIDATION_ERROR);
    }
    return c.path("id").asText();
  }

  private static JsonNode idOf(ObjectNode entities, String key) {
    JsonNode e = present(entities.get(key));
    JsonNode id = e == null ? null : e.get("id");
    return id == null || id.isNull() ? null : id;
  }

  /** splitZip's key order: the state's keys, then the spec's new keys, each in JS order. */
  private static List<String> unionKeys(ObjectNode state, Map<String, ?> spec) {
    LinkedHashSet<String> keys = new LinkedHashSet<>(JsObjects.keys(state));
    keys.addAll(JsObjects.keys(spec.keySet()));
    return new ArrayList<>(keys);
  }

  /** A state entry, or null when it is missing or falsy (as deploy's {@code !stateJob}). */
  private static JsonNode present(JsonNode n) {
    return JsObjects.truthy(n) ? n : null;
  }

  private ObjectNode deleteMarker(JsonNode state) {
    ObjectNode o = object();
    o.set("id", state.get("id"));
    o.put("delete", true);
    return o;
  }

  private static void putText(ObjectNode o, String key, String value) {
    if (value != null) o.put(key, value);
  }

  private static void putTextOrNull(ObjectNode o, String key, String value) {
    if (value != null) o.put(key, value);
    else o.putNull(key);
  }

  private static void setIfPresent(ObjectNode o, String key, JsonNode value) {
    if (value != null) o.set(key, value);
  }

  private static JsonNode text(String s) {
    return StateJson.MAPPER.getNodeFactory().textNode(s);
  }

  private static JsonNode bool(boolean b) {
    return StateJson.MAPPER.getNodeFactory().booleanNode(b);
  }

  private static ObjectNode object() {
    return StateJson.MAPPER.createObjectNode();
  }
}
