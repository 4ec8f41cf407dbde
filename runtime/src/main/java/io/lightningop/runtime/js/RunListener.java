package io.lightningop.runtime.js;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Receives a run's lifecycle in order, on the executing thread: logs interleaved with step
 * start/complete, then the run's end. This is what the worker turns into Lightning's
 * {@code run:log}, {@code step:start}, {@code step:complete} and {@code run:complete}.
 */
public interface RunListener {
  default void onLog(LogLine line) {}

  /** A step (not a trigger) starts; {@code executionId} is {@code id}, {@code id-1}, ... */
  default void onStepStart(String stepId, String executionId) {}

  /** A step ended, successfully or with an error (not reported for timeouts and edge errors). */
  default void onStepComplete(StepResult result) {}

  default void onRunComplete(RunResult result) {}

  /** One log line: {@code source} is R/T, JOB or ADA; {@code message} the sanitized arguments. */
  record LogLine(String source, String level, List<JsonNode> message, long timeNanos) {
    public LogLine {
      message = List.copyOf(message);
    }
  }

  /**
   * @param status success, fail, crash or kill
   * @param state the step output after clean-up (what the next step receives); null when undefined
   * @param error the error as reported ({@code name, message, severity, source, ...}), or null
   * @param next the step ids the runtime runs next
   */
  record StepResult(String stepId, String executionId, String status, JsonNode state, JsonNode error,
                    List<String> next, long durationMs) {
    public StepResult {
      next = List.copyOf(next);
    }
  }

  /**
   * @param completed true when the run resolved, false when it threw
   * @param result the final state (one leaf) or {@code {stepId: state}} (several); null when undefined
   * @param thrown the error that aborted the run, or null
   * @param reason Lightning's exit reason: success, fail, crash, kill or exception
   * @param errorType the error name behind a non-success reason, or null
   */
  record RunResult(boolean completed, JsonNode result, JsonNode thrown, String reason, String errorType,
                   List<StepResult> steps) {
    public RunResult {
      steps = List.copyOf(steps);
    }
  }
}
