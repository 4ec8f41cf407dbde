package io.lightningop.operator.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Appends audit events inside the transaction that made the change. */
public final class AuditLog {
  private AuditLog() {}

  public static void record(Handle h, String itemType, UUID itemId, String event, String actor, JsonNode changes) {
    h.createUpdate("""
        INSERT INTO audit_events (id, item_type, item_id, event, actor, changes)
        VALUES (:id, :type, :item, :event, :actor, CAST(:changes AS jsonb))""")
        .bind("id", UUID.randomUUID()).bind("type", itemType).bind("item", itemId).bind("event", event)
        .bind("actor", actor).bind("changes", changes.toString())
        .execute();
  }
}
