package io.lightningop.runtime.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.runtime.js.ExecutionPlan;
import io.lightningop.runtime.js.PlanParser;
import io.lightningop.runtime.js.RunExecutor;
import io.lightningop.runtime.js.RunListener;
import io.lightningop.runtime.js.RunOptions;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The worker's executor: the runtime's GraalJS {@link RunExecutor} behind the protocol's
 * {@link PlanExecutor}. Converts the Lightning plan, resolves credentials through
 * {@code fetch:credential}, and maps the runtime's step and run results to Lightning's.
 */
public final class JsPlanExecutor implements PlanExecutor {

  private final RunExecutor executor;

  public JsPlanExecutor(RunExecutor executor) {
    this.executor = executor;
  }

  @Override
  public RunOutcome execute(ObjectNode plan, JsonNode initialState, Credentials credentials, Listener listener) {
    ExecutionPlan parsed;
    try {
      parsed = PlanParser.parse(plan);
    } catch (PlanParser.PlanException e) {
      return new RunOutcome("crash", "ValidationError", e.getMessage(), null, List.of());
    }
    JsonNode timeout = plan.path("options").path("run_timeout_ms");
    RunOptions options = RunOptions.defaults()
        .withStatePropsToRemove(RunOptions.WORKER_STATE_PROPS_TO_REMOVE)
        .withTimeouts(null, timeout.isNumber() ? timeout.asLong() : null)
        .withCredentialResolver(id -> {
          try {
            return credentials.load(id);
          } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
          }
        });
    Bridge bridge = new Bridge(listener);
    RunListener.RunResult result = executor.execute(parsed, initialState, options, bridge);
    JsonNode thrown = result.thrown();
    String message = thrown == null ? null : thrown.path("message").asText(null);
    if (!result.completed()) {
      bridge.abandonActive(new StepOutcome(result.reason(), result.errorType(), message));
      return new RunOutcome(result.reason(), result.errorType(), message, null, List.of());
    }
    return new RunOutcome(result.reason(), result.errorType(), message,
        result.result() == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : result.result(),
        bridge.leaves());
  }

  /** Runtime callbacks → protocol callbacks, remembering which step fed which. */
  private static final class Bridge implements RunListener {
    private final Listener listener;
    private final Map<String, String> upstreamOf = new HashMap<>();
    private final Set<String> completed = new java.util.LinkedHashSet<>();
    private final Set<String> fedOthers = new HashSet<>();
    private final Set<String> started = new HashSet<>();
    private volatile String active;

    Bridge(Listener listener) {
      this.listener = listener;
    }

    @Override
    public void onLog(LogLine line) {
      Instant at = Instant.ofEpochSecond(0, line.timeNanos());
      listener.log(active, line.source(), line.level(), line.message(), at);
    }

    @Override
    public void onStepStart(String stepId, String executionId) {
      String upstream = upstreamOf.get(stepId);
      if (upstream != null) fedOthers.add(upstream);
      started.add(stepId);
      active = stepId;
      listener.stepStarted(stepId, upstream, Instant.now());
    }

    @Override
    public void onStepComplete(StepResult r) {
      if (!started.contains(r.stepId())) return; // triggers are not steps on the wire
      for (String next : r.next()) upstreamOf.putIfAbsent(next, r.stepId());
      completed.add(r.stepId());
      JsonNode error = r.error();
      StepOutcome outcome = error == null ? StepOutcome.SUCCESS
          : new StepOutcome(r.status(), error.path("name").asText(null), error.path("message").asText(null));
      listener.stepCompleted(r.stepId(), outcome, r.state(), Instant.now());
      active = null;
    }

    /** A step still running when the run was aborted (timeout, edge error) gets its step:complete. */
    void abandonActive(StepOutcome outcome) {
      if (active != null) listener.stepCompleted(active, outcome, null, Instant.now());
      active = null;
    }

    /** Executed steps that fed no executed step. */
    List<String> leaves() {
      return completed.stream().filter(id -> !fedOthers.contains(id)).toList();
    }
  }
}
