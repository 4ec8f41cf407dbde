package io.lightningop.runtime.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.runtime.js.ExecutionPlan;
import io.lightningop.runtime.js.PlanParser;
import io.lightningop.runtime.js.RunExecutor;
import io.lightningop.runtime.js.RunListener;
import io.lightningop.runtime.js.RunOptions;
import java.util.ArrayList;
import java.util.List;

/** Runs a case through the executor and records what happened in {@code expected.json}'s shape. */
public final class CaseRunner {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RunExecutor executor;

  public CaseRunner(RunExecutor executor) {
    this.executor = executor;
  }

  public JsonNode run(ConformanceCase c) {
    ExecutionPlan plan = PlanParser.parse(c.plan());
    RunOptions options = RunOptions.defaults().withScrubSecrets(false)
        .withImmutableState(c.runtimeOptions().path("immutableState").asBoolean(false));
    if (c.runtimeOptions().has("statePropsToRemove")) {
      List<String> props = new ArrayList<>();
      c.runtimeOptions().get("statePropsToRemove").forEach(p -> props.add(p.asText()));
      options = options.withStatePropsToRemove(props);
    }
    JsonNode inputBefore = c.input() == null ? null : c.input().deepCopy();
    ArrayNode logs = JSON.createArrayNode();
    List<ObjectNode> steps = new ArrayList<>();
    RunListener listener = new RunListener() {
      @Override
      public void onLog(LogLine line) {
        ObjectNode l = logs.addObject().put("source", line.source()).put("level", line.level());
        ArrayNode m = l.putArray("message");
        line.message().forEach(m::add);
      }

      @Override
      public void onStepStart(String stepId, String executionId) {
        ObjectNode s = JSON.createObjectNode().put("id", stepId).put("executionId", executionId).put("status", "started");
        s.putNull("state");
        s.putNull("error");
        s.putArray("next");
        steps.add(s);
      }

      @Override
      public void onStepComplete(StepResult r) {
        ObjectNode s = steps.get(steps.size() - 1);
        s.put("status", r.status());
        if (r.state() == null) {
          s.putNull("state");
          s.put("stateIsUndefined", true);
        } else {
          s.set("state", r.state());
        }
        s.set("error", r.error());
        ArrayNode next = s.putArray("next");
        r.next().forEach(next::add);
      }
    };
    RunListener.RunResult result = executor.execute(plan, c.input(), options, listener);
    ObjectNode out = JSON.createObjectNode();
    out.put("outcome", result.completed() ? "completed" : "threw");
    out.set("result", result.result());
    out.put("resultIsUndefined", result.completed() && result.result() == null);
    out.set("thrown", result.thrown());
    ArrayNode run = out.putArray("stepsRun");
    steps.forEach(s -> run.add(s.get("executionId")));
    ArrayNode stepArray = out.putArray("steps");
    steps.forEach(stepArray::add);
    out.set("logs", logs);
    out.put("inputMutated", inputBefore != null && !inputBefore.equals(c.input()));
    return Normalizer.normalize(out);
  }
}
