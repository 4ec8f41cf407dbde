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
    List<FieldChange> f = new ArrayList<>();
    field(f, "name", get(a, Credential::name), get(b, Credential::name));
    field(f, "owner", get(a, Credential::owner), get(b, Credential::owner));
    return f;
  }

  private static List<FieldChange> collectionFields(Collection a, Collection b) {
    List<FieldChange> f = new ArrayList<>();
    field(f, "name", get(a, Collection::name), get(b, Collection::name));
    return f;
  }

  private static List<FieldChange> channelFields(Channel a, Channel b) {
    List<FieldChange> f = new ArrayList<>();
    field(f, "name", get(a, Channel::name), get(b, Channel::name));
    field(f, "destination_url", get(a, Channel::destinationUrl), get(b, Channel::destinationUrl));
    kept(f, "enabled", get(a, Channel::enabled), get(b, Channel::enabled));
    field(f, "destination_credential", get(a, Channel::destinationCredential), get(b, Channel::destinationCredential));
    return f;
  }

  private static List<FieldChange> jobFields(Job a, Job b) {
    List<FieldChange> f = new ArrayList<>();
    field(f, "name", get(a, Job::name), get(b, Job::name));
    field(f, "adaptor", get(a, Job::adaptor), get(b, Job::adaptor));
    field(f, "body", get(a, Job::bodyText), get(b, Job::bodyText));
    field(f, "credential", get(a, Job::credential), get(b, Job::credential));
    return f;
  }

  private static List<FieldChange> triggerFields(Trigger a, Trigger b) {
    List<FieldChange> f = new ArrayList<>();
    field(f, "type", get(a, Trigger::type), get(b, Trigger::type));
    kept(f, "enabled", get(a, Trigger::enabled), get(b, Trigger::enabled));
    field(f, "cron_expression", get(a, Trigger::cronExpression), get(b, Trigger::cronExpression));
    field(f, "cron_cursor_job", get(a, Trigger::cronCursorJob), get(b, Trigger::cronCursorJob));
    field(f, "webhook_reply", get(a, Trigger::webhookReply), get(b, Trigger::webhookReply));
    field(f, "webhook_response_config", responseConfig(get(a, Trigger::webhookResponseConfig)),
        responseConfig(get(b, Trigger::webhookResponseConfig)));
    field(f, "kafka_configuration", kafka(get(a, Trigger::kafkaConfiguration)), kafka(get(b, Trigger::kafkaConfiguration)));
    return f;
  }

  private static List<FieldChange> edgeFields(Edge a, Edge b) {
    List<FieldChange> f = new ArrayList<>();
    field(f, "source_trigger", get(a, Edge::sourceTrigger), get(b, Edge::sourceTrigger));
    field(f, "source_job", get(a, Edge::sourceJob), get(b, Edge::sourceJob));
    field(f, "target_job", get(a, Edge::targetJob), get(b, Edge::targetJob));
    field(f, "condition_type", get(a, Edge::conditionType), get(b, Edge::conditionType));
    field(f, "condition_expression", get(a, Edge::conditionExpression), get(b, Edge::conditionExpression));
    field(f, "condition_label", get(a, Edge::conditionLabel), get(b, Edge::conditionLabel));
    kept(f, "enabled", get(a, Edge::enabled), get(b, Edge::enabled));
    return f;
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

  private static <T, V> V get(T entity, Function<T, V> field) {
    return entity == null ? null : field.apply(entity);
  }

  private static void field(List<FieldChange> out, String name, Object before, Object after) {
    if (!Objects.equals(before, after)) out.add(new FieldChange(name, before, after));
  }

  /** A flag deploy keeps from the deployed side when the spec leaves it unset. */
  private static void kept(List<FieldChange> out, String name, Boolean before, Boolean after) {
    if (after == null) return;
    boolean was = before == null || before; // Lightning's default is enabled
    if (before == null ? !after : was != after) out.add(new FieldChange(name, before, after));
  }

  private static <T> List<String> union(Map<String, T> a, Map<String, T> b) {
    Set<String> keys = new LinkedHashSet<>(a.keySet());
    keys.addAll(b.keySet());
    return new ArrayList<>(keys);
  }
}
