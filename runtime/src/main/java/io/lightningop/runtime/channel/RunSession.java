package io.lightningop.runtime.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.spec.worker.PhoenixFrame;
import io.lightningop.spec.worker.WireTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One claimed run on the wire (§4.5–4.13): join {@code run:<id>} with its token, fetch the plan
 * and the input dataclip, report {@code run:start}, let the executor run while its steps and logs
 * stream out in order, then {@code run:complete} and leave.
 */
final class RunSession {

  private static final Logger LOG = LoggerFactory.getLogger(RunSession.class);
  private static final ObjectMapper JSON = PhoenixFrame.json();
  private static final long DEFAULT_PAYLOAD_LIMIT = 10L * 1024 * 1024;

  private final String runId;
  private final ClientChannel channel;
  private final Duration timeout;
  private final PlanExecutor executor;
  private final Map<String, String> stepIds = new ConcurrentHashMap<>();
  private final Map<String, String> outputDataclipIds = new ConcurrentHashMap<>();

  RunSession(PhoenixClient client, String runId, String token, Duration timeout, PlanExecutor executor) {
    this.runId = runId;
    this.timeout = timeout;
    this.executor = executor;
    ObjectNode join = PhoenixFrame.object().put("token", token);
    this.channel = new ClientChannel(client, "run:" + runId, join, timeout);
  }

