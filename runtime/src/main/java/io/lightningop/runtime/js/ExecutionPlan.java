package io.lightningop.runtime.js;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow to run, in the runtime's shape ({@code kit: packages/runtime/src/types.ts}).
 *
 * @param id plan (run) id, used in the "Executing" log line when the workflow has no name
 * @param globals source of a module whose exports become globals of every job, or null
 * @param credentials {@code workflow.credentials}, merged under every step's configuration, or null
 */
public record ExecutionPlan(String id, String name, String start, String end, Long timeoutMs,
                            JsonNode credentials, String globals, List<Step> steps) {
  public ExecutionPlan {
    steps = List.copyOf(steps);
  }

  /**
   * One step. A step without {@code expression} is a trigger: it forwards its input.
   *
   * @param configuration a credential object, a credential id (String, resolved at run time), or null
   * @param state default state layered under the incoming state, or null
   * @param next edges in declaration order; empty when the step has none
   */
  public record Step(String id, String name, String expression, List<String> adaptors,
                     Object configuration, JsonNode state, Map<String, Edge> next) {
    public Step {
      adaptors = List.copyOf(adaptors);
      next = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(next));
    }

    public String displayName() {
      return name != null && !name.isEmpty() ? name : id;
    }
  }

  /**
   * An edge: {@code always} true/false, or an object edge. An object edge without a condition is
   * never followed (as upstream).
   */
  public sealed interface Edge {}

  public record Always(boolean follow) implements Edge {}

  /** {@code condition} is {@code always}, {@code on_job_success}, ... or a JavaScript expression. */
  public record Conditional(String condition, boolean disabled, String label) implements Edge {}
}
