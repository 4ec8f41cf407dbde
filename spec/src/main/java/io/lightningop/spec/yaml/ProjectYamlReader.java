package io.lightningop.spec.yaml;

import static io.lightningop.spec.yaml.YamlContext.at;

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
import io.lightningop.spec.validate.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns a composed YAML tree into a {@link Project}, reporting shape problems (unknown keys,
 * wrong types, missing fields, unreadable body files) as it goes. Cross-references and value
 * rules are checked afterwards by {@code ProjectValidator}.
 */
final class ProjectYamlReader {
  // `globals` is emitted by Lightning's v1 exporter; deploy ignores it, so do we.
  static final Set<String> PROJECT_KEYS =
      known("name", "description", "credentials", "collections", "channels", "globals", "workflows");
  static final Set<String> WORKFLOW_KEYS = known("id", "name", "jobs", "triggers", "edges");
  // `enabled` appears on jobs in OpenFn's docs example; deploy ignores it.
  static final Set<String> JOB_KEYS =
      known("name", "adaptor", "body", "credential", "enabled", "globals");
  static final Set<String> BODY_KEYS = known("path");
  static final Set<String> TRIGGER_KEYS =
      known("type", "enabled", "cron_expression", "cron_cursor_job", "webhook_reply",
          "webhook_response_config", "kafka_configuration");
  static final Set<String> RESPONSE_CONFIG_KEYS = known("success_code", "error_code");
  static final Set<String> KAFKA_KEYS =
      known("hosts", "topics", "initial_offset_reset_policy", "connect_timeout");
  // `condition` is the docs example's spelling of `condition_type`; accepted as an alias.
  static final Set<String> EDGE_KEYS =
      known("source_trigger", "source_job", "target_job", "condition_type", "condition",
          "condition_expression", "condition_label", "enabled");
  static final Set<String> CREDENTIAL_KEYS = known("name", "owner");
  static final Set<String> COLLECTION_KEYS = known("name");
  static final Set<String> CHANNEL_KEYS =
      known("name", "destination_url", "enabled", "destination_credential");

  private final YamlContext ctx;

  ProjectYamlReader(YamlContext ctx) {
    this.ctx = ctx;
  }

  Project read(MappingNode root) {
    ctx.sources.value("", at(root));
    YamlMap top = new YamlMap(ctx, root, "", at(root), PROJECT_KEYS);
    String name = top.string("name", false);
    if (!top.has("name")) {
      ctx.problem(Location.START, "name", "required field is missing (a project must have a name)");
    } else if (name == null && top.isNull("name")) {
      ctx.problem(top.node("name"), "name", "must not be empty (a project must have a name)");
    }
    String description = top.string("description", false);
    Map<String, Credential> credentials = keyed(top, "credentials", this::credential);
    Map<String, Collection> collections = keyed(top, "collections", this::collection);
    Map<String, Channel> channels = keyed(top, "channels", this::channel);
    Map<String, Workflow> workflows;
    if (top.has("workflows") && top.isNull("workflows")) {
      ctx.problem(top.node("workflows"), "workflows", "project: must provide at least one workflow");
      workflows = Map.of();
    } else {
      workflows = keyed(top, "workflows", this::workflow);
    }
    return new Project(name, description, credentials, collections, channels, workflows);
  }

  private Workflow workflow(String key, YamlMap m) {
    String name = m.string("name", true);
    Map<String, Job> jobs;
    if (m.has("jobs") && m.isNull("jobs")) {
      ctx.problem(m.node("jobs"), m.childPath("jobs"), "jobs: must be a map");
      jobs = Map.of();
    } else {
      jobs = keyed(m, "jobs", this::job);
    }
    Map<String, Trigger> triggers = keyed(m, "triggers", this::trigger);
    Map<String, Edge> edges = keyed(m, "edges", this::edge);
    return new Workflow(key, name, jobs, triggers, edges);
  }

  private Job job(String key, YamlMap m) {
    String name = m.string("name", true);
    String adaptor = m.string("adaptor", false);
    m.bool("enabled");
    JobBody body = body(m);
    String credential = m.string("credential", false);
    return new Job(key, name, adaptor, body, credential, m.has("credential"));
  }

  private JobBody body(YamlMap job) {
    Node n = job.node("body");
    if (n == null) {
      job.missing("body", "inline code, or path: to a file");
      return null;
    }
    if (n instanceof ScalarNode s && s.getTag().equals(Tag.STR)) return JobBody.inline(s.getValue());
    if (n instanceof MappingNode) {
      YamlMap bodyMap = job.map("body", BODY_KEYS);
      String path = bodyMap.string("path", true);
      return path == null ? null : JobBody.file(path, readBodyFile(bodyMap.childPath("path"), bodyMap.node("path"), path));
    }
    job.wrongType("body", "inline code or {path: file}");
    return null;
  }

