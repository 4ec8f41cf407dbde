package io.lightningop.operator.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Webhook auth methods (Lightning: API key in {@code x-api-key}, or HTTP Basic), attached to
 * triggers. Only SHA-256 digests of the secrets are stored and compared in constant time.
 */
public final class WebhookAuth {
  /** Outcome of checking a request: no methods (open), credentials missing, wrong, or accepted. */
  public enum Verdict { OPEN, MISSING, WRONG, ACCEPTED }

  private final Jdbi jdbi;

  public WebhookAuth(Database database) {
    this.jdbi = database.jdbi();
  }

  public UUID addApiKey(UUID projectId, String name, String apiKey, List<UUID> triggerIds) {
    return add(projectId, name, "api", digest(apiKey), triggerIds);
  }

  public UUID addBasic(UUID projectId, String name, String username, String password, List<UUID> triggerIds) {
    if (password.length() < 8 || password.length() > 72) {
      throw new IllegalArgumentException("password should be 8 to 72 characters");
    }
    return add(projectId, name, "basic", digest(username + ":" + password), triggerIds);
  }

  private UUID add(UUID projectId, String name, String type, byte[] hash, List<UUID> triggerIds) {
    UUID id = UUID.randomUUID();
    jdbi.useTransaction(h -> {
      h.createUpdate("INSERT INTO webhook_auth_methods (id, project_id, name, auth_type, secret_hash) VALUES (:id, :p, :n, :t, :h)")
          .bind("id", id).bind("p", projectId).bind("n", name).bind("t", type).bind("h", hash).execute();
      for (UUID t : triggerIds) {
        h.createUpdate("INSERT INTO trigger_webhook_auth_methods (trigger_id, auth_method_id) VALUES (:t, :m)")
            .bind("t", t).bind("m", id).execute();
      }
    });
    return id;
  }

  /**
   * @param apiKey the {@code x-api-key} header or null
   * @param authorization the {@code Authorization} header or null
   */
  public Verdict check(UUID triggerId, String apiKey, String authorization) {
    List<Method> methods = jdbi.withHandle(h -> h.createQuery("""
            SELECT m.auth_type, m.secret_hash FROM webhook_auth_methods m
            JOIN trigger_webhook_auth_methods tm ON tm.auth_method_id = m.id WHERE tm.trigger_id = :t""")
        .bind("t", triggerId)
        .map((rs, c) -> new Method(rs.getString("auth_type"), rs.getBytes("secret_hash")))
        .list());
    if (methods.isEmpty()) return Verdict.OPEN;
    byte[] basic = basicDigest(authorization);
    if (apiKey == null && basic == null) return Verdict.MISSING;
    byte[] key = apiKey == null ? null : digest(apiKey);
    for (Method m : methods) {
      byte[] offered = m.type().equals("api") ? key : basic;
      if (offered != null && MessageDigest.isEqual(offered, m.hash())) return Verdict.ACCEPTED;
    }
    return Verdict.WRONG;
  }

  private record Method(String type, byte[] hash) {}

  private static byte[] basicDigest(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) return null;
    try {
      return digest(new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return new byte[0]; // present but malformed: counts as wrong, not missing
    }
  }

  static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
