package io.lightningop.operator.cli;

import io.lightningop.spec.diff.Change;
import io.lightningop.spec.diff.FieldChange;
import io.lightningop.spec.state.DeployError;
import io.lightningop.spec.validate.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The plan (or why there is none) as JSON-ready maps, for {@code plan --json}. */
final class PlanJson {
  private PlanJson() {}

  static Map<String, Object> of(PlanCommand.Plan plan) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ok", true);
    out.put("project", plan.project().name());
    out.put("spec", plan.projectYaml().toString());
    out.put("state", plan.statePath() == null ? null : plan.statePath().toString());
    out.put("project_id", plan.after().id().orElse(null));
    List<Map<String, Object>> changes = new ArrayList<>();
    for (Change c : plan.diff().changes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("action", c.type().name().toLowerCase(Locale.ROOT));
      m.put("kind", c.kind().word());
      m.put("workflow", c.workflow());
      m.put("key", c.key());
      m.put("id", PlanIds.of(plan, c));
      List<Map<String, Object>> fields = new ArrayList<>();
      for (FieldChange f : c.fields()) {
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("field", f.field());
        fm.put("before", f.before());
        fm.put("after", f.after());
        fields.add(fm);
      }
      m.put("fields", fields);
      changes.add(m);
    }
    out.put("changes", changes);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("create", plan.diff().count(Change.Type.CREATE));
    summary.put("update", plan.diff().count(Change.Type.UPDATE));
    summary.put("delete", plan.diff().count(Change.Type.DELETE));
    out.put("summary", summary);
    return out;
  }

  static Map<String, Object> problems(List<Problem> problems) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Problem p : problems) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", p.file());
      m.put("line", p.location().line());
      m.put("column", p.location().column());
      m.put("path", p.path());
      m.put("message", p.message());
      list.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ok", false);
    out.put("problems", list);
    return out;
  }

  static Map<String, Object> error(DeployError e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ok", false);
    out.put("error", Map.of("name", e.code(), "message", e.getMessage()));
    return out;
  }
}
