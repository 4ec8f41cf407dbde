package io.lightningop.operator.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lightningop.operator.state.Run;
import io.lightningop.operator.state.RunQueue;
import io.lightningop.operator.state.RunState;
import io.lightningop.spec.worker.PhoenixFrame;
import io.lightningop.spec.worker.WireTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code run:<id>} channel's events (§4.5–4.13), answered from the state database. Handlers
 * are blocking and may run concurrently for one run ({@code fetch:*} while a lifecycle event is
 * pending). Repeated events are idempotent; events for a run marked lost are still recorded, and
 * a late {@code run:complete} resolves the lost run to its real result.
 */
final class RunEvents {

  private static final Logger LOG = LoggerFactory.getLogger(RunEvents.class);

  private final RunRecords records;
  private final RunQueue runs;
  private final Map<UUID, Served> served = new ConcurrentHashMap<>();

  /** What is looked up once per run: its snapshot context and the log scrubber of its credentials. */
  private record Served(RunRecords.RunContext context, Set<String> credentialIds, LogScrubber scrubber) {}

  RunEvents(RunRecords records, RunQueue runs) {
    this.records = records;
    this.runs = runs;
  }

  boolean exists(UUID runId) {
    return records.run(runId).isPresent();
  }

  ChannelReply handle(UUID runId, String event, JsonNode payload) {
    Served s = served(runId);
    if (s == null) return ChannelReply.reason("not_found");
    try {
      return switch (event) {
        case "fetch:plan" -> fetchPlan(s);
        case "fetch:dataclip" -> fetchDataclip(runId);
        case "fetch:credential" -> fetchCredential(s, payload);
        case "run:start" -> runStart(runId);
        case "step:start" -> stepStart(s, payload);
        case "step:complete" -> stepComplete(s, payload);
        case "run:log" -> log(s, List.of(payload));
        case "run:batch_logs" -> batchLogs(s, payload);
        case "run:complete" -> runComplete(runId, payload);
        default -> ChannelReply.fieldError(true, "event", "unknown event " + event);
      };
    } catch (IllegalArgumentException e) {
      return ChannelReply.fieldError(true, "payload", e.getMessage());
    }
  }

  private Served served(UUID runId) {
    Served cached = served.get(runId);
    if (cached != null) return cached;
    Optional<RunRecords.RunContext> ctx = records.context(runId);
    if (ctx.isEmpty()) return null;
    Set<String> projectCredentials = PlanBuilder.projectCredentialIds(ctx.get().snapshot(), ctx.get().workflowId());
    Set<String> credentialIds = Set.copyOf(records.credentialIds(projectCredentials).values());
    List<JsonNode> bodies = new ArrayList<>();
    for (String id : credentialIds) records.credentialBody(id).ifPresent(bodies::add);
    Served s = new Served(ctx.get(), credentialIds, LogScrubber.of(bodies));
    served.put(runId, s);
    return s;
  }

  /** Frees the per-run cache once the worker has left the run's channel. */
  void forget(UUID runId) {
    served.remove(runId);
  }

  private ChannelReply fetchPlan(Served s) {
    RunRecords.RunContext c = s.context();
    var pcIds = PlanBuilder.projectCredentialIds(c.snapshot(), c.workflowId());
    return ChannelReply.ok(PlanBuilder.plan(c.run(), c.projectId(), c.workflowId(), c.snapshot(),
        records.credentialIds(pcIds)));
  }

  private ChannelReply fetchDataclip(UUID runId) {
    Run run = records.run(runId).orElseThrow();
    return ChannelReply.okBinary(records.inputState(run.dataclipId(), !run.options().saveDataclips()));
  }

  private ChannelReply fetchCredential(Served s, JsonNode payload) {
    String id = payload.path("id").asText("");
    if (id.isBlank()) return ChannelReply.fieldError(true, "id", "This field can't be blank.");
    // Only the credentials of this run's jobs: a run token opens no other secret.
    Optional<JsonNode> body = s.credentialIds().contains(id) ? records.credentialBody(id) : Optional.empty();
    return body.map(ChannelReply::ok).orElseGet(() -> ChannelReply.fieldError(true, "id", "Credential not found!"));
  }

