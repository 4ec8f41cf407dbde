package io.lightningop.runtime.js;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.lightningop.runtime.adaptor.AdaptorModules;
import io.lightningop.runtime.compile.CompileException;
import io.lightningop.runtime.compile.JobCompiler;
import io.lightningop.runtime.js.RunListener.LogLine;
import io.lightningop.runtime.js.RunListener.RunResult;
import io.lightningop.runtime.js.RunListener.StepResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs an {@link ExecutionPlan} with @openfn/runtime 1.9.5's semantics: validation, start step,
 * breadth-first queue, edge conditions, state assembly and clean-up, error severities, leaves.
 * Each step runs in a fresh Context of the shared Engine (prepared ahead of need when warm Contexts
 * are kept, never reused). Thread-safe: runs may execute
 * concurrently on different threads.
 */
public final class RunExecutor {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunExecutor.class);

  private final JobPreparer preparer;
  private final StepRunner runner;
  private final JsEngine engine;

  /**
   * @param warmContexts step Contexts to keep ready per adaptor set (see {@link StepRunner}); 0 = none
   */
  public RunExecutor(JsEngine engine, JobCompiler compiler, AdaptorModules adaptors, int warmContexts) {
    this.engine = engine;
    ModuleFileSystem fs = new ModuleFileSystem(adaptors == null ? null : adaptors.fileSystem());
    this.runner = new StepRunner(engine, fs, adaptors, warmContexts);
    this.preparer = new JobPreparer(engine, compiler, adaptors, fs, runner::prefetch);
  }

  /**
   * How often a step found its Context ready (hits) or had it built when it started (misses), and
   * how many Contexts are ready now.
   */
  public record WarmCounts(long hits, long misses, int ready) {}

  public WarmCounts warmCounts() {
    return runner.warmCounts();
  }

  /** Closes the Contexts kept ready; runs in progress are not affected. */
  void close() {
    runner.close();
  }

  /** Runs the plan; never throws for job or plan errors (they are in the result). */
  public RunResult execute(ExecutionPlan plan, JsonNode input, RunOptions options, RunListener listener) {
    Run run = new Run(plan, options, listener == null ? new RunListener() {} : listener);
    RunResult result;
    try (EdgeConditions conditions = new EdgeConditions(engine)) {
      result = run.execute(input, conditions);
    } catch (RuntimeException e) {
      // a fault of ours (not of the job): the run still ends, with Lightning's reason "exception"
      LOG.error("run {} failed in the executor", plan.id(), e);
      ObjectNode error = NODES.objectNode().put("name", "ExecutorError").put("message", String.valueOf(e.getMessage()));
      result = new RunResult(false, null, error, "exception", "ExecutorError", run.results);
    }
    run.listener.onRunComplete(result);
    return result;
  }

  /** An error that ends the run (crash or kill), as the runtime rejects with it. */
  private static final class Abort extends Exception {
    final ObjectNode error;

    Abort(ObjectNode error) {
      super(error.path("message").asText(), null, false, false);
      this.error = error;
    }
  }

  static ObjectNode rtError(String name, String severity, String message) {
    ObjectNode e = NODES.objectNode();
    e.put("source", "runtime").put("name", name);
    if (severity != null) e.put("severity", severity);
    e.put("message", message);
    return e;
  }

  /** One run's mutable state. */
  private final class Run {
    final ExecutionPlan plan;
    final RunOptions options;
    final RunListener listener;
    final Map<String, ExecutionPlan.Step> steps = new LinkedHashMap<>();
    final List<StepResult> results = new ArrayList<>();
    final Set<String> secrets = new HashSet<>();
    final long deadline;

    Run(ExecutionPlan plan, RunOptions options, RunListener listener) {
      this.plan = plan;
      this.options = options;
      this.listener = listener;
      plan.steps().forEach(s -> steps.put(s.id(), s));
      deadline = options.runTimeoutMs() == null ? 0 : System.currentTimeMillis() + options.runTimeoutMs();
      collectSecrets(plan.credentials());
      plan.steps().forEach(s -> {
        if (s.configuration() instanceof JsonNode n) collectSecrets(n);
      });
    }

    // ---- logging ----

    void log(String source, String level, Object... message) {
      List<JsonNode> args = new ArrayList<>();
      for (Object m : message) args.add(m instanceof JsonNode n ? n : JSON.valueToTree(m));
      emit(source, level, args);
    }

    void logJson(String source, String level, String messageJson) {
      try {
        List<JsonNode> args = new ArrayList<>();
        JSON.readTree(messageJson).forEach(args::add);
        emit(source, level, args);
      } catch (JsonProcessingException e) {
        emit(source, level, List.of(TextNode.valueOf(messageJson)));
      }
    }

    private void emit(String source, String level, List<JsonNode> args) {
      if (options.scrubSecrets() && !secrets.isEmpty()) {
        List<JsonNode> clean = new ArrayList<>();
        for (JsonNode a : args) clean.add(Secrets.scrub(a, secrets));
        args = clean;
      }
      long now = System.currentTimeMillis() * 1_000_000L;
      listener.onLog(new LogLine(source, level, args, now));
    }

    void collectSecrets(JsonNode configuration) {
      Secrets.collect(configuration, secrets);
    }

    // ---- the plan ----

    RunResult execute(JsonNode input, EdgeConditions conditions) {
      try {
        validate(conditions);
      } catch (Abort a) {
        log("R/T", "error", "Error validating execution plan");
        log("R/T", "error", NODES.objectNode().put("name", a.error.path("name").asText()).put("message", a.error.path("message").asText()));
        log("R/T", "error", "Aborting");
        return new RunResult(false, null, a.error, "crash", a.error.path("name").asText(), results);
      }
      log("R/T", "info", "Executing " + (plan.name() != null && !plan.name().isEmpty() ? plan.name() : plan.id()));
      String start = plan.start() != null ? plan.start() : plan.steps().get(0).id();
      log("R/T", "debug", "Starting execution from step", start);

      JsonNode first = input == null || input.isNull()
          ? NODES.objectNode().set("data", NODES.objectNode()) : input.deepCopy();
      if (input == null || input.isNull()) ((ObjectNode) first).set("configuration", NODES.objectNode());

      record Queued(String step, JsonNode input) {}
      Deque<Queued> queue = new ArrayDeque<>();
      queue.add(new Queued(start, first));
      Map<String, Integer> counts = new HashMap<>();
      Map<String, JsonNode> leaves = new LinkedHashMap<>();
      try {
        while (!queue.isEmpty()) {
          Queued q = queue.poll();
          ExecutionPlan.Step step = steps.get(q.step());
          int count = counts.merge(q.step(), 1, Integer::sum) - 1;
          String executionId = count == 0 ? step.id() : step.id() + "-" + count;
          StepOut out = runStep(step, executionId, q.input(), conditions);
          boolean end = q.step().equals(plan.end());
          if (out.state != null && (end || out.next.isEmpty())) leaves.put(executionId, out.state);
          if (end) break;
          for (String n : out.next) queue.add(new Queued(n, out.state));
        }
      } catch (Abort a) {
        String reason = a.error.path("severity").asText("exception");
        return new RunResult(false, null, a.error, reason.isEmpty() ? "exception" : reason, a.error.path("name").asText(), results);
      }
      JsonNode result;
      if (leaves.size() > 1) {
        ObjectNode o = NODES.objectNode();
        leaves.forEach(o::set);
        result = o;
      } else {
        result = leaves.isEmpty() ? null : leaves.values().iterator().next();
      }
      String reason = "success";
      String errorType = null;
      for (StepResult r : results) {
        if ("fail".equals(r.status()) && r.next().isEmpty()) {
          reason = "fail";
          errorType = r.error().path("name").asText();
          break;
        }
      }
      return new RunResult(true, result, null, reason, errorType, results);
    }

    void validate(EdgeConditions conditions) throws Abort {
      if (plan.steps().isEmpty()) throw new Abort(rtError("ValidationError", "crash", "The workflow has no steps"));
      if (plan.start() != null && !steps.containsKey(plan.start())) {
        throw new Abort(rtError("ValidationError", "crash", "Could not find start job: " + plan.start()));
      }
      Map<String, Set<String>> down = new LinkedHashMap<>();
      for (ExecutionPlan.Step s : plan.steps()) {
        for (String target : s.next().keySet()) {
          if (!steps.containsKey(target)) throw new Abort(rtError("ValidationError", "crash", "Cannot find job: " + target));
          down.computeIfAbsent(s.id(), k -> new java.util.LinkedHashSet<>()).add(target);
        }
      }
      for (String id : down.keySet()) {
        String cycle = findCycle(id, id, down, new HashSet<>());
        if (cycle != null) throw new Abort(rtError("ValidationError", "crash", "Circular dependency: " + cycle + " <-> " + id));
      }
      List<String> errors = new ArrayList<>();
      for (ExecutionPlan.Step s : plan.steps()) {
        s.next().forEach((target, edge) -> {
          if (edge instanceof ExecutionPlan.Conditional c && c.condition() != null) {
            try {
              conditions.compile(c.condition());
            } catch (EdgeConditions.ConditionException e) {
              errors.add("Failed to compile edge condition " + s.id() + "->" + target + " (" + e.getMessage() + ")");
            }
          }
        });
      }
      if (!errors.isEmpty()) {
        ObjectNode e = NODES.objectNode().put("name", "Error").put("message", String.join("\n\n", errors));
        throw new Abort(e);
      }
    }

    private String findCycle(String from, String target, Map<String, Set<String>> down, Set<String> seen) {
      for (String next : down.getOrDefault(from, Set.of())) {
        if (next.equals(target)) return from;
        if (seen.add(next)) {
          String c = findCycle(next, target, down, seen);
          if (c != null) return c;
        }
      }
      return null;
    }

    // ---- one step ----

    record StepOut(JsonNode state, List<String> next) {}

    StepOut runStep(ExecutionPlan.Step step, String executionId, JsonNode incoming, EdgeConditions conditions)
        throws Abort {
      if (step.expression() == null) {
        List<String> next = next(step, incoming, conditions);
        if (!next.isEmpty() && !truthy(incoming)) warnNoState(step);
        return new StepOut(incoming, next);
      }
      long started = System.currentTimeMillis();
      listener.onStepStart(step.id(), executionId);
      ObjectNode state = StateOps.assemble(incoming, configurationOf(step), step.state(), plan.credentials());
      String name = step.displayName();
      log("R/T", "info", "Starting step " + name);

      JobPreparer.Prepared job;
      try {
        job = preparer.prepare(step, plan.globals(), (level, msg) -> log("R/T", level, msg));
      } catch (CompileException e) {
        ObjectNode error = rtError("CompileError", "crash", e.getMessage());
        log("R/T", "error", name + " aborted with error (" + (System.currentTimeMillis() - started) + "ms)");
        log("R/T", "error", "CRITICAL ERROR! Aborting execution");
        log("R/T", "error", e.getMessage());
        finish(step, executionId, "crash", StateOps.clean(state, options.statePropsToRemove()), error, List.of(), started);
        throw new Abort(error);
      } catch (JobPreparer.ImportFailure e) {
        ObjectNode error = rtError("ImportError", "crash", e.getMessage());
        log("R/T", "error", name + " aborted with error (" + (System.currentTimeMillis() - started) + "ms)");
        log("R/T", "error", "CRITICAL ERROR! Aborting execution");
        log("R/T", "error", e.getMessage());
        finish(step, executionId, "crash", StateOps.clean(state, options.statePropsToRemove()), error, List.of(), started);
        throw new Abort(error);
      }

      long timeout = stepTimeout();
      ObjectNode opts = NODES.objectNode().put("immutableState", options.immutableState());
      ArrayNode shadow = opts.putArray("shadow");
      job.shadow().forEach(shadow::add);
      StepRunner.Handle handle = new StepRunner.Handle();
      MemoryWatchdog.Registration mem = MemoryWatchdog.instance().register(handle);
      StepRunner.Outcome outcome;
      try {
        outcome = runner.run(job.path(), job.adaptorEntries(), job.globalsPath(), state.toString(), opts.toString(),
            this::logJson, timeout, deadline, handle);
      } finally {
        mem.close();
      }
      if (outcome.stop() != null) {
        throw new Abort(stopped(step, executionId, outcome.stop(), timeout, state, started));
      }
      JsonNode r;
      try {
        r = JSON.readTree(outcome.json());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("kernel returned invalid JSON", e);
      }
      long took = System.currentTimeMillis() - started;
      if ("success".equals(r.path("status").asText())) {
        log("R/T", "success", name + " completed in " + took + "ms");
        JsonNode out = r.path("stateIsUndefined").asBoolean() ? null : r.get("state");
        out = cleanState(out);
        Runtime rt = Runtime.getRuntime();
        long used = (rt.totalMemory() - rt.freeMemory()) / 1024 / 1024;
        log("R/T", "debug", "Step memory usage: [step " + used + "mb] [system " + rt.totalMemory() / 1024 / 1024 + "mb]");
        List<String> next = next(step, out, conditions);
        finish(step, executionId, "success", out, null, next, started);
        if (!next.isEmpty() && !truthy(out)) warnNoState(step);
        return new StepOut(out, next);
      }
      ObjectNode error = (ObjectNode) r.get("error");
      log("R/T", "error", name + " aborted with error (" + took + "ms)");
      JsonNode errState = cleanState(r.get("state"));
      String severity = error.path("severity").asText("fail");
      report(step, error, errState);
      List<String> next = next(step, errState, conditions);
      finish(step, executionId, severity, errState, error, next, started);
      if (severity.equals("crash") || severity.equals("kill")) throw new Abort(error);
      return new StepOut(errState, next);
    }

    private void warnNoState(ExecutionPlan.Step step) {
      log("R/T", "warn", "WARNING: step " + step.id()
          + " did not return a state object. This may cause downstream jobs to fail.");
    }

    private ObjectNode stopped(ExecutionPlan.Step step, String executionId, StepRunner.Stop why, long timeout,
                               ObjectNode state, long started) {
      return switch (why) {
        case TIMEOUT -> {
          log("R/T", "error", "Error: Timeout expired (" + timeout + "ms)");
          yield rtError("TimeoutError", "kill", "Job took longer than " + timeout + "ms to complete");
        }
        case RUN_TIMEOUT -> {
          log("R/T", "error", "Error: Timeout expired (" + options.runTimeoutMs() + "ms)");
          yield rtError("TimeoutError", "kill", "Workflow failed to return within " + options.runTimeoutMs() + "ms");
        }
        case MEMORY -> {
          ObjectNode e = rtError("OOMError", "kill", "Run exceeded maximum memory usage");
          log("R/T", "error", step.displayName() + " aborted with error (" + (System.currentTimeMillis() - started) + "ms)");
          log("R/T", "error", e.path("message").asText());
          finish(step, executionId, "kill", StateOps.clean(state, options.statePropsToRemove()), e, List.of(), started);
          yield e;
        }
        case CANCELLED -> rtError("CancelledError", "kill", "The run was cancelled");
      };
    }

    private long stepTimeout() {
      return plan.timeoutMs() != null ? plan.timeoutMs() : options.stepTimeoutMs() != null ? options.stepTimeoutMs() : 0;
    }

    private JsonNode configurationOf(ExecutionPlan.Step step) throws Abort {
      if (step.configuration() instanceof JsonNode n) return n;
      if (step.configuration() instanceof String id) {
        if (options.resolveCredential() == null) {
          throw new Abort(rtError("CredentialLoadError", "crash", "No credential resolver for credential " + id));
        }
        JsonNode body;
        try {
          body = options.resolveCredential().apply(id);
        } catch (RuntimeException e) {
          throw new Abort(rtError("CredentialLoadError", "crash", "Failed to load credential " + id + ": " + e.getMessage()));
        }
        collectSecrets(body);
        return body;
      }
      return null;
    }

    private JsonNode cleanState(JsonNode state) throws Abort {
      if (state == null) return null;
      int size = state.toString().length();
      if (size / 1024.0 / 1024.0 > options.stateLimitMb()) {
        String msg = "State exceeds the limit of " + (long) options.stateLimitMb() + "mb";
        log("R/T", "error", "Critical error processing state: ", msg);
        throw new Abort(rtError("StateTooLargeError", "kill", msg));
      }
      log("R/T", "debug", "State object serializes to less than 1mb");
      List<String> removed = new ArrayList<>();
      JsonNode out = StateOps.removeProps(state, options.statePropsToRemove(), removed);
      if (!removed.isEmpty()) log("R/T", "debug", "Cleaning up state. Removing keys: " + String.join(", ", removed));
      return out;
    }

    /** The runtime's error reporter: log lines, and {@code state.errors[stepId]} for fail. */
    private void report(ExecutionPlan.Step step, ObjectNode error, JsonNode state) {
      String severity = error.path("severity").asText();
      if (severity.equals("crash")) log("R/T", "error", "CRITICAL ERROR! Aborting execution");
      JsonNode pos = error.get("pos");
      if (pos != null && pos.isObject()) {
        log("R/T", "error", error.path("message").asText(), "(" + pos.path("line").asInt() + ":" + pos.path("column").asInt() + ")");
      } else {
        log("R/T", "error", error.path("message"));
      }
      if (error.hasNonNull("fix")) log("R/T", "error", error.get("fix"));
      if (error.hasNonNull("details")) {
        log("R/T", "error", "Additional error details:");
        log("R/T", "error", error.get("details"));
      }
      if (severity.equals("fail") && state instanceof ObjectNode s) {
        JsonNode errors = s.get("errors");
        ObjectNode e = errors instanceof ObjectNode o ? o : s.putObject("errors");
        e.set(step.id(), error.deepCopy());
        log("R/T", "error", "Check state.errors." + step.id() + " for details");
      }
    }

    private void finish(ExecutionPlan.Step step, String executionId, String status, JsonNode state, JsonNode error,
                        List<String> next, long started) {
      StepResult r = new StepResult(step.id(), executionId, status, state, error, next,
          System.currentTimeMillis() - started);
      results.add(r);
      listener.onStepComplete(r);
    }

    private List<String> next(ExecutionPlan.Step step, JsonNode state, EdgeConditions conditions) throws Abort {
      List<String> next = new ArrayList<>();
      for (Map.Entry<String, ExecutionPlan.Edge> e : step.next().entrySet()) {
        ExecutionPlan.Edge edge = e.getValue();
        if (edge instanceof ExecutionPlan.Always a) {
          if (a.follow()) next.add(e.getKey());
          continue;
        }
        ExecutionPlan.Conditional c = (ExecutionPlan.Conditional) edge;
        if (c.disabled() || c.condition() == null || c.condition().isEmpty()) continue;
        boolean pass;
        try {
          pass = conditions.test(c.condition(), state == null ? null : state.toString(), step.id());
        } catch (EdgeConditions.ConditionException ex) {
          throw new Abort(rtError("EdgeConditionError", "crash", ex.getMessage()));
        }
        if (!pass) {
          log("R/T", "debug", "Edge condition returned false; " + e.getKey() + " will NOT be executed");
          continue;
        }
        log("R/T", "debug", "Edge condition returned true; " + e.getKey() + " will be executed next");
        next.add(e.getKey());
      }
      return next;
    }
  }

  static boolean truthy(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) return false;
    if (n.isBoolean()) return n.asBoolean();
    if (n.isNumber()) return n.asDouble() != 0 && !Double.isNaN(n.asDouble());
    if (n.isTextual()) return !n.asText().isEmpty();
    return true;
  }
}
