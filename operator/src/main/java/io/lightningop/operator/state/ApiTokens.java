package io.lightningop.operator.state;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Bearer tokens for the HTTP API. A token is shown once when created; only its SHA-256 is kept,
 * so a database dump does not hand out API access.
 */
public final class ApiTokens {
  private static final String PREFIX = "lop_";
  private final Jdbi jdbi;
  private final SecureRandom random = new SecureRandom();

  public ApiTokens(Database database) {
    this.jdbi = database.jdbi();
  }

  /** Creates a token for {@code ownerEmail} and returns it in clear (the only time it exists so). */
  public String create(String name, String ownerEmail, boolean superuser) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO api_tokens (id, name, owner_email, superuser, token_hash) VALUES (:id, :n, :e, :s, :h)""")
        .bind("id", UUID.randomUUID()).bind("n", name).bind("e", ownerEmail).bind("s", superuser)
        .bind("h", WebhookAuth.digest(token)).execute());
    return token;
  }

  /** Whether {@code token} is a live token (used to reuse a token file across restarts). */
  public boolean isValid(String token) {
    return verify(token).isPresent();
  }

  /** The actor a token stands for; records its use. */
  public Optional<Actor> verify(String token) {
    if (token == null || token.isBlank()) return Optional.empty();
    return jdbi.withHandle(h -> h.createQuery("""
            UPDATE api_tokens SET last_used_at = now() WHERE token_hash = :h RETURNING owner_email, superuser""")
        .bind("h", WebhookAuth.digest(token.trim()))
        .map((rs, c) -> Actor.user(rs.getString("owner_email"), rs.getBoolean("superuser")))
        .findOne());
  }
}
