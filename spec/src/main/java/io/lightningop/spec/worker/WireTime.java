package io.lightningop.spec.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps on the worker protocol: microseconds since the epoch as a decimal string (§4.12).
 * Lightning also accepts integer milliseconds and 13-digit (ms) strings; anything else is an error.
 */
public final class WireTime {

  private WireTime() {}

  public static String micros(Instant t) {
    return Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, t));
  }

  public static String nowMicros() {
    return micros(Instant.now());
  }

  /** Parses a wire timestamp; null when absent; IllegalArgumentException names the bad value. */
  public static Instant parse(JsonNode value) {
    if (value == null || value.isNull()) return null;
    if (value.isIntegralNumber()) return Instant.ofEpochMilli(value.longValue());
    if (value.isTextual() && value.textValue().matches("\\d{16}")) {
      long us = Long.parseLong(value.textValue());
      return Instant.EPOCH.plus(us, ChronoUnit.MICROS);
    }
    if (value.isTextual() && value.textValue().matches("\\d{13}")) {
      return Instant.ofEpochMilli(Long.parseLong(value.textValue()));
    }
    throw new IllegalArgumentException("timestamp " + value + " is not µs (16 digits) or ms (13 digits)");
  }
}
