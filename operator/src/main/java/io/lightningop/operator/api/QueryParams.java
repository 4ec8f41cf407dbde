package io.lightningop.operator.api;

import io.lightningop.operator.state.WorkOrderFilter;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Reads and checks query parameters; a bad one is a 400 naming the parameter. */
final class QueryParams {
  private static final Set<String> WORK_ORDER_STATES = Set.of("rejected", "pending", "running", "success", "failed",
      "crashed", "cancelled", "killed", "exception", "lost");

  private QueryParams() {}

  static WorkOrderFilter workOrderFilter(MultiMap q) {
    List<String> states = new ArrayList<>();
    for (String v : q.getAll("status")) {
      for (String s : v.split(",")) {
        if (s.isBlank()) continue;
        if (!WORK_ORDER_STATES.contains(s.trim())) {
          throw new BadRequestException("status: unknown work order state '" + s.trim() + "' (one of " + String.join(", ", WORK_ORDER_STATES.stream().sorted().toList()) + ")");
        }
        states.add(s.trim());
      }
    }
    return new WorkOrderFilter(uuid(q, "project_id"), uuid(q, "workflow_id"), states, time(q, "since"), time(q, "until"),
        q.get("search"));
  }

  static UUID uuid(MultiMap q, String name) {
    String v = q.get(name);
    if (v == null || v.isBlank()) return null;
    try {
      return UUID.fromString(v);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(name + ": not a UUID");
    }
  }

  static UUID pathUuid(String value, String name) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      return null;
    }
  }

  static Instant time(MultiMap q, String name) {
    String v = q.get(name);
    if (v == null || v.isBlank()) return null;
    try {
      return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new BadRequestException(name + ": expected a date (2026-11-22) or an ISO-8601 instant (2026-11-22T10:00:00Z)");
    }
  }

  static int limit(MultiMap q, int dflt) {
    String v = q.get("limit");
    if (v == null) return dflt;
    try {
      int n = Integer.parseInt(v);
      if (n < 1) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new BadRequestException("limit: expected a positive whole number");
    }
  }
}
