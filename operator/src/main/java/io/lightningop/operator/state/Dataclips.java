package io.lightningop.operator.state;

import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Dataclip rows. A top-level {@code configuration} key never reaches storage (Lightning strips it). */
public final class Dataclips {
  private Dataclips() {}

  public static UUID insert(Handle h, UUID projectId, String type, String bodyJson, String requestJson) {
    UUID id = UUID.randomUUID();
    h.createUpdate("""
        INSERT INTO dataclips (id, project_id, type, body, request)
        VALUES (:id, :p, :type, CAST(:body AS jsonb) - 'configuration', CAST(:request AS jsonb))""")
        .bind("id", id).bind("p", projectId).bind("type", type).bind("body", bodyJson).bind("request", requestJson)
        .execute();
    return id;
  }
}
