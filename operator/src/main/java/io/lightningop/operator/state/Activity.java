package io.lightningop.operator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The read side of the audit trail: work orders, runs, steps, dataclips and log lines as JSON,
 * restricted to the projects an actor may read. Listings are keyset-paginated, newest first
 * (logs oldest first).
 */
public final class Activity {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final int MAX_LIMIT = 500;

  private final Jdbi jdbi;

  public Activity(Database database) {
    this.jdbi = database.jdbi();
  }

  public Page<ObjectNode> workOrders(WorkOrderFilter f, Actor actor, String cursor, int limit) {
    int n = Math.max(1, Math.min(limit, MAX_LIMIT));
    List<String> where = new ArrayList<>();
    Map<String, Object> args = new LinkedHashMap<>();
    visibleTo(actor, where, args);
    if (f.projectId() != null) { where.add("w.project_id = :project"); args.put("project", f.projectId()); }
    if (f.workflowId() != null) { where.add("wo.workflow_id = :workflow"); args.put("workflow", f.workflowId()); }
    if (f.since() != null) { where.add("wo.inserted_at >= :since"); args.put("since", OffsetDateTime.ofInstant(f.since(), ZoneOffset.UTC)); }
    if (f.until() != null) { where.add("wo.inserted_at < :until"); args.put("until", OffsetDateTime.ofInstant(f.until(), ZoneOffset.UTC)); }
    if (f.search() != null) {
      where.add("""
          (EXISTS (SELECT 1 FROM dataclips d WHERE d.id = wo.dataclip_id
                   AND to_tsvector('simple', coalesce(d.body::text, '')) @@ websearch_to_tsquery('simple', :q))
           OR EXISTS (SELECT 1 FROM runs r JOIN log_lines l ON l.run_id = r.id WHERE r.work_order_id = wo.id
                   AND to_tsvector('simple', l.message) @@ websearch_to_tsquery('simple', :q)))""");
      args.put("q", f.search());
    }
    if (cursor != null) {
      Cursor c = Cursor.decode(cursor);
      where.add("(wo.inserted_at, wo.id) < (:cursorAt, :cursorId)");
      args.put("cursorAt", c.atUtc());
      args.put("cursorId", c.id());
    }
    String sql = "SELECT wo.*, w.project_id FROM work_orders wo JOIN workflows w ON w.id = wo.workflow_id"
        + (where.isEmpty() && f.states().isEmpty() ? "" : " WHERE " + String.join(" AND ", withStates(where, f)))
        + " ORDER BY wo.inserted_at DESC, wo.id DESC LIMIT " + (n + 1);
    return jdbi.withHandle(h -> {
      Query q = h.createQuery(sql);
      args.forEach(q::bind);
      if (!f.states().isEmpty()) q.bindArray("states", String.class, f.states());
      List<Row> rows = q.map((rs, c) -> new Row(workOrder(rs), rs.getTimestamp("inserted_at").toInstant(), rs.getObject("id", UUID.class))).list();
      return page(rows, n);
    });
  }

  private static List<String> withStates(List<String> where, WorkOrderFilter f) {
    List<String> all = new ArrayList<>(where);
    if (!f.states().isEmpty()) all.add("wo.state = ANY(:states)");
    return all;
  }

  /** A work order with its runs, each run's steps, and the final output of its latest run. */
  public Optional<ObjectNode> workOrder(UUID id, Actor actor) {
    return jdbi.withHandle(h -> {
      Optional<ObjectNode> wo = h.createQuery(
              "SELECT wo.*, w.project_id FROM work_orders wo JOIN workflows w ON w.id = wo.workflow_id WHERE wo.id = :id")
          .bind("id", id).map((rs, c) -> workOrder(rs)).findOne();
      if (wo.isEmpty() || !readable(h, wo.get().get("project_id").asText(), actor)) return Optional.empty();
      ArrayNode runs = wo.get().putArray("runs");
      h.createQuery("SELECT * FROM runs WHERE work_order_id = :id ORDER BY inserted_at, id").bind("id", id)
          .map((rs, c) -> run(rs)).forEach(runs::add);
      JsonNode finalOutput = null;
      for (JsonNode r : runs) {
        ((ObjectNode) r).set("steps", steps(h, UUID.fromString(r.get("id").asText())));
        if (r.hasNonNull("final_dataclip_id")) {
          finalOutput = dataclipBody(h, UUID.fromString(r.get("final_dataclip_id").asText()));
        }
      }
      wo.get().set("final_output", finalOutput);
      return wo;
    });
  }

  public Optional<ObjectNode> run(UUID id, Actor actor) {
    return jdbi.withHandle(h -> {
      Optional<ObjectNode> run = h.createQuery("""
              SELECT r.*, w.project_id FROM runs r JOIN work_orders wo ON wo.id = r.work_order_id
              JOIN workflows w ON w.id = wo.workflow_id WHERE r.id = :id""")
          .bind("id", id).map((rs, c) -> {
            ObjectNode n = run(rs);
            n.put("project_id", rs.getString("project_id"));
            return n;
          }).findOne();
      if (run.isEmpty() || !readable(h, run.get().get("project_id").asText(), actor)) return Optional.empty();
      run.get().set("steps", steps(h, id));
      return run;
    });
  }

