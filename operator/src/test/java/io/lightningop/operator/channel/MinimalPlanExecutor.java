package io.lightningop.operator.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.runtime.channel.PlanExecutor;
import io.lightningop.spec.worker.PhoenixFrame;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * A fast executor for the protocol tests, so they measure the wire and the state rather than the
 * job runtime (the full-loop test runs the real {@code JsPlanExecutor}): it walks
 * the plan's edges (always / on_job_success / on_job_failure / JS expressions, §5.8) and runs each
 * job body with the single operation {@code fn(state => state)} and {@code console.*} as JOB logs.
 * No adaptors, no async operations. Errors thrown by a job are captured in {@code state.errors}
 * (severity fail); a syntax error crashes the run.
 */
final class MinimalPlanExecutor implements PlanExecutor {

  private static final ObjectMapper JSON = PhoenixFrame.json();
  private static final String PRELUDE = """
      const __ops = [];
      function fn(f) { __ops.push(f); }
      const __say = (level) => (...args) => __log(level, JSON.stringify(args));
      globalThis.console = { log: __say('info'), info: __say('info'), warn: __say('warn'),
                             error: __say('error'), debug: __say('debug') };
      """;
  private static final String RUN_OPS = """
      (input) => { let s = JSON.parse(input); for (const op of __ops) { s = op(s); } return JSON.stringify(s); }
      """;

  private final Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();

  @Override
  public PlanExecutor.RunOutcome execute(ObjectNode plan, JsonNode initialState, PlanExecutor.Credentials credentials, PlanExecutor.Listener listener) {
    Map<String, JsonNode> jobs = new LinkedHashMap<>();
    plan.path("jobs").forEach(j -> jobs.put(j.path("id").asText(), j));
    Map<String, List<JsonNode>> outEdges = new HashMap<>();
    for (JsonNode e : plan.path("edges")) {
      if (!e.path("enabled").asBoolean(true)) continue;
      String source = e.hasNonNull("source_job_id") ? e.get("source_job_id").asText() : e.path("source_trigger_id").asText();
      outEdges.computeIfAbsent(source, k -> new ArrayList<>()).add(e);
    }
    String start = plan.path("starting_node_id").asText(null);
    if (start == null && plan.path("triggers").size() > 0) start = plan.path("triggers").get(0).path("id").asText();

    record Pending(String jobId, String upstream, JsonNode state) {}
    Deque<Pending> queue = new ArrayDeque<>();
    try {
      if (jobs.containsKey(start)) {
        queue.add(new Pending(start, null, initialState));
      } else {
        for (String target : firing(outEdges.get(start), start, initialState)) queue.add(new Pending(target, null, initialState));
      }
    } catch (EdgeError e) {
      return new PlanExecutor.RunOutcome("crash", "EdgeConditionError", e.getMessage(), null, List.of());
    }

    Map<String, JsonNode> outputs = new LinkedHashMap<>();
    Map<String, String> reasons = new HashMap<>();
    Set<String> nonLeaves = new LinkedHashSet<>();
    while (!queue.isEmpty()) {
      Pending p = queue.poll();
      if (outputs.containsKey(p.jobId())) continue;
      if (p.upstream() != null) nonLeaves.add(p.upstream());
      JsonNode job = jobs.get(p.jobId());
      listener.stepStarted(p.jobId(), p.upstream(), Instant.now());
      StepResult r = runJob(job, p.state(), credentials, listener);
      listener.stepCompleted(p.jobId(), r.outcome(), r.state(), Instant.now());
      if (!List.of("success", "fail").contains(r.outcome().reason())) {
        return new PlanExecutor.RunOutcome(r.outcome().reason(), r.outcome().errorType(), r.outcome().errorMessage(), null, List.of());
      }
      outputs.put(p.jobId(), r.state());
      reasons.put(p.jobId(), r.outcome().reason());
      try {
        for (String target : firing(outEdges.get(p.jobId()), p.jobId(), r.state())) {
          queue.add(new Pending(target, p.jobId(), r.state()));
        }
      } catch (EdgeError e) {
        return new PlanExecutor.RunOutcome("crash", "EdgeConditionError", e.getMessage(), null, List.of());
      }
    }
    List<String> leaves = outputs.keySet().stream().filter(id -> !nonLeaves.contains(id)).toList();
    boolean failed = leaves.stream().anyMatch(id -> "fail".equals(reasons.get(id)));
    JsonNode finalState;
    if (leaves.size() == 1) {
      finalState = outputs.get(leaves.get(0));
    } else {
      ObjectNode merged = JSON.createObjectNode();
      for (String id : leaves) {
        JsonNode s = outputs.get(id);
        boolean empty = s.isEmpty() || (s.size() == 1 && s.path("data").isObject() && s.path("data").isEmpty());
        if (!empty) merged.set(id, s);
      }
      finalState = merged;
    }
    return new PlanExecutor.RunOutcome(failed ? "fail" : "success", null, null, finalState, leaves);
  }

