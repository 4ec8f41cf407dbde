package io.lightningop.operator.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Retries (spec §5.7): a new {@code immediate} run on the same work order, never a new work order.
 * From the start it reuses the work order's input; from a step it starts at that step's job with
 * the step's input and carries over the earlier run's steps that are not downstream of it.
 */
public final class Retries {
  /** Outcome of a bulk retry. */
  public record Bulk(int enqueued, int discarded) {}

  private final Jdbi jdbi;
  private final RunQueue queue;
  private final Activity activity;

  public Retries(Database database, RunQueue queue, Activity activity) {
    this.jdbi = database.jdbi();
    this.queue = queue;
    this.activity = activity;
  }

  /**
   * Retries {@code runId} from the start, or from {@code stepId} when given.
   * @return the new run's id; empty when the run is not visible to {@code actor}
   * @throws ProjectRejectedException with a Lightning-style error map when the retry is refused
   */
  public Optional<UUID> retry(UUID runId, UUID stepId, Actor actor) {
    if (activity.run(runId, actor).isEmpty()) return Optional.empty();
    return Optional.of(jdbi.inTransaction(h -> {
      Run run = h.createQuery("SELECT * FROM runs WHERE id = :id").bind("id", runId).map(PgRunQueue::map).one();
      UUID workflowId = workflowOf(h, run.workOrderId());
      UUID snapshot = liveSnapshot(h, workflowId);
      if (stepId == null) {
        requireUnwiped(h, run.dataclipId());
        return queue.enqueue(h, new NewRun(run.workOrderId(), snapshot, run.startingTriggerId(), run.startingJobId(),
            run.dataclipId(), NewRun.IMMEDIATE, null, run.options(), actor.email()));
      }
      var step = h.createQuery("""
              SELECT s.job_id, s.input_dataclip_id FROM steps s JOIN run_steps rs ON rs.step_id = s.id
              WHERE rs.run_id = :r AND s.id = :s""")
          .bind("r", runId).bind("s", stepId)
          .map((rs, c) -> new UUID[] {rs.getObject("job_id", UUID.class), rs.getObject("input_dataclip_id", UUID.class)})
          .findOne()
          .orElseThrow(() -> refused("step_id", "is not a step of this run"));
      requireUnwiped(h, step[1]);
      UUID newRun = queue.enqueue(h, new NewRun(run.workOrderId(), snapshot, null, step[0], step[1], NewRun.IMMEDIATE,
          null, run.options(), actor.email()));
      Set<UUID> rerun = downstream(h, snapshot, step[0]);
      h.createUpdate("""
              INSERT INTO run_steps (run_id, step_id)
              SELECT :newRun, s.id FROM steps s JOIN run_steps rs ON rs.step_id = s.id
              WHERE rs.run_id = :old AND (s.job_id IS NULL OR s.job_id <> ALL(:rerun))""")
          .bind("newRun", newRun).bind("old", runId).bindArray("rerun", UUID.class, List.copyOf(rerun)).execute();
      return newRun;
    }));
  }

  /** Reruns every visible work order matching {@code filter} from the start. */
  public Bulk retryAll(WorkOrderFilter filter, Actor actor) {
    int enqueued = 0;
    int discarded = 0;
    String cursor = null;
    do {
      Page<com.fasterxml.jackson.databind.node.ObjectNode> page = activity.workOrders(filter, actor, cursor, 100);
      for (JsonNode wo : page.items()) {
        UUID first = jdbi.withHandle(h -> h.createQuery(
                "SELECT id FROM runs WHERE work_order_id = :w ORDER BY inserted_at, id LIMIT 1")
            .bind("w", UUID.fromString(wo.get("id").asText())).mapTo(UUID.class).findOne().orElse(null));
        try {
          if (first != null && retry(first, null, actor).isPresent()) enqueued++; else discarded++;
        } catch (ProjectRejectedException e) {
          discarded++;
        }
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return new Bulk(enqueued, discarded);
  }

  private static UUID workflowOf(Handle h, UUID workOrderId) {
    return h.createQuery("SELECT workflow_id FROM work_orders WHERE id = :id").bind("id", workOrderId).mapTo(UUID.class).one();
  }

  /** The latest snapshot, refusing deleted workflows. */
  private static UUID liveSnapshot(Handle h, UUID workflowId) {
    return h.createQuery("""
            SELECT s.id FROM workflows w JOIN project_snapshots s ON s.project_id = w.project_id
            WHERE w.id = :w AND w.deleted_at IS NULL ORDER BY s.version DESC LIMIT 1""")
        .bind("w", workflowId).mapTo(UUID.class).findOne()
        .orElseThrow(() -> refused("workflow", "workflow_deleted"));
  }

  private static void requireUnwiped(Handle h, UUID dataclipId) {
    boolean wiped = dataclipId == null || h.createQuery("SELECT wiped_at IS NOT NULL FROM dataclips WHERE id = :id")
        .bind("id", dataclipId).mapTo(Boolean.class).findOne().orElse(true);
    if (wiped) throw refused("input_dataclip_id", "cannot retry run using a wiped dataclip");
  }

  /** {@code job} and every job reachable from it along edges of the snapshot. */
  private static Set<UUID> downstream(Handle h, UUID snapshotId, UUID job) {
    JsonNode doc = ProjectDocuments.parse(h.createQuery("SELECT document::text FROM project_snapshots WHERE id = :id")
        .bind("id", snapshotId).mapTo(String.class).one());
    Set<UUID> seen = new HashSet<>();
    Deque<UUID> todo = new ArrayDeque<>(List.of(job));
    while (!todo.isEmpty()) {
      UUID j = todo.pop();
      if (!seen.add(j)) continue;
      for (JsonNode w : doc.path("workflows")) {
        for (JsonNode e : w.path("edges")) {
          if (j.toString().equals(e.path("source_job_id").asText())) todo.push(UUID.fromString(e.path("target_job_id").asText()));
        }
      }
    }
    return seen;
  }

  private static ProjectRejectedException refused(String field, String message) {
    return new ProjectRejectedException(new ValidationErrors().add(List.of(field), message));
  }
}
