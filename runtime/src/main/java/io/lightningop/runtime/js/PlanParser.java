package io.lightningop.runtime.js;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a plan from JSON: either the runtime's shape ({@code {id, workflow: {steps}, options}},
 * as in the conformance corpus) or Lightning's {@code fetch:plan} reply ({@code {id, jobs,
 * triggers, edges, starting_node_id, options}}), converted as the OpenFn worker does.
 */
public final class PlanParser {
  private PlanParser() {}

  /** Thrown for a plan that cannot be read; the message names the field. */
  public static final class PlanException extends RuntimeException {
    public PlanException(String message) { super(message); }
  }

  public static ExecutionPlan parse(JsonNode plan) {
    if (plan == null || !plan.isObject()) throw new PlanException("plan: expected a JSON object");
    return plan.has("jobs") ? fromLightning(plan) : fromRuntime(plan);
  }

  private static ExecutionPlan fromRuntime(JsonNode plan) {
    JsonNode wf = plan.path("workflow");
    if (!wf.path("steps").isArray()) throw new PlanException("workflow.steps: expected an array");
    List<ExecutionPlan.Step> steps = new ArrayList<>();
    int auto = 0;
    int i = 0;
    for (JsonNode s : wf.path("steps")) {
      String where = "workflow.steps[" + i++ + "]";
      if (!s.isObject()) throw new PlanException(where + ": expected an object");
      String id = text(s, "id");
      if (id == null) id = "job-" + (++auto);
      List<String> adaptors = new ArrayList<>();
      s.path("adaptors").forEach(a -> adaptors.add(a.asText()));
      Object configuration = s.path("configuration").isTextual() ? s.get("configuration").asText()
          : s.path("configuration").isObject() ? s.get("configuration") : null;
      JsonNode state = s.path("state").isObject() ? s.get("state") : null;
      steps.add(new ExecutionPlan.Step(id, text(s, "name"), text(s, "expression"), adaptors,
          configuration, state, edges(s.get("next"), where + ".next")));
    }
    JsonNode opts = plan.path("options");
    return new ExecutionPlan(text(plan, "id"), text(wf, "name"),
        text(opts, "start") != null ? text(opts, "start") : text(wf, "start"),
        text(opts, "end"), opts.path("timeout").isNumber() ? opts.get("timeout").asLong() : null,
        wf.path("credentials").isObject() ? wf.get("credentials") : null, text(wf, "globals"), steps);
  }

  private static Map<String, ExecutionPlan.Edge> edges(JsonNode next, String where) {
    Map<String, ExecutionPlan.Edge> out = new LinkedHashMap<>();
    if (next == null || next.isNull()) return out;
    if (next.isTextual()) {
      out.put(next.asText(), new ExecutionPlan.Always(true));
      return out;
    }
    if (!next.isObject()) throw new PlanException(where + ": expected a step id or an object of edges");
    next.properties().forEach(e -> {
      JsonNode v = e.getValue();
      if (v.isBoolean()) out.put(e.getKey(), new ExecutionPlan.Always(v.asBoolean()));
      else if (v.isTextual()) out.put(e.getKey(), new ExecutionPlan.Conditional(v.asText(), false, null));
      else if (v.isObject()) out.put(e.getKey(), new ExecutionPlan.Conditional(text(v, "condition"),
          v.path("disabled").asBoolean(false), text(v, "label")));
      else if (v.isNull()) out.put(e.getKey(), new ExecutionPlan.Always(false));
      else throw new PlanException(where + "." + e.getKey() + ": expected true/false, a condition or an edge object");
    });
    return out;
  }

  private static ExecutionPlan fromLightning(JsonNode plan) {
    Map<String, Map<String, ExecutionPlan.Edge>> edges = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode e : plan.path("edges")) {
      String where = "edges[" + i++ + "]";
      String source = text(e, "source_job_id") != null ? text(e, "source_job_id") : text(e, "source_trigger_id");
      String target = text(e, "target_job_id");
      if (source == null || target == null) throw new PlanException(where + ": needs a source and target_job_id");
      boolean fromTrigger = text(e, "source_job_id") == null;
      boolean enabled = e.path("enabled").asBoolean(true);
      String condition = text(e, "condition");
      ExecutionPlan.Edge edge;
      if (fromTrigger) {
        if (!enabled) continue;
        edge = condition == null || condition.equals("always") ? new ExecutionPlan.Always(true)
            : new ExecutionPlan.Conditional(condition, false, null);
      } else if (!enabled) {
        edge = new ExecutionPlan.Conditional(condition, true, null);
      } else {
        edge = condition == null ? new ExecutionPlan.Always(true) : new ExecutionPlan.Conditional(condition, false, null);
      }
      edges.computeIfAbsent(source, k -> new LinkedHashMap<>()).put(target, edge);
    }
    List<ExecutionPlan.Step> steps = new ArrayList<>();
    for (JsonNode t : plan.path("triggers")) {
      String id = text(t, "id");
      steps.add(new ExecutionPlan.Step(id, null, null, List.of(), null, null, edges.getOrDefault(id, Map.of())));
    }
    i = 0;
    for (JsonNode j : plan.path("jobs")) {
      String id = text(j, "id");
      if (id == null) throw new PlanException("jobs[" + i + "].id: missing");
      i++;
      List<String> adaptors = text(j, "adaptor") != null ? List.of(text(j, "adaptor")) : List.of();
      steps.add(new ExecutionPlan.Step(id, text(j, "name"), text(j, "body") == null ? "" : text(j, "body"),
          adaptors, text(j, "credential_id"), null, edges.getOrDefault(id, Map.of())));
    }
    // options.run_timeout_ms is a run option: see RunOptions.forLightning
    return new ExecutionPlan(text(plan, "id"), text(plan, "name"), text(plan, "starting_node_id"), null,
        null, null, text(plan, "globals"), steps);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
