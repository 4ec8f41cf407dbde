package io.lightningop.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The v1 {@code project.yaml} Lightning's {@code GET /api/provision/yaml} emits (spec §1.10):
 * keyed maps, keys from hyphenated names, {@code body} as a block scalar, {@code adaptor} and
 * {@code cron_expression} single-quoted, empty values as {@code # key:} comments.
 */
final class ProvisionYaml {
  private ProvisionYaml() {}

  static String write(JsonNode project) {
    StringBuilder y = new StringBuilder();
    y.append("name: ").append(scalar(project.path("name").asText())).append('\n');
    line(y, "", "description", project.path("description"));
    Map<String, String> credentialKeys = new HashMap<>();
    if (project.path("project_credentials").isEmpty()) {
      y.append("# credentials:\n");
    } else {
      y.append("credentials:\n");
      for (JsonNode c : project.path("project_credentials")) {
        String key = hyphenate(c.path("owner").asText() + " " + c.path("name").asText());
        credentialKeys.put(c.path("id").asText(), key);
        y.append("  ").append(scalar(key)).append(":\n");
        y.append("    name: ").append(scalar(c.path("name").asText())).append('\n');
        y.append("    owner: ").append(scalar(c.path("owner").asText())).append('\n');
      }
    }
    y.append("# globals:\n");
    y.append("workflows:\n");
    for (JsonNode w : project.path("workflows")) {
      Map<String, String> names = new HashMap<>();
      w.path("jobs").forEach(j -> names.put(j.path("id").asText(), hyphenate(j.path("name").asText())));
      w.path("triggers").forEach(t -> names.put(t.path("id").asText(), t.path("type").asText()));
      y.append("  ").append(scalar(hyphenate(w.path("name").asText()))).append(":\n");
      y.append("    name: ").append(scalar(w.path("name").asText())).append('\n');
      y.append("    jobs:\n");
      for (JsonNode j : w.path("jobs")) {
        y.append("      ").append(scalar(hyphenate(j.path("name").asText()))).append(":\n");
        y.append("        name: ").append(scalar(j.path("name").asText())).append('\n');
        y.append("        adaptor: '").append(j.path("adaptor").asText().replace("'", "''")).append("'\n");
        String cred = credentialKeys.get(j.path("project_credential_id").asText());
        if (cred == null) y.append("        # credential:\n"); else y.append("        credential: ").append(scalar(cred)).append('\n');
        y.append("        # globals:\n");
        y.append("        body: |\n");
        for (String l : j.path("body").asText().split("\n", -1)) {
          if (!l.isEmpty()) y.append("          ").append(l);
          y.append('\n');
        }
        trimBlankTail(y);
      }
      y.append("    triggers:\n");
      for (JsonNode t : w.path("triggers")) {
        y.append("      ").append(t.path("type").asText()).append(":\n");
        y.append("        type: ").append(t.path("type").asText()).append('\n');
        if (t.hasNonNull("cron_expression")) {
          y.append("        cron_expression: '").append(t.path("cron_expression").asText()).append("'\n");
        }
        y.append("        enabled: ").append(t.path("enabled").asBoolean()).append('\n');
      }
      y.append("    edges:\n");
      for (JsonNode e : w.path("edges")) {
        boolean fromTrigger = e.hasNonNull("source_trigger_id");
        String source = names.get(e.path(fromTrigger ? "source_trigger_id" : "source_job_id").asText());
        String target = names.get(e.path("target_job_id").asText());
        y.append("      ").append(scalar(hyphenate(source + "->" + target))).append(":\n");
        y.append("        ").append(fromTrigger ? "source_trigger: " : "source_job: ").append(scalar(source)).append('\n');
        y.append("        target_job: ").append(scalar(target)).append('\n');
        y.append("        condition_type: ").append(e.path("condition_type").asText()).append('\n');
        if ("js_expression".equals(e.path("condition_type").asText())) {
          y.append("        condition_label: ").append(scalar(e.path("condition_label").asText())).append('\n');
          y.append("        condition_expression: |\n          ").append(e.path("condition_expression").asText().replace("\n", "\n          ")).append('\n');
        }
        y.append("        enabled: ").append(e.path("enabled").asBoolean(true)).append('\n');
      }
    }
    return y.toString();
  }

  private static void line(StringBuilder y, String indent, String key, JsonNode value) {
    if (value == null || value.isNull() || value.asText().isEmpty()) y.append(indent).append("# ").append(key).append(":\n");
    else y.append(indent).append(key).append(": ").append(scalar(value.asText())).append('\n');
  }

  private static void trimBlankTail(StringBuilder y) {
    while (y.length() > 1 && y.charAt(y.length() - 1) == '\n' && y.charAt(y.length() - 2) == '\n') y.setLength(y.length() - 1);
  }

  private static String hyphenate(String s) {
    return s.replace(" ", "-");
  }

  /** Plain when YAML reads it back as the same string, else double-quoted JSON-style. */
  private static String scalar(String s) {
    if (s.matches("[A-Za-z0-9_@./][A-Za-z0-9_@./ >-]*") && !s.endsWith(" ") && !s.matches("(?i)true|false|null|yes|no|on|off|~|[0-9.]+")) {
      return s;
    }
    try {
      return Responses.JSON.writeValueAsString(s);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
