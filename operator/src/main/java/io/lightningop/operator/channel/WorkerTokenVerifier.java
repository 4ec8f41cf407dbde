package io.lightningop.operator.channel;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.WeakKeyException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the worker token a worker presents when it opens the socket (§4.2): HS256 signed with the
 * UTF-8 bytes of {@code WORKER_SECRET} exactly as configured (not base64-decoded); an {@code nbf},
 * if present, must have been reached. No {@code exp} is required: OpenFn's worker sends none.
 */
public final class WorkerTokenVerifier {

  private final JwtParser parser;

  public WorkerTokenVerifier(String workerSecret) {
    if (workerSecret == null || workerSecret.isEmpty()) {
      throw new IllegalArgumentException("WORKER_SECRET is not set (run `lightning keys` to make one)");
    }
    try {
      this.parser = Jwts.parser()
          .verifyWith(Keys.hmacShaKeyFor(workerSecret.getBytes(StandardCharsets.UTF_8)))
          .build();
    } catch (WeakKeyException e) {
      throw new IllegalArgumentException(
          "WORKER_SECRET must be at least 32 bytes for HS256 (run `lightning keys` to make one)");
    }
  }

  /** The token's claims, or empty when it is missing, malformed, forged or not yet valid. */
  public Optional<Map<String, Object>> verify(String token) {
    if (token == null || token.isBlank()) return Optional.empty();
    try {
      Claims claims = parser.parseSignedClaims(token).getPayload();
      return Optional.of(Map.copyOf(claims));
    } catch (JwtException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
