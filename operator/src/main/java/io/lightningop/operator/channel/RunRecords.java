package io.lightningop.operator.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.operator.state.CredentialCipher;
import io.lightningop.operator.state.ExternalCredentials;
import io.lightningop.operator.state.Run;
import io.lightningop.operator.state.RunQueue;
import io.lightningop.spec.worker.PhoenixFrame;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The rows the worker channel reads and writes besides the run itself: the run's snapshot,
 * dataclips, credentials, steps and log lines. Every write is idempotent (keyed by the ids the
 * worker chose), so a repeated event changes nothing.
 */
final class RunRecords {

  private static final ObjectMapper JSON = PhoenixFrame.json();

  /** A run with what is needed to serve it: its project, workflow and snapshot document. */
  record RunContext(Run run, UUID projectId, UUID workflowId, JsonNode snapshot) {}

  /** One log line to store. */
  record LogRow(UUID id, UUID runId, UUID stepId, String source, String level, String message, Instant at) {}

  private final Jdbi jdbi;
  private final RunQueue runs;
  private final CredentialCipher cipher;

  RunRecords(Jdbi jdbi, RunQueue runs, CredentialCipher cipher) {
    this.jdbi = jdbi;
    this.runs = runs;
    this.cipher = cipher;
  }

  Optional<Run> run(UUID runId) {
    return runs.find(runId);
  }

  Optional<RunContext> context(UUID runId) {
    return runs.find(runId).map(run -> jdbi.withHandle(h -> h.createQuery("""
            SELECT s.project_id, wo.workflow_id, s.document::text AS document
            FROM work_orders wo JOIN project_snapshots s ON s.id = :snapshot
            WHERE wo.id = :wo""")
        .bind("snapshot", run.snapshotId())
        .bind("wo", run.workOrderId())
        .map((rs, ctx) -> new RunContext(run, rs.getObject("project_id", UUID.class),
            rs.getObject("workflow_id", UUID.class), parse(rs.getString("document"))))
        .one()));
  }

