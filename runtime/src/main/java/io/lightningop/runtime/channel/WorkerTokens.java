package io.lightningop.runtime.channel;

import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.WeakKeyException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Date;

/**
 * The worker's side of the two tokens (§4.2, §4.4): it signs its own worker token with
 * {@code WORKER_SECRET} and, when {@code WORKER_LIGHTNING_PUBLIC_KEY} is given, checks each run
 * token it is handed (issuer {@code Lightning}, 5 s clock tolerance, {@code id} = the run).
 */
public final class WorkerTokens {

  private WorkerTokens() {}

  /** {@code {"worker_id", "iat", "iss":"urn:openfn:worker"}}, HS256, no exp — as ws-worker. */
  public static String workerToken(String secret, String workerId) {
    try {
      return Jwts.builder()
          .claim("worker_id", workerId)
          .issuedAt(Date.from(Instant.now()))
          .issuer("urn:openfn:worker")
          .signWith(Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
          .compact();
    } catch (WeakKeyException e) {
      throw new IllegalArgumentException("WORKER_SECRET must be at least 32 bytes for HS256");
    }
  }

  /** Verifies run tokens against Lightning's public key. */
  public static final class RunTokenVerifier {
    private final JwtParser parser;

    public RunTokenVerifier(PublicKey lightningKey) {
      this.parser = Jwts.parser().verifyWith(lightningKey).requireIssuer("Lightning").clockSkewSeconds(5).build();
    }

    /** True when the token is valid now and names {@code runId}. */
    public boolean valid(String token, String runId) {
      try {
        return runId.equals(parser.parseSignedClaims(token).getPayload().get("id", String.class));
      } catch (JwtException | IllegalArgumentException e) {
        return false;
      }
    }
  }
}
