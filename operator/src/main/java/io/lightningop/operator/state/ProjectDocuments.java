package io.lightningop.operator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * A project as {@code GET /api/provision/:id} serves it (spec §3.3): records sorted by insertion,
 * soft-deleted workflows left out, null trigger/edge keys dropped. Also the content of snapshots.
 */
public final class ProjectDocuments {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper SORTED = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final Set<String> VOLATILE = Set.of("inserted_at", "updated_at", "lock_version", "version_history");

  private ProjectDocuments() {}

  /** The live project as projectState.json would record it (keys from names), if it exists. */
  public static Optional<io.lightningop.spec.state.ProjectState> liveState(Database database, UUID projectId) {
    return database.jdbi().withHandle(h -> read(h, projectId)).map(io.lightningop.spec.state.PayloadState::fromPayload);
  }

  public static Optional<ObjectNode> read(Handle h, UUID projectId) {
    Optional<ObjectNode> project = h.createQuery("SELECT * FROM projects WHERE id = :id").bind("id", projectId)
        .map((rs, c) -> {
          ObjectNode n = JSON.createObjectNode();
          n.put("id", rs.getString("id"));
          n.put("name", rs.getString("name"));
          n.put("description", rs.getString("description"));
          n.put("inserted_at", time(rs, "inserted_at"));
          n.put("updated_at", time(rs, "updated_at"));
          n.putNull("scheduled_deletion");
          n.put("requires_mfa", false);
          n.put("retention_policy", rs.getString("retention_policy"));
          n.putNull("history_retention_period");
          n.putNull("dataclip_retention_period");
          n.put("allow_support_access", false);
          if (rs.getObject("concurrency") == null) n.putNull("concurrency"); else n.put("concurrency", rs.getInt("concurrency"));
          return n;
        }).findOne();
    project.ifPresent(p -> {
      ArrayNode workflows = p.putArray("workflows");
      h.createQuery("""
              SELECT w.*, (SELECT s.content_hash FROM project_snapshots s WHERE s.project_id = w.project_id
                           ORDER BY s.version DESC LIMIT 1) AS version
              FROM workflows w WHERE w.project_id = :p AND w.deleted_at IS NULL ORDER BY w.inserted_at, w.id""")
          .bind("p", projectId)
          .map((rs, c) -> {
            ObjectNode w = JSON.createObjectNode();
            w.put("id", rs.getString("id"));
            w.put("name", rs.getString("name"));
            w.put("inserted_at", time(rs, "inserted_at"));
            w.put("updated_at", time(rs, "updated_at"));
            w.putNull("deleted_at");
            w.put("lock_version", rs.getInt("lock_version"));
            if (rs.getObject("concurrency") == null) w.putNull("concurrency"); else w.put("concurrency", rs.getInt("concurrency"));
            ArrayNode history = w.putArray("version_history");
            if (rs.getString("version") != null) history.add(rs.getString("version"));
            return w;
          })
          .forEach(workflows::add);
      for (JsonNode w : workflows) {
        UUID wf = UUID.fromString(w.get("id").asText());
        ((ObjectNode) w).set("jobs", rows(h, "SELECT * FROM jobs WHERE workflow_id = :w ORDER BY inserted_at, id", wf, rs -> {
          ObjectNode j = JSON.createObjectNode();
          j.put("id", rs.getString("id"));
          j.put("name", rs.getString("name"));
          j.put("adaptor", rs.getString("adaptor"));
          j.put("body", rs.getString("body"));
          j.put("project_credential_id", rs.getString("project_credential_id"));
          return j;
        }, false));
        ((ObjectNode) w).set("triggers", rows(h, "SELECT *, kafka_configuration::text AS kafka FROM triggers WHERE workflow_id = :w ORDER BY inserted_at, id", wf, rs -> {
          ObjectNode t = JSON.createObjectNode();
          t.put("id", rs.getString("id"));
          t.put("type", rs.getString("type"));
          t.put("enabled", rs.getBoolean("enabled"));
          t.put("cron_expression", rs.getString("cron_expression"));
          t.put("cron_cursor_job_id", rs.getString("cron_cursor_job_id"));
          t.put("webhook_reply", rs.getString("webhook_reply"));
          t.put("custom_path", rs.getString("custom_path"));
          if (rs.getString("kafka") != null) t.set("kafka_configuration", parse(rs.getString("kafka")));
          return t;
        }, true));
        ((ObjectNode) w).set("edges", rows(h, "SELECT * FROM edges WHERE workflow_id = :w ORDER BY inserted_at, id", wf, rs -> {
          ObjectNode e = JSON.createObjectNode();
          e.put("id", rs.getString("id"));
          e.put("enabled", rs.getBoolean("enabled"));
          e.put("source_job_id", rs.getString("source_job_id"));
          e.put("source_trigger_id", rs.getString("source_trigger_id"));
          e.put("condition_type", rs.getString("condition_type"));
          e.put("condition_label", rs.getString("condition_label"));
          e.put("condition_expression", rs.getString("condition_expression"));
          e.put("target_job_id", rs.getString("target_job_id"));
          return e;
        }, true));
      }
      ArrayNode creds = p.putArray("project_credentials");
      h.createQuery("""
              SELECT pc.id, c.name, c.owner FROM project_credentials pc JOIN credentials c ON c.id = pc.credential_id
              WHERE pc.project_id = :p ORDER BY pc.inserted_at, pc.id""")
          .bind("p", projectId)
          .map((rs, c) -> {
            ObjectNode n = JSON.createObjectNode();
            n.put("id", rs.getString("id"));
            n.put("name", rs.getString("name"));
            n.put("owner", rs.getString("owner"));
            return n;
          })
          .forEach(creds::add);
      p.putArray("collections");
    });
    return project;
  }

  /** SHA-256 of the document without timestamps and version counters: equal content, equal hash. */
  public static String contentHash(JsonNode document) {
    try {
      Object plain = JSON.treeToValue(strip(document.deepCopy()), Object.class);
      byte[] bytes = SORTED.writeValueAsString(plain).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode strip(JsonNode n) {
    if (n instanceof ObjectNode o) {
      VOLATILE.forEach(o::remove);
      for (Map.Entry<String, JsonNode> e : o.properties()) strip(e.getValue());
    } else if (n instanceof ArrayNode a) {
      a.forEach(ProjectDocuments::strip);
    }
    return n;
  }

  private interface RowMapper {
    ObjectNode map(ResultSet rs) throws SQLException;
  }

  private static ArrayNode rows(Handle h, String sql, UUID workflowId, RowMapper mapper, boolean dropNulls) {
    ArrayNode out = JSON.createArrayNode();
    h.createQuery(sql).bind("w", workflowId).map((rs, c) -> mapper.map(rs)).forEach(n -> {
      if (dropNulls) {
        n.properties().removeIf(e -> e.getValue().isNull());
      }
      out.add(n);
    });
    return out;
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("corrupt JSON in the database", e);
    }
  }

  /** A timestamp column as ISO-8601 UTC, or null. */
  static String time(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant().toString();
  }
}
