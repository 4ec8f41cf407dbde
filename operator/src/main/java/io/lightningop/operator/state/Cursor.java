package io.lightningop.operator.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * A stable keyset cursor: the (timestamp, id) of the last row served, in microseconds as
 * PostgreSQL stores them, so rows inserted meanwhile never shift a page.
 */
public record Cursor(Instant at, UUID id) {
  public String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
    return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
  }

  /** @throws IllegalArgumentException for anything that is not a cursor this API handed out */
  public static Cursor decode(String text) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(":", 2);
      return new Cursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS), UUID.fromString(parts[1]));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cursor is not valid (use next_cursor from a previous page)");
    }
  }

  OffsetDateTime atUtc() {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