  private ChannelReply runStart(UUID runId) {
    Run run = records.run(runId).orElseThrow();
    if (run.state() == RunState.STARTED) return ChannelReply.ok(null); // a repeat
    if (run.state() != RunState.CLAIMED) {
      return ChannelReply.fieldError(false, "state", "cannot mark run started that has not been claimed by a worker");
    }
    try {
      runs.start(runId);
    } catch (IllegalStateException e) {
      return ChannelReply.fieldError(false, "state", e.getMessage());
    }
    return ChannelReply.ok(null);
  }

  private ChannelReply stepStart(Served s, JsonNode p) {
    String jobId = p.path("job_id").asText("");
    if (jobId.isBlank()) return ChannelReply.fieldError(true, "job_id", "This field can't be blank.");
    UUID stepId = uuid(p, "step_id");
    if (stepId == null) return ChannelReply.fieldError(false, "step_id", "can't be blank");
    if (!PlanBuilder.hasJob(s.context().snapshot(), s.context().workflowId(), jobId)) {
      return ChannelReply.fieldError(false, "job_id", "does not exist");
    }
    Optional<UUID> owner = records.runOfStep(stepId);
    UUID runId = s.context().run().id();
    if (owner.isPresent() && !owner.get().equals(runId)) {
      return ChannelReply.fieldError(false, "step_id", "belongs to another run");
    }
    Instant at = Optional.ofNullable(WireTime.parse(p.get("timestamp"))).orElseGet(Instant::now);
    records.startStep(runId, stepId, UUID.fromString(jobId), s.context().run().snapshotId(),
        uuid(p, "input_dataclip_id"), at);
    return ChannelReply.ok(PhoenixFrame.object().put("step_id", stepId.toString()));
  }

  private ChannelReply stepComplete(Served s, JsonNode p) {
    UUID stepId = uuid(p, "step_id");
    if (stepId == null) return ChannelReply.fieldError(false, "step_id", "can't be blank");
    String reason = p.path("reason").asText("");
    if (reason.isBlank()) return ChannelReply.fieldError(false, "reason", "can't be blank");
    UUID runId = s.context().run().id();
    if (!records.runOfStep(stepId).map(runId::equals).orElse(false)) {
      return ChannelReply.fieldError(false, "step_id", "not found");
    }
    boolean save = s.context().run().options().saveDataclips();
    UUID outputId = uuid(p, "output_dataclip_id");
    JsonNode output = null;
    if (p.hasNonNull("output_dataclip")) {
      try {
        output = PhoenixFrame.json().readTree(p.get("output_dataclip").asText());
      } catch (JsonProcessingException e) {
        return ChannelReply.fieldError(false, "output_dataclip", "is not valid JSON");
      }
    }
    if (save && (outputId == null) != (output == null)) {
      return ChannelReply.fieldError(false, "output_dataclip", "output_dataclip and output_dataclip_id go together");
    }
    Instant at = Optional.ofNullable(WireTime.parse(p.get("timestamp"))).orElseGet(Instant::now);
    records.completeStep(s.context().projectId(), stepId, reason, text(p, "error_type"), text(p, "error_message"),
        outputId, output, save, at);
    return ChannelReply.ok(PhoenixFrame.object().put("step_id", stepId.toString()));
  }

  private ChannelReply batchLogs(Served s, JsonNode p) {
    if (!p.path("logs").isArray()) return ChannelReply.fieldError(false, "logs", "must be a list");
    List<JsonNode> lines = new ArrayList<>();
    p.get("logs").forEach(lines::add);
    ChannelReply r = log(s, lines);
    return r.status().equals("ok") ? ChannelReply.ok(PhoenixFrame.object()) : r;
  }

