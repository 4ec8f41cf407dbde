package io.lightningop.spec.diff;

import io.lightningop.spec.diff.Change.Kind;
import io.lightningop.spec.diff.Change.Type;
import io.lightningop.spec.model.Channel;
import io.lightningop.spec.model.Collection;
import io.lightningop.spec.model.Credential;
import io.lightningop.spec.model.Edge;
import io.lightningop.spec.model.Job;
import io.lightningop.spec.model.KafkaConfiguration;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.model.Trigger;
import io.lightningop.spec.model.WebhookResponseConfig;
import io.lightningop.spec.model.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Structural difference between two versions of a project, matched by key as deploy matches
 * them: per workflow, job, trigger, edge, credential, collection and channel, what is created,
 * updated (with the changed fields) or deleted. A field left unset in {@code after} where deploy
 * would keep the deployed value ({@code enabled}) is not a change.
 */
public record ProjectDiff(List<Change> changes) {
  public ProjectDiff {
    changes = List.copyOf(changes);
  }

  /** {@code before} may be null: nothing deployed yet. */
  public static ProjectDiff between(Project before, Project after) {
    Project empty = new Project(null, null, Map.of(), Map.of(), Map.of(), Map.of());
    Project a = before == null ? empty : before;
    Project b = after == null ? empty : after;
    List<Change> out = new ArrayList<>();
    if (before != null && after != null) {
      List<FieldChange> fields = new ArrayList<>();
      field(fields, "name", a.name(), b.name());
      if (b.description() != null && !b.description().isEmpty()) {
        field(fields, "description", a.description(), b.description());
      }
      if (!fields.isEmpty()) out.add(new Change(Kind.PROJECT, Type.UPDATE, null, b.name(), fields));
    }
    entities(out, Kind.CREDENTIAL, null, a.credentials(), b.credentials(), ProjectDiff::credentialFields);
    entities(out, Kind.COLLECTION, null, a.collections(), b.collections(), ProjectDiff::collectionFields);
    entities(out, Kind.CHANNEL, null, a.channels(), b.channels(), ProjectDiff::channelFields);
    for (String key : union(a.workflows(), b.workflows())) {
      Workflow wa = a.workflows().get(key);
      Workflow wb = b.workflows().get(key);
      Workflow ea = wa == null ? new Workflow(key, null, Map.of(), Map.of(), Map.of()) : wa;
      Workflow eb = wb == null ? new Workflow(key, null, Map.of(), Map.of(), Map.of()) : wb;
      List<FieldChange> fields = new ArrayList<>();
      field(fields, "name", wa == null ? null : wa.name(), wb == null ? null : wb.name());
      if (wa == null) out.add(new Change(Kind.WORKFLOW, Type.CREATE, null, key, fields));
      else if (wb == null) out.add(new Change(Kind.WORKFLOW, Type.DELETE, null, key, fields));
      else if (!fields.isEmpty()) out.add(new Change(Kind.WORKFLOW, Type.UPDATE, null, key, fields));
      entities(out, Kind.JOB, key, ea.jobs(), eb.jobs(), ProjectDiff::jobFields);
      entities(out, Kind.TRIGGER, key, ea.triggers(), eb.triggers(), ProjectDiff::triggerFields);
      entities(out, Kind.EDGE, key, ea.edges(), eb.edges(), ProjectDiff::edgeFields);
    }
    return new ProjectDiff(out);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  public long count(Type type) {
    return changes.stream().filter(c -> c.type() == type).count();
  }

  public List<Change> of(Kind kind) {
    return changes.stream().filter(c -> c.kind() == kind).toList();
  }

  /** The field comparison of one entity type: (before or null, after or null) → changed fields. */
  private interface Fields<T> {
    List<FieldChange> compare(T before, T after);
  }

  private static <T> void entities(List<Change> out, Kind kind, String workflow,
      Map<String, T> before, Map<String, T> after, Fields<T> fields) {
    for (String key : union(before, after)) {
      T a = before.get(key);
      T b = after.get(key);
      List<FieldChange> changed = fields.compare(a, b);
      if (a == null) out.add(new Change(kind, Type.CREATE, workflow, key, changed));
      else if (b == null) out.add(new Change(kind, Type.DELETE, workflow, key, List.of()));
      else if (!changed.isEmpty()) out.add(new Change(kind, Type.UPDATE, workflow, key, changed));
    }
  }

  private static List<FieldChange> credentialFields(Credential a, Credential b) {
    return new Compare<>(a, b).field("name", Credential::name).field("owner", Credential::owner).changes;
  }

  private static List<FieldChange> collectionFields(Collection a, Collection b) {
    return new Compare<>(a, b).field("name", Collection::name).changes;
  }

  private static List<FieldChange> channelFields(Channel a, Channel b) {
    return new Compare<>(a, b).field("name", Channel::name).field("destination_url", Channel::destinationUrl)
        .kept("enabled", Channel::enabled).field("destination_credential", Channel::destinationCredential).changes;
  }

  private static List<FieldChange> jobFields(Job a, Job b) {
    return new Compare<>(a, b).field("name", Job::name).field("adaptor", Job::adaptor)
        .field("body", Job::bodyText).field("credential", Job::credential).changes;
  }

  private static List<FieldChange> triggerFields(Trigger a, Trigger b) {
    return new Compare<>(a, b).field("type", Trigger::type).kept("enabled", Trigger::enabled)
        .field("cron_expression", Trigger::cronExpression).field("cron_cursor_job", Trigger::cronCursorJob)
        .field("webhook_reply", Trigger::webhookReply)
        .field("webhook_response_config", t -> responseConfig(t.webhookResponseConfig()))
        .field("kafka_configuration", t -> kafka(t.kafkaConfiguration())).changes;
  }

  private static List<FieldChange> edgeFields(Edge a, Edge b) {
    return new Compare<>(a, b).field("source_trigger", Edge::sourceTrigger).field("source_job", Edge::sourceJob)
        .field("target_job", Edge::targetJob).field("condition_type", Edge::conditionType)
        .field("condition_expression", Edge::conditionExpression).field("condition_label", Edge::conditionLabel)
        .kept("enabled", Edge::enabled).changes;
  }

  /** Field-by-field comparison of two versions of an entity, either of which may be absent. */
  private static final class Compare<T> {
    private final T before;
    private final T after;
    final List<FieldChange> changes = new ArrayList<>();

    Compare(T before, T after) {
      this.before = before;
      this.after = after;
    }

    Compare<T> field(String name, Function<T, ?> get) {
      ProjectDiff.field(changes, name, before == null ? null : get.apply(before),
          after == null ? null : get.apply(after));
      return this;
    }

    /** A flag deploy keeps from the deployed side when the spec leaves it unset. */
    Compare<T> kept(String name, Function<T, Boolean> get) {
      Boolean was = before == null ? null : get.apply(before);
      Boolean now = after == null ? null : get.apply(after);
      if (now != null && (was == null ? !now : !was.equals(now))) changes.add(new FieldChange(name, was, now));
      return this;
    }
  }

  private static Map<String, Object> responseConfig(WebhookResponseConfig c) {
    if (c == null) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("success_code", c.successCode());
    m.put("error_code", c.errorCode());
    return m;
  }

  private static Map<String, Object> kafka(KafkaConfiguration k) {
    if (k == null) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hosts", k.hosts());
    m.put("topics", k.topics());
    m.put("initial_offset_reset_policy", k.initialOffsetResetPolicy());
    m.put("connect_timeout", k.connectTimeout());
    return m;
  }

  private static void field(List<FieldChange> out, String name, Object before, Object after) {
    if (!Objects.equals(before, after)) out.add(new FieldChange(name, before, after));
  }

  private static <T> List<String> union(Map<String, T> a, Map<String, T> b) {
    Set<String> keys = new LinkedHashSet<>(a.keySet());
    keys.addAll(b.keySet());
    return new ArrayList<>(keys);
  }
}
