package io.lightningop.operator.state;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Filters of the work-order listing; null means "any". {@code search} is full text over input dataclips and run logs. */
public record WorkOrderFilter(UUID projectId, UUID workflowId, List<String> states, Instant since, Instant until, String search) {
  public WorkOrderFilter {
    states = states == null ? List.of() : List.copyOf(states);
    if (search != null && search.isBlank()) search = null;
  }
}