  /** Validates every line first, then stores them together; one bad line stores none. */
  private ChannelReply log(Served s, List<JsonNode> lines) {
    UUID runId = s.context().run().id();
    List<RunRecords.LogRow> rows = new ArrayList<>();
    for (JsonNode l : lines) {
      String message = LogLines.text(l.get("message"));
      if (message.isBlank()) return ChannelReply.fieldError(false, "message", "can't be blank");
      String level = l.path("level").asText("info");
      if (!LogLines.LEVELS.contains(level)) return ChannelReply.fieldError(false, "level", "is invalid");
      String source = l.path("source").asText(null);
      if (source != null && source.length() > 8) return ChannelReply.fieldError(false, "source", "should be at most 8 character(s)");
      Instant at;
      try {
        at = Optional.ofNullable(WireTime.parse(l.get("timestamp"))).orElseGet(Instant::now);
      } catch (IllegalArgumentException e) {
        return ChannelReply.fieldError(false, "timestamp", "is invalid");
      }
      UUID stepId = uuid(l, "step_id");
      if (stepId != null && !records.runOfStep(stepId).map(runId::equals).orElse(false)) {
        return ChannelReply.fieldError(false, "step_id", "must be associated with the run");
      }
      String scrubbed = s.scrubber().scrub(message);
      // Same line sent again (after a reconnect) → same id → stored once.
      UUID id = UUID.nameUUIDFromBytes((runId + "|" + l.path("timestamp").asText() + "|" + source + "|" + level
          + "|" + stepId + "|" + scrubbed).getBytes(StandardCharsets.UTF_8));
      rows.add(new RunRecords.LogRow(id, runId, stepId, source, level, scrubbed, at));
    }
    records.insertLogs(rows);
    return ChannelReply.ok(rows.size() == 1 ? PhoenixFrame.object().put("log_line_id", rows.get(0).id().toString()) : null);
  }

  private ChannelReply runComplete(UUID runId, JsonNode p) {
    RunState state;
    try {
      state = p.hasNonNull("state") ? RunState.fromWire(p.get("state").asText()) : stateOf(p.path("reason").asText(""));
    } catch (IllegalArgumentException e) {
      return ChannelReply.fieldError(false, "state", e.getMessage());
    }
    if (!state.isFinal() || state == RunState.LOST) return ChannelReply.fieldError(false, "state", "is not a final state");
    UUID finalDataclip = uuid(p, "final_dataclip_id");
    if (finalDataclip != null && !records.dataclipExists(finalDataclip)) {
      return ChannelReply.fieldError(false, "final_dataclip_id", "does not exist");
    }
    String errorType = text(p, "error_type");
    Run run = records.run(runId).orElseThrow();
    if (run.state() == RunState.LOST) {
      runs.resolveLost(runId, state, errorType, finalDataclip);
      LOG.info("run {} was lost; the worker's late report resolves it to {}", runId, state.wire());
      return ChannelReply.ok(null);
    }
    if (run.state().isFinal()) {
      // A repeat of the same report is fine; a different verdict on a finished run is not.
      return run.state() == state ? ChannelReply.ok(null) : ChannelReply.fieldError(false, "state", "already in completed state");
    }
    try {
      runs.complete(runId, state, errorType, finalDataclip);
    } catch (IllegalStateException e) {
      return ChannelReply.fieldError(false, "state", "already in completed state");
    }
    return ChannelReply.ok(null);
  }

  static RunState stateOf(String reason) {
    return switch (reason) {
      case "success", "ok" -> RunState.SUCCESS;
      case "fail" -> RunState.FAILED;
      case "crash" -> RunState.CRASHED;
      case "cancel" -> RunState.CANCELLED;
      case "kill" -> RunState.KILLED;
      case "exception" -> RunState.EXCEPTION;
      default -> throw new IllegalArgumentException("unknown reason: " + reason);
    };
  }

  private static UUID uuid(JsonNode p, String field) {
    String v = p.path(field).asText(null);
    if (v == null || v.isBlank() || p.path(field).isNull()) return null;
    try {
      return UUID.fromString(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " is not a UUID");
    }
  }

  private static String text(JsonNode p, String field) {
    JsonNode v = p.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
