package io.lightningop.operator.state;

import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * A work order's state follows its runs (Lightning): an unfinished run decides it (started →
 * running, available/claimed → pending), otherwise the newest run's final state.
 */
final class WorkOrderStates {
  private WorkOrderStates() {}

  static void refresh(Handle h, UUID workOrderId) {
    h.createUpdate("""
        UPDATE work_orders wo SET state = s.state, last_activity = clock_timestamp(), updated_at = clock_timestamp()
        FROM (SELECT CASE
                WHEN bool_or(state = 'started') THEN 'running'
                WHEN bool_or(state IN ('available', 'claimed')) THEN 'pending'
                ELSE (array_agg(state ORDER BY inserted_at DESC, id DESC))[1] END AS state
              FROM runs WHERE work_order_id = :id) s
        WHERE wo.id = :id AND s.state IS NOT NULL""")
        .bind("id", workOrderId)
        .execute();
  }
}
