package io.lightningop.operator.state;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Creates work orders: input dataclip, work order and first run, committed together. */
public final class WorkOrders {
  /** Ids of what one incoming event created. */
  public record Created(UUID workOrderId, UUID runId, UUID dataclipId) {}

  private final Jdbi jdbi;
  private final RunQueue queue;
  private final RunOptions runOptions;

  public WorkOrders(Database database, RunQueue queue, RunOptions runOptions) {
    this.jdbi = database.jdbi();
    this.queue = queue;
    this.runOptions = runOptions;
  }

  /** Finds a webhook trigger by custom path or id (spec §5.2). */
  public Optional<WebhookTrigger> findWebhook(String path) {
    UUID id = parseUuid(path);
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT t.id, t.workflow_id, w.project_id, t.enabled, w.deleted_at IS NULL AS live, t.webhook_reply,
                   EXISTS (SELECT 1 FROM trigger_webhook_auth_methods a WHERE a.trigger_id = t.id) AS has_auth
            FROM triggers t JOIN workflows w ON w.id = t.workflow_id
            WHERE t.type = 'webhook' AND (t.custom_path = :path OR t.id = :id)
            ORDER BY (t.custom_path = :path) DESC NULLS LAST LIMIT 1""")
        .bind("path", path).bind("id", id)
        .map((rs, c) -> new WebhookTrigger(rs.getObject("id", UUID.class), rs.getObject("workflow_id", UUID.class),
            rs.getObject("project_id", UUID.class), rs.getBoolean("enabled"), rs.getBoolean("live"),
            rs.getString("webhook_reply"), rs.getBoolean("has_auth")))
        .findOne());
  }

  /** A work order started by a trigger, its body stored as a dataclip of {@code dataclipType}. */
  public Created createForTrigger(UUID triggerId, String dataclipType, String bodyJson, String requestJson) {
    return jdbi.inTransaction(h -> createForTrigger(h, triggerId, dataclipType, bodyJson, requestJson));
  }

  public Created createForTrigger(Handle h, UUID triggerId, String dataclipType, String bodyJson, String requestJson) {
    var target = h.createQuery("""
            SELECT t.workflow_id, w.project_id,
                   (SELECT s.id FROM project_snapshots s WHERE s.project_id = w.project_id ORDER BY s.version DESC LIMIT 1) AS snapshot
            FROM triggers t JOIN workflows w ON w.id = t.workflow_id WHERE t.id = :t""")
        .bind("t", triggerId)
        .map((rs, c) -> new Object[] {rs.getObject("workflow_id", UUID.class), rs.getObject("project_id", UUID.class),
            rs.getObject("snapshot", UUID.class)})
        .findOne().orElseThrow(() -> new IllegalArgumentException("no trigger " + triggerId));
    UUID dataclip = Dataclips.insert(h, (UUID) target[1], dataclipType, bodyJson, requestJson);
    return createWorkOrder(h, (UUID) target[0], (UUID) target[2], triggerId, dataclip);
  }

  /** A work order on an existing input dataclip (cron ticks reuse the last successful output). */
  public Created createWorkOrder(Handle h, UUID workflowId, UUID snapshotId, UUID triggerId, UUID dataclipId) {
    UUID workOrder = UUID.randomUUID();
    h.createUpdate("""
        INSERT INTO work_orders (id, workflow_id, snapshot_id, trigger_id, dataclip_id, state)
        VALUES (:id, :wf, :snap, :t, :d, 'pending')""")
        .bind("id", workOrder).bind("wf", workflowId).bind("snap", snapshotId).bind("t", triggerId).bind("d", dataclipId)
        .execute();
    UUID run = queue.enqueue(h, new NewRun(workOrder, snapshotId, triggerId, null, dataclipId, NewRun.NORMAL, null, runOptions, null));
    return new Created(workOrder, run, dataclipId);
  }

  private static UUID parseUuid(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