  private record StepResult(PlanExecutor.StepOutcome outcome, JsonNode state) {}

  private StepResult runJob(JsonNode job, JsonNode input, PlanExecutor.Credentials credentials, PlanExecutor.Listener listener) {
    String jobId = job.path("id").asText();
    ObjectNode state = input.isObject() ? ((ObjectNode) input).deepCopy() : JSON.createObjectNode();
    if (job.hasNonNull("credential_id")) {
      try {
        state.set("configuration", credentials.load(job.get("credential_id").asText()));
      } catch (Exception e) {
        return new StepResult(new PlanExecutor.StepOutcome("exception", "CredentialLoadError", e.getMessage()), null);
      }
    }
    try (Context ctx = Context.newBuilder("js").engine(engine).allowHostAccess(HostAccess.NONE).build()) {
      ctx.getBindings("js").putMember("__log", (ProxyExecutable) args -> {
        listener.log(jobId, "JOB", args[0].asString(), parseArgs(args[1].asString()), Instant.now());
        return null;
      });
      ctx.eval("js", PRELUDE);
      try {
        ctx.eval("js", job.path("body").asText(""));
      } catch (PolyglotException e) {
        if (e.isSyntaxError()) return new StepResult(new PlanExecutor.StepOutcome("crash", "CompileError", e.getMessage()), null);
        return failed(jobId, state, e);
      }
      try {
        Value out = ctx.eval("js", RUN_OPS).execute(JSON.writeValueAsString(state));
        ObjectNode result = out.isString() ? (ObjectNode) JSON.readTree(out.asString()) : JSON.createObjectNode();
        result.remove(List.of("configuration", "response"));
        return new StepResult(PlanExecutor.StepOutcome.SUCCESS, result);
      } catch (PolyglotException e) {
        return failed(jobId, state, e);
      }
    } catch (JsonProcessingException | ClassCastException e) {
      return new StepResult(new PlanExecutor.StepOutcome("crash", "RuntimeCrash", "state is not a JSON object: " + e.getMessage()), null);
    }
  }

  private static StepResult failed(String jobId, ObjectNode state, PolyglotException e) {
    String message = e.getMessage();
    state.remove(List.of("configuration", "response"));
    ObjectNode err = state.withObject("/errors").putObject(jobId);
    err.put("source", "runtime").put("name", "JobError").put("severity", "fail").put("message", message);
    return new StepResult(new PlanExecutor.StepOutcome("fail", "JobError", message), state);
  }

  private List<String> firing(List<JsonNode> edges, String sourceId, JsonNode state) throws EdgeError {
    List<String> targets = new ArrayList<>();
    if (edges == null) return targets;
    for (JsonNode e : edges) {
      String condition = e.path("condition").asText("always");
      boolean hasError = state.path("errors").has(sourceId);
      boolean fire = switch (condition) {
        case "always", "true", "" -> true;
        case "on_job_success", "on_upstream_success" -> !hasError;
        case "on_job_failure", "on_upstream_fail" -> hasError;
        default -> evaluate(condition, state);
      };
      if (fire) targets.add(e.path("target_job_id").asText());
    }
    return targets;
  }

  private boolean evaluate(String expression, JsonNode state) throws EdgeError {
    try (Context ctx = Context.newBuilder("js").engine(engine).allowHostAccess(HostAccess.NONE).build()) {
      Value f = ctx.eval("js", "(input) => { const state = JSON.parse(input); return !!(function(state){ return " + expression + "\n})(state); }");
      return f.execute(state.toString()).asBoolean();
    } catch (PolyglotException e) {
      throw new EdgeError("edge condition `" + expression + "` failed: " + e.getMessage());
    }
  }

  private static List<JsonNode> parseArgs(String json) {
    try {
      List<JsonNode> out = new ArrayList<>();
      JSON.readTree(json).forEach(out::add);
      return out;
    } catch (JsonProcessingException e) {
      return List.of(JSON.getNodeFactory().textNode(json));
    }
  }

  private static final class EdgeError extends Exception {
    EdgeError(String message) {
      super(message);
    }
  }
}
