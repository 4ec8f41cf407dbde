package io.lightningop.operator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightningop.spec.diff.Change;
import io.lightningop.spec.diff.FieldChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan for people, in deploy's words: "No changes to deploy." or "Changes:" followed by
 * {@code +} create, {@code ~} update and {@code -} delete lines grouped by workflow, with the
 * changed fields and the ids deploy would send.
 */
final class PlanText {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_VALUE = 60;
  private static final int MAX_DIFF_LINES = 12;

  private PlanText() {}

  static String of(PlanCommand.Plan plan) {
    StringBuilder out = new StringBuilder();
    out.append("Plan for project \"").append(plan.project().name()).append("\" from ").append(plan.projectYaml());
    if (plan.statePath() == null) {
      out.append(" (no --state: a new project)\n");
    } else {
      out.append(" against ").append(plan.statePath())
          .append(plan.before().id().map(id -> " (project " + id + ")").orElse("")).append('\n');
    }
    if (plan.diff().isEmpty()) {
      return out.append("No changes to deploy.\n").toString();
    }
    out.append("Changes:\n");
    Map<String, List<Change>> byWorkflow = new LinkedHashMap<>();
    List<Change> projectLevel = new ArrayList<>();
    for (Change c : plan.diff().changes()) {
      if (c.kind() == Change.Kind.WORKFLOW) byWorkflow.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(0, c);
      else if (c.workflow() != null) byWorkflow.computeIfAbsent(c.workflow(), k -> new ArrayList<>()).add(c);
      else projectLevel.add(c);
    }
    for (Change c : projectLevel) change(out, plan, c, "  ");
    for (Map.Entry<String, List<Change>> wf : byWorkflow.entrySet()) {
      List<Change> changes = wf.getValue();
      Change own = changes.get(0).kind() == Change.Kind.WORKFLOW ? changes.remove(0) : null;
      if (own != null) change(out, plan, own, "  ");
      else out.append("  workflow ").append(wf.getKey()).append('\n');
      for (Change c : changes) change(out, plan, c, "    ");
    }
    out.append(String.format("Plan: %d to create, %d to update, %d to delete.%n",
        plan.diff().count(Change.Type.CREATE), plan.diff().count(Change.Type.UPDATE),
        plan.diff().count(Change.Type.DELETE)));
    return out.toString();
  }

  private static void change(StringBuilder out, PlanCommand.Plan plan, Change c, String indent) {
    String mark = switch (c.type()) {
      case CREATE -> "+ ";
      case UPDATE -> "~ ";
      case DELETE -> "- ";
    };
    out.append(indent).append(mark).append(c.kind().word()).append(' ').append(c.key());
    String id = PlanIds.of(plan, c);
    if (id != null) out.append("  ").append(id);
    if (c.type() == Change.Type.DELETE) {
      out.append(c.kind() == Change.Kind.WORKFLOW || c.kind() == Change.Kind.PROJECT ? "" : "  (delete: true)");
    }
    out.append('\n');
    for (FieldChange f : c.fields()) {
      out.append(indent).append("    ").append(f.field()).append(": ");
      if (c.type() == Change.Type.CREATE) {
        out.append(value(f.after()));
      } else if (isMultiline(f.before()) || isMultiline(f.after())) {
        out.append("changed (").append(lines(f.before())).append(" → ").append(lines(f.after())).append(')');
        List<String> changed = LineDiff.changes((String) f.before(), (String) f.after());
        for (int i = 0; i < Math.min(changed.size(), MAX_DIFF_LINES); i++) {
          out.append('\n').append(indent).append("      ").append(changed.get(i));
        }
        if (changed.size() > MAX_DIFF_LINES) {
          out.append('\n').append(indent).append("      … ").append(changed.size() - MAX_DIFF_LINES).append(" more changed lines");
        }
      } else {
        out.append(value(f.before())).append(" → ").append(value(f.after()));
      }
      out.append('\n');
    }
  }

  private static boolean isMultiline(Object v) {
    return v instanceof String s && s.contains("\n");
  }

  private static String lines(Object v) {
    if (v == null) return "unset";
    long n = ((String) v).lines().count();
    return n + (n == 1 ? " line" : " lines");
  }

  private static String value(Object v) {
    if (v == null) return "unset";
    if (isMultiline(v)) return lines(v);
    String text;
    try {
      text = JSON.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      text = String.valueOf(v);
    }
    return text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE - 1) + "…" : text;
  }
}