  /** Runs to the end; never throws, a run that cannot be reported is logged. */
  void run() {
    try {
      channel.ensureJoined();
      Reply planReply = channel.call("fetch:plan", PhoenixFrame.object(), timeout);
      if (!planReply.ok() || !planReply.response().isObject()) {
        LOG.error("run {}: fetch:plan refused: {}", runId, planReply.response());
        return;
      }
      execute((ObjectNode) planReply.response());
    } catch (ChannelException e) {
      LOG.error("run {}: {}", runId, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      channel.leave(timeout);
    }
  }

  private void execute(ObjectNode plan) throws ChannelException, InterruptedException {
    JsonNode options = plan.path("options");
    boolean outputDataclips = options.path("output_dataclips").asBoolean(true);
    long payloadLimit = options.has("payload_limit_mb")
        ? options.get("payload_limit_mb").asLong() * 1024 * 1024 : DEFAULT_PAYLOAD_LIMIT;
    String dataclipId = plan.path("dataclip_id").asText(null);

    JsonNode input = null;
    String dataclipError = null;
    Reply clip = channel.call("fetch:dataclip", PhoenixFrame.object().put("id", dataclipId), timeout);
    try {
      if (!clip.ok()) throw new IllegalStateException("fetch:dataclip refused: " + clip.response());
      input = JSON.readTree(clip.binary() != null
          ? new String(clip.binary(), StandardCharsets.UTF_8) : JSON.writeValueAsString(clip.response()));
    } catch (JsonProcessingException | IllegalStateException e) {
      dataclipError = e.getMessage();
    }

    ObjectNode start = PhoenixFrame.object();
    start.putObject("versions").put("worker", WorkerConfig.WORKER_VERSION)
        .put("engine", "lightning-operator").put("runtime", "graaljs");
    start.put("timestamp", WireTime.nowMicros());
    // Acknowledged before the executor starts, so nothing of the run (credential fetches
    // included) reaches Lightning before it knows the run started.
    Reply started = channel.call("run:start", start, timeout);
    if (!started.ok()) LOG.warn("run {}: run:start refused: {}", runId, started.response());
    EventStream events = new EventStream(channel, timeout);
    events.send("run:log", logLine(null, "VER", "info",
        List.of(JSON.getNodeFactory().textNode("Versions: worker " + WorkerConfig.WORKER_VERSION)), Instant.now()));

    PlanExecutor.RunOutcome outcome;
    if (dataclipError != null) {
      outcome = new PlanExecutor.RunOutcome("exception", "DataClipError", dataclipError, null, List.of());
    } else {
      outcome = executor.execute(plan, input, this::loadCredential,
          new StreamingListener(events, dataclipId, outputDataclips, payloadLimit));
    }

    String status = "Run complete with status: " + outcome.reason();
    events.send("run:log", logLine(null, "R/T", "success".equals(outcome.reason()) ? "success" : "info",
        List.of(JSON.getNodeFactory().textNode(status)), Instant.now()));
    if (!"success".equals(outcome.reason())) {
      events.send("run:log", logLine(null, "R/T", "error",
          List.of(JSON.getNodeFactory().textNode(outcome.errorType() + ": " + outcome.errorMessage())), Instant.now()));
    }
    events.send("run:complete", completion(outcome));
    int errors = events.finish();
    LOG.info("run {} finished: {} ({} refused events)", runId, outcome.reason(), errors);
  }

  private ObjectNode completion(PlanExecutor.RunOutcome outcome) {
    ObjectNode p = PhoenixFrame.object();
    p.put("reason", outcome.reason());
    p.put("error_type", outcome.errorType());
    p.put("error_message", outcome.errorMessage());
    if (outcome.finalState() != null) {
      p.put("timestamp", WireTime.nowMicros());
      p.set("final_state", outcome.finalState());
      if (outcome.leafJobIds().size() == 1) {
        String id = outputDataclipIds.get(outcome.leafJobIds().get(0));
        if (id != null) p.put("final_dataclip_id", id);
      }
    }
    return p;
  }

  private JsonNode loadCredential(String credentialId) throws Exception {
    Reply r = channel.call("fetch:credential", PhoenixFrame.object().put("id", credentialId), timeout);
    if (!r.ok()) throw new IllegalStateException("credential " + credentialId + " could not be loaded: " + r.response());
    return r.response();
  }

  private ObjectNode logLine(String jobId, String source, String level, List<JsonNode> message, Instant at) {
    ObjectNode line = PhoenixFrame.object();
    line.put("run_id", runId);
    ArrayNode msg = line.putArray("message");
    message.forEach(msg::add);
    line.put("source", source);
    line.put("level", level);
    line.put("timestamp", WireTime.micros(at));
    String stepId = jobId == null ? null : stepIds.get(jobId);
    if (stepId != null) line.put("step_id", stepId);
    return line;
  }

  /** Turns executor callbacks into step:start / run:log / step:complete events. */
  private final class StreamingListener implements PlanExecutor.Listener {
    private final EventStream events;
    private final String initialDataclipId;
    private final boolean outputDataclips;
    private final long payloadLimit;
    private final Map<String, Instant> started = new ConcurrentHashMap<>();

    StreamingListener(EventStream events, String initialDataclipId, boolean outputDataclips, long payloadLimit) {
      this.events = events;
      this.initialDataclipId = initialDataclipId;
      this.outputDataclips = outputDataclips;
      this.payloadLimit = payloadLimit;
    }

    @Override
    public void stepStarted(String jobId, String upstreamJobId, Instant at) {
      String stepId = UUID.randomUUID().toString();
      stepIds.put(jobId, stepId);
      started.put(jobId, at);
      ObjectNode p = PhoenixFrame.object();
      p.put("step_id", stepId);
      p.put("job_id", jobId);
      String input = upstreamJobId == null ? initialDataclipId : outputDataclipIds.get(upstreamJobId);
      if (input != null) p.put("input_dataclip_id", input);
      p.put("timestamp", WireTime.micros(at));
      events.send("step:start", p);
    }

    @Override
    public void log(String jobId, String source, String level, List<JsonNode> message, Instant at) {
      events.send("run:log", logLine(jobId, source, level, message, at));
    }

    @Override
    public void stepCompleted(String jobId, PlanExecutor.StepOutcome outcome, JsonNode outputState, Instant at) {
      ObjectNode p = PhoenixFrame.object();
      p.put("step_id", stepIds.get(jobId));
      p.put("job_id", jobId);
      p.put("reason", outcome.reason());
      p.put("error_type", outcome.errorType());
      p.put("error_message", outcome.errorMessage());
      if (outputState != null) {
        String body = outputState.toString();
        if (body.getBytes(StandardCharsets.UTF_8).length > payloadLimit) {
          p.put("output_dataclip_error", "DATACLIP_TOO_LARGE");
          events.send("run:log", logLine(jobId, "R/T", "info", List.of(JSON.getNodeFactory().textNode(
              "Dataclip exceeds payload limit: output will not be sent back to the app.")), at));
        } else {
          String id = UUID.randomUUID().toString();
          outputDataclipIds.put(jobId, id);
          p.put("output_dataclip_id", id);
          if (outputDataclips) p.put("output_dataclip", body);
        }
      }
      Instant begun = started.getOrDefault(jobId, at);
      Runtime rt = Runtime.getRuntime();
      p.putObject("mem").put("job", 0).put("system", rt.totalMemory() - rt.freeMemory());
      p.put("duration", Duration.between(begun, at).toMillis());
      p.put("thread_id", Thread.currentThread().threadId());
      p.put("timestamp", WireTime.micros(at));
      events.send("step:complete", p);
    }
  }
}
