package io.lightningop.operator.channel;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import io.lightningop.spec.worker.WorkerKeys;

/**
 * Run tokens (§4.4): minted per claimed run, RS256 with {@code WORKER_RUNS_PRIVATE_KEY}, claims
 * {@code iss=Lightning}, {@code id=<run id>}, {@code nbf=now}, {@code exp=now + run timeout +
 * grace}. A token opens exactly the run it names: {@link #opens} checks the id against the topic.
 */
public final class RunTokens {

  public static final String ISSUER = "Lightning";

  private final PrivateKey privateKey;
  private final JwtParser parser;
  private final Clock clock;

  public RunTokens(PrivateKey privateKey, Clock clock) {
    this.privateKey = privateKey;
    this.clock = clock;
    this.parser = Jwts.parser()
        .verifyWith(WorkerKeys.publicOf(privateKey))
        .requireIssuer(ISSUER)
        .clock(() -> Date.from(clock.instant()))
        .build();
  }

  /** @param lifetime the run's timeout plus the grace period */
  public String mint(String runId, Duration lifetime) {
    Instant now = clock.instant();
    return Jwts.builder()
        .issuer(ISSUER)
        .claim("id", runId)
        .notBefore(Date.from(now))
        .expiration(Date.from(now.plus(lifetime)))
        .signWith(privateKey, Jwts.SIG.RS256)
        .compact();
  }

  /** True when the token is signed by us, current, issued by Lightning and names {@code runId}. */
  public boolean opens(String token, String runId) {
    if (token == null || token.isBlank()) return false;
    try {
      Claims c = parser.parseSignedClaims(token).getPayload();
      return runId.equals(c.get("id", String.class)) && c.getNotBefore() != null && c.getExpiration() != null;
    } catch (JwtException | IllegalArgumentException e) {
      return false;
    }
  }
}
