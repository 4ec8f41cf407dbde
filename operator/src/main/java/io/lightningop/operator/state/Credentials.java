package io.lightningop.operator.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Credential secrets, sealed with AES-GCM before they reach the database. The clear body leaves
 * this class only through {@link #bodyForProjectCredential}, which the worker channel uses to
 * answer {@code fetch:credential} for a run.
 */
public final class Credentials {
  private final Jdbi jdbi;
  private final CredentialCipher cipher;

  public Credentials(Database database, CredentialCipher cipher) {
    this.jdbi = database.jdbi();
    this.cipher = cipher;
  }

  /** Creates or replaces the credential {@code name} owned by {@code owner}. */
  public UUID put(String owner, String name, String schema, JsonNode body) {
    byte[] sealed = cipher.encrypt(body.toString().getBytes(StandardCharsets.UTF_8));
    return jdbi.withHandle(h -> h.createQuery("""
            INSERT INTO credentials (id, name, owner, schema, body_encrypted) VALUES (:id, :n, :o, :s, :b)
            ON CONFLICT (owner, name) DO UPDATE SET schema = EXCLUDED.schema, body_encrypted = EXCLUDED.body_encrypted,
                updated_at = now()
            RETURNING id""")
        .bind("id", UUID.randomUUID()).bind("n", name).bind("o", owner).bind("s", schema).bind("b", sealed)
        .mapTo(UUID.class).one());
  }

  /** Creates an empty credential unless one exists, so a project referring to it can be applied. */
  public boolean ensureExists(String owner, String name) {
    byte[] sealed = cipher.encrypt("{}".getBytes(StandardCharsets.UTF_8));
    return jdbi.withHandle(h -> h.createUpdate("""
            INSERT INTO credentials (id, name, owner, body_encrypted) VALUES (:id, :n, :o, :b)
            ON CONFLICT (owner, name) DO NOTHING""")
        .bind("id", UUID.randomUUID()).bind("n", name).bind("o", owner).bind("b", sealed).execute()) > 0;
  }

  /** The decrypted body of the credential behind a project-credential id (for a run's worker). */
  public Optional<String> bodyForProjectCredential(UUID projectCredentialId) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT c.body_encrypted FROM project_credentials pc JOIN credentials c ON c.id = pc.credential_id
            WHERE pc.id = :id""")
        .bind("id", projectCredentialId)
        .map((rs, c) -> rs.getBytes(1))
        .findOne()
        .map(b -> new String(cipher.decrypt(b), StandardCharsets.UTF_8)));
  }
}
