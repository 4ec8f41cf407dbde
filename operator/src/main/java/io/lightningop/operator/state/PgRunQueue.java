package io.lightningop.operator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@link RunQueue} on PostgreSQL: claims with {@code FOR UPDATE SKIP LOCKED}, wake-ups via NOTIFY. */
public final class PgRunQueue implements RunQueue {
  static final String CHANNEL = "lightning_work_available";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Jdbi jdbi;
  private final Duration grace;
  private final WorkAvailableListener listener;
  private final WorkAvailableNotifier notifier;

  /** @param grace Lightning's {@code RUN_GRACE_PERIOD_SECONDS}: slack after the run timeout before a run is lost. */
  public PgRunQueue(Database database, Duration grace) {
    this.jdbi = database.jdbi();
    this.grace = grace;
    this.listener = new WorkAvailableListener(database.dataSource(), CHANNEL);
    this.notifier = new WorkAvailableNotifier(jdbi, CHANNEL);
  }

  @Override
  public UUID enqueue(Handle tx, NewRun run) {
    UUID id = UUID.randomUUID();
    tx.createUpdate("""
        INSERT INTO runs (id, work_order_id, snapshot_id, starting_trigger_id, starting_job_id, dataclip_id,
                          priority, queue, options, created_by)
        VALUES (:id, :wo, :snapshot, :trigger, :job, :dataclip, :priority, :queue, CAST(:options AS jsonb), :createdBy)""")
        .bind("id", id)
        .bind("wo", run.workOrderId())
        .bind("snapshot", run.snapshotId())
        .bind("trigger", run.startingTriggerId())
        .bind("job", run.startingJobId())
        .bind("dataclip", run.dataclipId())
        .bind("priority", (short) run.priority())
        .bind("queue", run.queue())
        .bind("options", optionsJson(run.options()))
        .bind("createdBy", run.createdBy())
        .execute();
    WorkOrderStates.refresh(tx, run.workOrderId());
    tx.afterCommit(notifier::signal);
    return id;
  }

  @Override
  public List<Run> claim(int demand, List<String> queues, String workerName) {
    if (demand <= 0) return List.of();
    List<String> prefs = queues == null || queues.isEmpty() ? List.of("*") : queues;
    boolean any = prefs.contains("*");
    String worker = workerName == null || workerName.isBlank() ? null : workerName;
    List<Run> claimed = jdbi.inTransaction(h -> h.createQuery("""
        WITH picked AS (
          SELECT id FROM runs
          WHERE state = 'available' AND (:any OR queue = ANY(:queues))
          ORDER BY coalesce(array_position(:queues, queue), array_position(:queues, '*')), priority, inserted_at, id
          LIMIT :demand
          FOR UPDATE SKIP LOCKED)
        UPDATE runs r SET state = 'claimed', claimed_at = clock_timestamp(), worker_name = :worker,
            lease_expires_at = clock_timestamp() + make_interval(secs => (coalesce((r.options ->> 'run_timeout_ms')::bigint, :defaultTimeout) / 1000.0) + :grace)
        FROM picked WHERE r.id = picked.id
        RETURNING r.*""")
        .bind("any", any)
        .bindArray("queues", String.class, prefs)
        .bind("demand", demand)
        .bind("worker", worker)
        .bind("defaultTimeout", RunOptions.DEFAULT_TIMEOUT_MS)
        .bind("grace", grace.toMillis() / 1000.0)
        .map(PgRunQueue::map)
        .list());
    return claimed.stream()
        .sorted(Comparator.comparingInt(Run::priority).thenComparing(Run::insertedAt))
        .toList();
  }

  @Override
  public Run start(UUID runId) {
    return jdbi.inTransaction(h -> {
      Run run = h.createQuery("""
          UPDATE runs SET state = 'started', started_at = clock_timestamp(),
              lease_expires_at = clock_timestamp() + make_interval(secs => (coalesce((options ->> 'run_timeout_ms')::bigint, :defaultTimeout) / 1000.0) + :grace)
          WHERE id = :id AND state = 'claimed' RETURNING *""")
          .bind("id", runId)
          .bind("defaultTimeout", RunOptions.DEFAULT_TIMEOUT_MS)
          .bind("grace", grace.toMillis() / 1000.0)
          .map(PgRunQueue::map)
          .findOne()
          .orElseThrow(() -> new IllegalStateException("run " + runId + " is not claimed (" + describe(h, runId) + ")"));
      WorkOrderStates.refresh(h, run.workOrderId());
      return run;
    });
  }

  @Override
  public Run complete(UUID runId, RunState finalState, String errorType, UUID finalDataclipId) {
    if (!finalState.isFinal()) {
      throw new IllegalArgumentException("not a final state: " + finalState.wire());
    }
    return jdbi.inTransaction(h -> {
      Run run = h.createQuery("""
          UPDATE runs SET state = :state, error_type = :errorType, final_dataclip_id = :finalDataclip,
              finished_at = clock_timestamp(), lease_expires_at = NULL
          WHERE id = :id AND state IN ('claimed', 'started') RETURNING *""")
          .bind("id", runId)
          .bind("state", finalState.wire())
          .bind("errorType", errorType)
          .bind("finalDataclip", finalDataclipId)
          .map(PgRunQueue::map)
          .findOne()
          .orElseThrow(() -> new IllegalStateException("run " + runId + " cannot complete (" + describe(h, runId) + ")"));
      WorkOrderStates.refresh(h, run.workOrderId());
      return run;
    });
  }

