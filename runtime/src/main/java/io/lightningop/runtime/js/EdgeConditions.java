package io.lightningop.runtime.js;

import java.util.HashMap;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * Compiles and evaluates a run's edge conditions in their own sandboxed Context (upstream: a
 * separate vm context with only {@code console}). Named conditions are rewritten first.
 */
final class EdgeConditions implements AutoCloseable {
  private static final Map<String, String> NAMED = Map.of(
      "always", "true",
      "on_job_success", "Boolean(!state?.errors?.[upstreamStepId] ?? true)",
      "on_upstream_success", "Boolean(!state?.errors?.[upstreamStepId] ?? true)",
      "on_job_failure", "Boolean(state?.errors && state.errors[upstreamStepId])",
      "on_upstream_fail", "Boolean(state?.errors && state.errors[upstreamStepId])");

  private final JsEngine engine;
  private final Map<String, Value> compiled = new HashMap<>();
  private Context context;
  private Value call;

  EdgeConditions(JsEngine engine) {
    this.engine = engine;
  }

  /** An edge condition that failed to compile or threw; the message is the JavaScript error's. */
  static final class ConditionException extends Exception {
    ConditionException(String message) { super(message); }
  }

  private void open() {
    if (context != null) return;
    context = engine.newContext(null, Map.of());
    context.eval("js", "globalThis.eval = function () { throw new EvalError('Code generation from strings disallowed for this context'); };"
        + "Object.defineProperty(Function.prototype, 'constructor', { value: globalThis.eval });"
        + "globalThis.Function = globalThis.eval;");
    call = context.eval("js", "(fn, json, id) => !!fn(json === undefined ? undefined : JSON.parse(json), id)");
  }

  /** Compiles {@code condition}; throws with the JavaScript syntax error message. */
  void compile(String condition) throws ConditionException {
    open();
    if (compiled.containsKey(condition)) return;
    String expr = NAMED.getOrDefault(condition, condition);
    try {
      compiled.put(condition, context.eval("js", "(function (state, upstreamStepId) { return " + expr + "\n})"));
    } catch (PolyglotException e) {
      throw new ConditionException(e.getMessage());
    }
  }

  /** Evaluates a compiled condition against a step's output state (JSON, or null for undefined). */
  boolean test(String condition, String stateJson, String upstreamStepId) throws ConditionException {
    compile(condition);
    try {
      return call.execute(compiled.get(condition), stateJson, upstreamStepId).asBoolean();
    } catch (PolyglotException e) {
      throw new ConditionException(e.getMessage());
    }
  }

  @Override
  public void close() {
    if (context != null) context.close(true);
  }
}
