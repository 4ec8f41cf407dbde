package io.lightningop.runtime.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * What the worker protocol needs from an executor: run a Lightning plan (§4.6) from an initial
 * state, report steps and logs in order, and return how the run ended. The protocol code only
 * sees this interface, so the executor behind it can change without touching the wire.
 */
public interface PlanExecutor {

  /**
   * Runs the plan to its end (blocking). Must not throw for job failures: those are outcomes.
   *
   * @param plan the plan exactly as {@code fetch:plan} returned it
   */
  RunOutcome execute(ObjectNode plan, JsonNode initialState, Credentials credentials, Listener listener)
      throws InterruptedException;

  /** Loads a credential body by id; failures become a CredentialLoadError. */
  @FunctionalInterface
  interface Credentials {
    JsonNode load(String credentialId) throws Exception;
  }

  /** Called from the executing thread, in execution order. */
  interface Listener {
    /** @param upstreamJobId the job whose output is this step's input, null for the start */
    void stepStarted(String jobId, String upstreamJobId, Instant at);

    /** @param jobId the active job, null for run-level lines */
    void log(String jobId, String source, String level, List<JsonNode> message, Instant at);

    /** @param outputState null when the step produced none (crash before output) */
    void stepCompleted(String jobId, StepOutcome outcome, JsonNode outputState, Instant at);
  }

  /** How one step ended: reason is success | fail | crash | kill | exception. */
  record StepOutcome(String reason, String errorType, String errorMessage) {
    public static final StepOutcome SUCCESS = new StepOutcome("success", null, null);
  }

  /**
   * How the run ended. {@code finalState} is null on the error path (crash/kill/exception), as
   * the worker then sends no final state; {@code leafJobIds} are the executed steps with no
   * executed downstream step.
   */
  record RunOutcome(String reason, String errorType, String errorMessage, JsonNode finalState,
      List<String> leafJobIds) {}
}