  /** Log lines of a run, oldest first; {@code search} is full text over messages. Empty when the run is not readable. */
  public Optional<Page<ObjectNode>> logs(UUID runId, Actor actor, String search, String cursor, int limit) {
    int n = Math.max(1, Math.min(limit, MAX_LIMIT * 4));
    return jdbi.withHandle(h -> {
      if (run(runId, actor).isEmpty()) return Optional.empty();
      StringBuilder sql = new StringBuilder("SELECT * FROM log_lines WHERE run_id = :run");
      if (search != null && !search.isBlank()) sql.append(" AND to_tsvector('simple', message) @@ websearch_to_tsquery('simple', :q)");
      Cursor c = cursor == null ? null : Cursor.decode(cursor);
      if (c != null) sql.append(" AND (timestamp, id) > (:cursorAt, :cursorId)");
      sql.append(" ORDER BY timestamp, id LIMIT ").append(n + 1);
      Query q = h.createQuery(sql.toString()).bind("run", runId);
      if (search != null && !search.isBlank()) q.bind("q", search);
      if (c != null) q.bind("cursorAt", c.atUtc()).bind("cursorId", c.id());
      List<Row> rows = q.map((rs, ctx) -> {
        ObjectNode l = JSON.createObjectNode();
        l.put("id", rs.getString("id"));
        l.put("run_id", rs.getString("run_id"));
        l.put("step_id", rs.getString("step_id"));
        l.put("source", rs.getString("source"));
        l.put("level", rs.getString("level"));
        l.put("message", rs.getString("message"));
        l.put("timestamp", ProjectDocuments.time(rs, "timestamp"));
        return new Row(l, rs.getTimestamp("timestamp").toInstant(), rs.getObject("id", UUID.class));
      }).list();
      return Optional.of(page(rows, n));
    });
  }

  public Optional<ObjectNode> dataclip(UUID id, Actor actor) {
    return jdbi.withHandle(h -> h.createQuery("SELECT *, body::text AS body_text, request::text AS request_text FROM dataclips WHERE id = :id")
        .bind("id", id)
        .map((rs, c) -> {
          ObjectNode d = JSON.createObjectNode();
          d.put("id", rs.getString("id"));
          d.put("project_id", rs.getString("project_id"));
          d.put("type", rs.getString("type"));
          d.set("body", parse(rs.getString("body_text")));
          d.set("request", parse(rs.getString("request_text")));
          d.put("wiped_at", ProjectDocuments.time(rs, "wiped_at"));
          d.put("inserted_at", ProjectDocuments.time(rs, "inserted_at"));
          return d;
        })
        .findOne()
        .filter(d -> readable(h, d.get("project_id").asText(), actor)));
  }

  private static void visibleTo(Actor actor, List<String> where, Map<String, Object> args) {
    if (actor.superuser()) return;
    where.add("w.project_id IN (SELECT project_id FROM project_members WHERE email = :email)");
    args.put("email", actor.email());
  }

  static boolean readable(Handle h, String projectId, Actor actor) {
    if (actor.superuser()) return true;
    return h.createQuery("SELECT count(*) FROM project_members WHERE project_id = :p AND email = :e")
        .bind("p", UUID.fromString(projectId)).bind("e", actor.email()).mapTo(Long.class).one() > 0;
  }

  private static ArrayNode steps(Handle h, UUID runId) {
    ArrayNode out = JSON.createArrayNode();
    h.createQuery("""
            SELECT s.* FROM steps s JOIN run_steps rs ON rs.step_id = s.id WHERE rs.run_id = :r
            ORDER BY s.started_at NULLS LAST, s.inserted_at, s.id""")
        .bind("r", runId)
        .map((rs, c) -> {
          ObjectNode s = JSON.createObjectNode();
          for (String k : List.of("id", "job_id", "snapshot_id", "input_dataclip_id", "output_dataclip_id",
              "exit_reason", "error_type", "error_message")) s.put(k, rs.getString(k));
          s.put("started_at", ProjectDocuments.time(rs, "started_at"));
          s.put("finished_at", ProjectDocuments.time(rs, "finished_at"));
          return s;
        })
        .forEach(out::add);
    return out;
  }

  private static JsonNode dataclipBody(Handle h, UUID id) {
    return h.createQuery("SELECT body::text FROM dataclips WHERE id = :id").bind("id", id)
        .mapTo(String.class).findOne().map(Activity::parse).orElse(null);
  }

  private static ObjectNode workOrder(ResultSet rs) throws SQLException {
    ObjectNode n = JSON.createObjectNode();
    for (String k : List.of("id", "project_id", "workflow_id", "snapshot_id", "trigger_id", "dataclip_id", "state")) {
      n.put(k, rs.getString(k));
    }
    n.put("last_activity", ProjectDocuments.time(rs, "last_activity"));
    n.put("inserted_at", ProjectDocuments.time(rs, "inserted_at"));
    n.put("updated_at", ProjectDocuments.time(rs, "updated_at"));
    return n;
  }

  private static ObjectNode run(ResultSet rs) throws SQLException {
    ObjectNode n = JSON.createObjectNode();
    for (String k : List.of("id", "work_order_id", "snapshot_id", "starting_trigger_id", "starting_job_id", "dataclip_id",
        "final_dataclip_id", "created_by", "state", "error_type", "worker_name")) {
      n.put(k, rs.getString(k));
    }
    n.put("priority", rs.getInt("priority") == 0 ? "immediate" : "normal");
    for (String k : List.of("claimed_at", "started_at", "finished_at", "inserted_at")) n.put(k, ProjectDocuments.time(rs, k));
    return n;
  }

  private record Row(ObjectNode json, java.time.Instant at, UUID id) {}

  private static Page<ObjectNode> page(List<Row> rows, int n) {
    boolean more = rows.size() > n;
    List<Row> shown = more ? rows.subList(0, n) : rows;
    String next = more ? new Cursor(shown.getLast().at(), shown.getLast().id()).encode() : null;
    return new Page<>(shown.stream().map(Row::json).toList(), next);
  }

  private static JsonNode parse(String json) {
    return json == null ? null : ProjectDocuments.parse(json);
  }

}