  /** project-credential id → credential id. */
  Map<String, String> credentialIds(Collection<String> projectCredentialIds) {
    Map<String, String> out = new HashMap<>();
    if (projectCredentialIds.isEmpty()) return out;
    jdbi.useHandle(h -> h.createQuery("SELECT id, credential_id FROM project_credentials WHERE id = ANY(:ids)")
        .bindArray("ids", UUID.class, projectCredentialIds.stream().map(UUID::fromString).toList())
        .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("credential_id")))
        .forEach(e -> out.put(e.getKey(), e.getValue())));
    return out;
  }

  /** The decrypted body of a credential, or empty when it does not exist. */
  Optional<JsonNode> credentialBody(String credentialId) {
    UUID id;
    try {
      id = UUID.fromString(credentialId);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    record Stored(String schema, byte[] sealed) {}
    return jdbi.withHandle(h -> h.createQuery("SELECT schema, body_encrypted FROM credentials WHERE id = :id")
            .bind("id", id).map((rs, ctx) -> new Stored(rs.getString("schema"), rs.getBytes("body_encrypted"))).findOne())
        // An external credential (e.g. a Kubernetes Secret) is read now; the database holds only its reference.
        .flatMap(s -> ExternalCredentials.resolve(s.schema(), parse(new String(cipher.decrypt(s.sealed()), StandardCharsets.UTF_8))));
  }

  /**
   * The run's input state as the worker loads it (§4.8): {@code {data, request}} for HTTP
   * dataclips, the body otherwise; UTF-8 JSON, {@code null} when wiped. With {@code wipe}
   * (zero persistence) the dataclip is erased in the same transaction that reads it.
   */
  byte[] inputState(UUID dataclipId, boolean wipe) {
    return jdbi.inTransaction(h -> {
      Optional<JsonNode> state = h.createQuery(
              "SELECT type, body::text AS body, request::text AS request FROM dataclips WHERE id = :id FOR UPDATE")
          .bind("id", dataclipId)
          .map((rs, ctx) -> {
            JsonNode body = rs.getString("body") == null ? NullNode.getInstance() : parse(rs.getString("body"));
            String type = rs.getString("type");
            if (!"http_request".equals(type) && !"kafka".equals(type)) return body;
            if (body.isNull()) return (JsonNode) NullNode.getInstance();
            ObjectNode s = JSON.createObjectNode();
            s.set("data", body);
            s.set("request", rs.getString("request") == null ? NullNode.getInstance() : parse(rs.getString("request")));
            return s;
          })
          .findOne();
      if (wipe) {
        h.createUpdate("UPDATE dataclips SET body = NULL, request = NULL, wiped_at = coalesce(wiped_at, clock_timestamp()) WHERE id = :id")
            .bind("id", dataclipId).execute();
      }
      return state.orElse(NullNode.getInstance()).toString().getBytes(StandardCharsets.UTF_8);
    });
  }

  boolean dataclipExists(UUID id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM dataclips WHERE id = :id")
        .bind("id", id).mapTo(Integer.class).one() > 0);
  }

  /** Which run a step belongs to, if the step exists. */
  Optional<UUID> runOfStep(UUID stepId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT run_id FROM run_steps WHERE step_id = :id")
        .bind("id", stepId).mapTo(UUID.class).findFirst());
  }

  /** Creates the step and links it to the run; a repeat with the same step id is a no-op. */
  void startStep(UUID runId, UUID stepId, UUID jobId, UUID snapshotId, UUID inputDataclipId, Instant at) {
    jdbi.useTransaction(h -> {
      h.createUpdate("""
          INSERT INTO steps (id, job_id, snapshot_id, input_dataclip_id, started_at)
          VALUES (:id, (SELECT id FROM jobs WHERE id = :job), :snapshot,
                  (SELECT id FROM dataclips WHERE id = :input), :at)
          ON CONFLICT (id) DO NOTHING""")
          .bind("id", stepId).bind("job", jobId).bind("snapshot", snapshotId)
          .bindByType("input", inputDataclipId, UUID.class).bind("at", Timestamp.from(at))
          .execute();
      h.createUpdate("INSERT INTO run_steps (run_id, step_id) VALUES (:run, :step) ON CONFLICT DO NOTHING")
          .bind("run", runId).bind("step", stepId).execute();
    });
  }

  /**
   * Stores the step's output dataclip (a wiped placeholder under zero persistence) and its exit.
   * Also overwrites an exit of {@code lost} set by the lease janitor: this is the real result.
   */
  void completeStep(UUID projectId, UUID stepId, String reason, String errorType, String errorMessage,
      UUID outputDataclipId, JsonNode output, boolean saveDataclips, Instant at) {
    jdbi.useTransaction(h -> {
      if (outputDataclipId != null) insertStepResult(h, projectId, outputDataclipId, output, saveDataclips);
      h.createUpdate("""
          UPDATE steps SET exit_reason = :reason, error_type = :errorType, error_message = :errorMessage,
              output_dataclip_id = :output, finished_at = :at
          WHERE id = :id""")
          .bind("id", stepId).bind("reason", reason).bind("errorType", errorType)
          .bind("errorMessage", errorMessage).bindByType("output", outputDataclipId, UUID.class).bind("at", Timestamp.from(at))
          .execute();
    });
  }

  private static void insertStepResult(Handle h, UUID projectId, UUID id, JsonNode output, boolean save) {
    JsonNode body = output;
    if (body instanceof ObjectNode o && o.has("configuration")) {
      body = o.deepCopy();
      ((ObjectNode) body).remove("configuration"); // never keep credentials in a dataclip
    }
    h.createUpdate("""
        INSERT INTO dataclips (id, project_id, type, body, wiped_at)
        VALUES (:id, :project, 'step_result', CAST(:body AS jsonb), CASE WHEN :save THEN NULL ELSE clock_timestamp() END)
        ON CONFLICT (id) DO NOTHING""")
        .bind("id", id).bind("project", projectId)
        .bind("body", save && body != null ? body.toString() : null)
        .bind("save", save)
        .execute();
  }

  /** Inserts the lines together; lines already stored (same id) are skipped. */
  void insertLogs(List<LogRow> lines) {
    jdbi.useTransaction(h -> {
      var batch = h.prepareBatch("""
          INSERT INTO log_lines (id, run_id, step_id, source, level, message, timestamp)
          VALUES (:id, :run, :step, :source, :level, :message, :at) ON CONFLICT (id) DO NOTHING""");
      for (LogRow l : lines) {
        batch.bind("id", l.id()).bind("run", l.runId()).bindByType("step", l.stepId(), UUID.class).bind("source", l.source())
            .bind("level", l.level()).bind("message", l.message()).bind("at", Timestamp.from(l.at())).add();
      }
      batch.execute();
    });
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is corrupt: " + e.getOriginalMessage(), e);
    }
  }
}