  /** Reads a body file relative to the project folder; it may not resolve outside that folder. */
  private String readBodyFile(String fieldPath, Node node, String relative) {
    if (relative.isBlank()) {
      ctx.problem(node, fieldPath, "path must name a file");
      return null;
    }
    Path base = ctx.baseDir.toAbsolutePath().normalize();
    Path file;
    try {
      file = base.resolve(relative).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      ctx.problem(node, fieldPath, "invalid path \"" + relative + "\": " + e.getReason());
      return null;
    }
    if (!file.startsWith(base)) {
      ctx.problem(node, fieldPath, "path \"" + relative + "\" escapes the project folder " + base);
      return null;
    }
    if (!Files.isRegularFile(file)) {
      ctx.problem(node, fieldPath, Files.exists(file)
          ? "path \"" + relative + "\" is not a file"
          : "file \"" + relative + "\" does not exist (looked for " + file + ")");
      return null;
    }
    try {
      // A symbolic link inside the folder may still point outside it.
      if (!file.toRealPath().startsWith(base.toRealPath())) {
        ctx.problem(node, fieldPath, "path \"" + relative + "\" escapes the project folder " + base);
        return null;
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      ctx.problem(node, fieldPath, "Failed to read file " + relative + ": " + e.getMessage());
      return null;
    }
  }

  private Trigger trigger(String key, YamlMap m) {
    String type = m.string("type", true);
    Boolean enabled = m.bool("enabled");
    String cron = m.string("cron_expression", false);
    String cursor = m.string("cron_cursor_job", false);
    String reply = m.string("webhook_reply", false);
    WebhookResponseConfig response = null;
    YamlMap rc = m.map("webhook_response_config", RESPONSE_CONFIG_KEYS);
    if (rc != null) response = new WebhookResponseConfig(rc.integer("success_code"), rc.integer("error_code"));
    KafkaConfiguration kafka = null;
    YamlMap k = m.map("kafka_configuration", KAFKA_KEYS);
    if (k != null) {
      kafka = new KafkaConfiguration(k.strings("hosts"), k.strings("topics"),
          k.string("initial_offset_reset_policy", false), k.integer("connect_timeout"));
    }
    return new Trigger(key, type, enabled, cron, cursor, reply, response, kafka);
  }

  private Edge edge(String key, YamlMap m) {
    String conditionType = m.string("condition_type", false);
    if (conditionType == null && m.has("condition") && !m.has("condition_type")) {
      conditionType = m.string("condition", false);
    } else if (m.has("condition") && m.has("condition_type")) {
      ctx.problem(m.keyLocation("condition"), m.childPath("condition"),
          "give condition_type only (condition is its older spelling)");
    }
    return new Edge(key,
        m.string("source_trigger", false),
        m.string("source_job", false),
        m.string("target_job", true),
        conditionType,
        m.coercedString("condition_expression"),
        m.string("condition_label", false),
        m.bool("enabled"));
  }

  private Credential credential(String key, YamlMap m) {
    return new Credential(key, m.string("name", true), m.string("owner", true));
  }

  private Collection collection(String key, YamlMap m) {
    return new Collection(key, m.string("name", true));
  }

  private Channel channel(String key, YamlMap m) {
    return new Channel(key, m.string("name", true), m.string("destination_url", true),
        m.bool("enabled"), m.string("destination_credential", false));
  }

  /**
   * A map of entities keyed by local key. Absent or null means empty (deploy's normalisation),
   * every value must itself be a map.
   */
  private <T> Map<String, T> keyed(YamlMap parent, String field, BiFunction<String, YamlMap, T> read) {
    Node n = parent.node(field);
    if (n == null || YamlMap.isNull(n)) return Map.of();
    if (!(n instanceof MappingNode)) {
      parent.wrongType(field, "a map of " + field + " by key");
      return Map.of();
    }
    YamlMap entries = parent.map(field, null);
    Map<String, T> out = new LinkedHashMap<>();
    for (String key : entries.keys()) {
      Node value = entries.node(key);
      if (!(value instanceof MappingNode)) {
        entries.wrongType(key, "a map");
        continue;
      }
      Set<String> known = knownKeys(field);
      YamlMap child = entries.map(key, known);
      out.put(key, read.apply(key, child));
    }
    return out;
  }

  private static Set<String> knownKeys(String field) {
    return switch (field) {
      case "workflows" -> WORKFLOW_KEYS;
      case "jobs" -> JOB_KEYS;
      case "triggers" -> TRIGGER_KEYS;
      case "edges" -> EDGE_KEYS;
      case "credentials" -> CREDENTIAL_KEYS;
      case "collections" -> COLLECTION_KEYS;
      case "channels" -> CHANNEL_KEYS;
      default -> throw new IllegalArgumentException(field);
    };
  }

  private static Set<String> known(String... keys) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
  }
}
