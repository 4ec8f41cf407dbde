package io.lightningop.runtime.js;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;

/**
 * Per-run options.
 *
 * @param stepTimeoutMs per-step timeout when the plan sets none (the CLI uses 5 minutes); null = none
 * @param runTimeoutMs whole-run timeout (the worker's {@code run_timeout_ms}); null = none
 * @param statePropsToRemove keys removed from every step's output; null = {@code ["configuration"]}
 *     (the runtime's default; the worker passes {@code ["configuration", "response"]})
 * @param immutableState give every operation a deep copy of the state
 * @param stateLimitMb a step output larger than this fails the run (kill)
 * @param scrubSecrets replace credential values by {@code ****} in every log line (the worker);
 *     off reproduces the OpenFn logger exactly (the conformance oracle)
 * @param resolveCredential resolves a step's credential id to its body (the worker's fetch:credential)
 */
public record RunOptions(Long stepTimeoutMs, Long runTimeoutMs, List<String> statePropsToRemove,
                         boolean immutableState, double stateLimitMb, boolean scrubSecrets,
                         Function<String, JsonNode> resolveCredential) {
  public static final List<String> WORKER_STATE_PROPS_TO_REMOVE = List.of("configuration", "response");

  public RunOptions {
    statePropsToRemove = statePropsToRemove == null ? List.of("configuration") : List.copyOf(statePropsToRemove);
  }

  /**
   * What the OpenFn worker uses for a Lightning run: the plan's {@code options} object of
   * {@code fetch:plan} ({@code run_timeout_ms}), {@code statePropsToRemove = [configuration,
   * response]}, secrets scrubbed, credentials resolved by {@code resolveCredential}.
   */
  public static RunOptions forLightning(JsonNode planOptions, Function<String, JsonNode> resolveCredential) {
    JsonNode t = planOptions == null ? null : planOptions.get("run_timeout_ms");
    Long runTimeout = t != null && t.canConvertToLong() && t.asLong() > 0 ? t.asLong() : null;
    return new RunOptions(null, runTimeout, WORKER_STATE_PROPS_TO_REMOVE, false, 500, true, resolveCredential);
  }

  public static RunOptions defaults() {
    return new RunOptions(null, null, null, false, 500, true, null);
  }

  public RunOptions withStatePropsToRemove(List<String> props) {
    return new RunOptions(stepTimeoutMs, runTimeoutMs, props, immutableState, stateLimitMb, scrubSecrets, resolveCredential);
  }

  public RunOptions withImmutableState(boolean on) {
    return new RunOptions(stepTimeoutMs, runTimeoutMs, statePropsToRemove, on, stateLimitMb, scrubSecrets, resolveCredential);
  }

  public RunOptions withScrubSecrets(boolean on) {
    return new RunOptions(stepTimeoutMs, runTimeoutMs, statePropsToRemove, immutableState, stateLimitMb, on, resolveCredential);
  }

  public RunOptions withTimeouts(Long stepMs, Long runMs) {
    return new RunOptions(stepMs, runMs, statePropsToRemove, immutableState, stateLimitMb, scrubSecrets, resolveCredential);
  }

  public RunOptions withCredentialResolver(Function<String, JsonNode> resolver) {
    return new RunOptions(stepTimeoutMs, runTimeoutMs, statePropsToRemove, immutableState, stateLimitMb, scrubSecrets, resolver);
  }
}
