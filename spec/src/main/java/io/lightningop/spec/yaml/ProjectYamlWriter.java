package io.lightningop.spec.yaml;

import io.lightningop.spec.model.Channel;
import io.lightningop.spec.model.Collection;
import io.lightningop.spec.model.Credential;
import io.lightningop.spec.model.Edge;
import io.lightningop.spec.model.Job;
import io.lightningop.spec.model.KafkaConfiguration;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.model.Trigger;
import io.lightningop.spec.model.Workflow;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes a project as v1 {@code project.yaml} in the layout of Lightning's exporter
 * (lightning-protocols §1.10): fixed key order, job bodies as {@code |} block scalars (or
 * {@code path:} when read from a file), adaptors and cron expressions single-quoted, unset values
 * as {@code # key:} comment lines. Reading the output gives back the same project.
 */
public final class ProjectYamlWriter {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9 _./@>()+,'=-]*");
  // the reader's own resolver decides whether plain text would read back as text
  private static final Resolver RESOLVER = new Resolver();
  // and what OpenFn's YAML 1.2 parser would read as a number where YAML 1.1 reads text
  private static final Pattern YAML12_NUMBER = Pattern.compile(
      "[-+]?(0o[0-7]+|0x[0-9a-fA-F]+|[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?|\\.[0-9]+([eE][-+]?[0-9]+)?)");

  private final StringBuilder out = new StringBuilder();

  private ProjectYamlWriter() {}

  public static String write(Project p) {
    ProjectYamlWriter w = new ProjectYamlWriter();
    w.project(p);
    return w.out.toString();
  }

  private void project(Project p) {
    scalar(0, "name", p.name());
    scalar(0, "description", p.description());
    if (!p.credentials().isEmpty()) {
      line(0, "credentials:");
      for (Credential c : p.credentials().values()) {
        key(1, c.key());
        scalar(2, "name", c.name());
        scalar(2, "owner", c.owner());
      }
    }
    if (!p.collections().isEmpty()) {
      line(0, "collections:");
      for (Collection c : p.collections().values()) {
        key(1, c.key());
        scalar(2, "name", c.name());
      }
    }
    if (!p.channels().isEmpty()) {
      line(0, "channels:");
      for (Channel c : p.channels().values()) {
        key(1, c.key());
        scalar(2, "name", c.name());
        scalar(2, "destination_url", c.destinationUrl());
        bool(2, "enabled", c.enabled());
        scalar(2, "destination_credential", c.destinationCredential());
      }
    }
    line(0, "# globals:");
    line(0, p.workflows().isEmpty() ? "workflows: {}" : "workflows:");
    for (Workflow w : p.workflows().values()) workflow(w);
  }

  private void workflow(Workflow w) {
    key(1, w.key());
    scalar(2, "name", w.name());
    line(2, w.jobs().isEmpty() ? "jobs: {}" : "jobs:");
    for (Job j : w.jobs().values()) {
      key(3, j.key());
      scalar(4, "name", j.name());
      quoted(4, "adaptor", j.adaptor());
      if (j.credential() != null) scalar(4, "credential", j.credential());
      else line(4, j.credentialGiven() ? "credential: null" : "# credential:");
      line(4, "# globals:");
      body(4, j);
    }
    if (!w.triggers().isEmpty()) {
      line(2, "triggers:");
      for (Trigger t : w.triggers().values()) trigger(t);
    }
    if (!w.edges().isEmpty()) {
      line(2, "edges:");
      for (Edge e : w.edges().values()) {
        key(3, e.key());
        if (e.sourceTrigger() != null) scalar(4, "source_trigger", e.sourceTrigger());
        if (e.sourceJob() != null) scalar(4, "source_job", e.sourceJob());
        scalar(4, "target_job", e.targetJob());
        scalar(4, "condition_type", e.conditionType());
        if (e.conditionLabel() != null) scalar(4, "condition_label", e.conditionLabel());
        if (e.conditionExpression() != null) block(4, "condition_expression", e.conditionExpression());
        bool(4, "enabled", e.enabled());
      }
    }
  }

  private void trigger(Trigger t) {
    key(3, t.key());
    scalar(4, "type", t.type());
    if (t.cronExpression() != null || Trigger.CRON.equals(t.type())) quoted(4, "cron_expression", t.cronExpression());
    if (t.cronCursorJob() != null) scalar(4, "cron_cursor_job", t.cronCursorJob());
    if (t.webhookReply() != null) scalar(4, "webhook_reply", t.webhookReply());
    if (t.webhookResponseConfig() != null) {
      line(4, "webhook_response_config:");
      number(5, "success_code", t.webhookResponseConfig().successCode());
      number(5, "error_code", t.webhookResponseConfig().errorCode());
    }
    KafkaConfiguration k = t.kafkaConfiguration();
    if (k != null) {
      line(4, "kafka_configuration:");
      list(5, "hosts", k.hosts());
      list(5, "topics", k.topics());
      scalar(5, "initial_offset_reset_policy", k.initialOffsetResetPolicy());
      number(5, "connect_timeout", k.connectTimeout());
    }
    bool(4, "enabled", t.enabled());
  }

  private void body(int depth, Job j) {
    if (j.body() == null) {
      line(depth, "# body:");
    } else if (j.body().fromFile()) {
      line(depth, "body:");
      scalar(depth + 1, "path", j.body().path());
    } else {
      block(depth, "body", j.bodyText());
    }
  }

  /** A {@code |} block scalar, with the chomping and indentation indicators the text needs. */
  private void block(int depth, String key, String text) {
    if (text.isEmpty() || !text.contains("\n") && !text.endsWith(" ") && isPrintable(text)) {
      scalar(depth, key, text);
      return;
    }
    if (!isPrintable(text) || text.contains("\r") || text.isBlank()) {
      line(depth, key + ": " + doubleQuoted(text));
      return;
    }
    String chomp = !text.endsWith("\n") ? "-" : text.endsWith("\n\n") ? "+" : "";
    // an explicit indentation when the first line would mislead YAML's indentation detection
    String first = text.substring(0, text.indexOf('\n') < 0 ? text.length() : text.indexOf('\n'));
    String indicator = first.isBlank() || first.startsWith(" ") ? "2" : "";
    line(depth, key + ": |" + indicator + chomp);
    String indent = "  ".repeat(depth + 1);
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    for (String l : body.split("\n", -1)) {
      out.append(l.isEmpty() ? "" : indent + l).append('\n');
    }
  }

  private void scalar(int depth, String key, String value) {
    if (value == null) line(depth, "# " + key + ":");
    else line(depth, key + ": " + text(value));
  }

  private void quoted(int depth, String key, String value) {
    if (value == null) line(depth, "# " + key + ":");
    else line(depth, key + ": " + (isPrintable(value) && !value.contains("\n") ? singleQuoted(value) : doubleQuoted(value)));
  }

  private void bool(int depth, String key, Boolean value) {
    if (value != null) line(depth, key + ": " + value);
  }

  private void number(int depth, String key, Integer value) {
    line(depth, key + ": " + (value == null ? "null" : value.toString()));
  }

  private void list(int depth, String key, List<String> values) {
    if (values == null) return;
    if (values.isEmpty()) {
      line(depth, key + ": []");
      return;
    }
    line(depth, key + ":");
    for (String v : values) line(depth, "- " + text(v));
  }

  private void key(int depth, String key) {
    line(depth, text(key) + ":");
  }

  private void line(int depth, String s) {
    out.append("  ".repeat(depth)).append(s).append('\n');
  }

  /** Plain when YAML reads it back as the same text, else quoted. */
  static String text(String s) {
    boolean plain = PLAIN.matcher(s).matches()
        && RESOLVER.resolve(NodeId.scalar, s, true).equals(Tag.STR) && !YAML12_NUMBER.matcher(s).matches()
        && !s.endsWith(" ") && !s.contains(" #") && !s.contains(": ");
    if (plain) return s;
    return isPrintable(s) && !s.contains("\n") ? singleQuoted(s) : doubleQuoted(s);
  }

  private static String singleQuoted(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String doubleQuoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0xFEFF || (c >= 0xD800 && c <= 0xDFFF)
              || c == 0xFFFE || c == 0xFFFF || c == 0x2028 || c == 0x2029) {
            b.append(String.format("\\u%04x", c));
          } else {
            b.appendCodePoint(c);
          }
        }
      }
    });
    return b.append('"').toString();
  }

  /**
   * Characters a YAML block or single-quoted scalar may hold as they are (YAML 1.1 also breaks
   * lines at U+0085, U+2028 and U+2029, so those are escaped too).
   */
  private static boolean isPrintable(String s) {
    return s.codePoints().allMatch(c -> c == '\n' || c == '\t'
        || (c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0) && c != 0xFEFF
            && !(c >= 0xD800 && c <= 0xDFFF) && c != 0xFFFE && c != 0xFFFF && c != 0x2028 && c != 0x2029));
  }
}