  @Override
  public Optional<Run> resolveLost(UUID runId, RunState finalState, String errorType, UUID finalDataclipId) {
    if (!finalState.isFinal() || finalState == RunState.LOST) {
      throw new IllegalArgumentException("not a final state a worker reports: " + finalState.wire());
    }
    return jdbi.inTransaction(h -> {
      Optional<Run> run = h.createQuery("""
          UPDATE runs SET state = :state, error_type = :errorType, final_dataclip_id = :finalDataclip,
              finished_at = clock_timestamp()
          WHERE id = :id AND state = 'lost' RETURNING *""")
          .bind("id", runId)
          .bind("state", finalState.wire())
          .bind("errorType", errorType)
          .bind("finalDataclip", finalDataclipId)
          .map(PgRunQueue::map)
          .findOne();
      run.ifPresent(r -> WorkOrderStates.refresh(h, r.workOrderId()));
      return run;
    });
  }

  @Override
  public void release(UUID runId) {
    jdbi.useTransaction(h -> {
      int n = h.createUpdate("""
          UPDATE runs SET state = 'available', claimed_at = NULL, worker_name = NULL, lease_expires_at = NULL
          WHERE id = :id AND state = 'claimed'""").bind("id", runId).execute();
      if (n > 0) h.afterCommit(notifier::signal);
    });
  }

  @Override
  public List<Run> markLost() {
    return jdbi.inTransaction(h -> {
      List<Run> lost = h.createQuery("""
          UPDATE runs SET state = 'lost', finished_at = clock_timestamp(), lease_expires_at = NULL,
              error_type = CASE WHEN started_at IS NULL THEN 'LostAfterClaim' ELSE 'LostAfterStart' END
          WHERE id IN (SELECT id FROM runs WHERE state IN ('claimed', 'started') AND lease_expires_at < clock_timestamp()
                       FOR UPDATE SKIP LOCKED)
          RETURNING *""")
          .map(PgRunQueue::map)
          .list();
      for (Run run : lost) {
        h.createUpdate("""
            UPDATE steps SET exit_reason = 'lost', finished_at = clock_timestamp()
            WHERE finished_at IS NULL AND id IN (SELECT step_id FROM run_steps WHERE run_id = :id)""")
            .bind("id", run.id())
            .execute();
        WorkOrderStates.refresh(h, run.workOrderId());
      }
      return lost;
    });
  }

  @Override
  public Optional<Run> find(UUID runId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM runs WHERE id = :id")
        .bind("id", runId).map(PgRunQueue::map).findOne());
  }

  @Override
  public long depth() {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM runs WHERE state = 'available'")
        .mapTo(Long.class).one());
  }

  @Override
  public Map<RunState, Long> countByState() {
    Map<RunState, Long> counts = new EnumMap<>(RunState.class);
    for (RunState s : RunState.values()) counts.put(s, 0L);
    jdbi.useHandle(h -> h.createQuery("SELECT state, count(*) AS n FROM runs GROUP BY state")
        .map((rs, ctx) -> Map.entry(RunState.fromWire(rs.getString("state")), rs.getLong("n")))
        .forEach(e -> counts.put(e.getKey(), e.getValue())));
    return counts;
  }

  @Override
  public AutoCloseable onWorkAvailable(Runnable listener) {
    return this.listener.add(listener);
  }

  /** Stops the notification threads. */
  public void close() {
    notifier.close();
    listener.close();
  }

  private static String describe(Handle h, UUID runId) {
    return h.createQuery("SELECT state FROM runs WHERE id = :id").bind("id", runId)
        .mapTo(String.class).findOne().map(s -> "it is " + s).orElse("no such run");
  }

  static String optionsJson(RunOptions o) {
    ObjectNode n = JSON.createObjectNode();
    n.put("run_timeout_ms", o.runTimeoutMs());
    n.put("save_dataclips", o.saveDataclips());
    n.put("enable_job_logs", o.enableJobLogs());
    return n.toString();
  }

  static RunOptions parseOptions(String json) {
    try {
      JsonNode n = JSON.readTree(json == null ? "{}" : json);
      return new RunOptions(
          n.path("run_timeout_ms").asLong(RunOptions.DEFAULT_TIMEOUT_MS),
          n.path("save_dataclips").asBoolean(true),
          n.path("enable_job_logs").asBoolean(true));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("corrupt run options", e);
    }
  }

  static Run map(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
    return new Run(
        rs.getObject("id", UUID.class),
        rs.getObject("work_order_id", UUID.class),
        rs.getObject("snapshot_id", UUID.class),
        rs.getObject("starting_trigger_id", UUID.class),
        rs.getObject("starting_job_id", UUID.class),
        rs.getObject("dataclip_id", UUID.class),
        rs.getObject("final_dataclip_id", UUID.class),
        RunState.fromWire(rs.getString("state")),
        rs.getString("error_type"),
        rs.getInt("priority"),
        rs.getString("queue"),
        rs.getString("worker_name"),
        parseOptions(rs.getString("options")),
        instant(rs, "claimed_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        instant(rs, "inserted_at"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
