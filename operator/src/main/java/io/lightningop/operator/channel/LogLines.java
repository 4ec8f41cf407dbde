package io.lightningop.operator.channel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns a wire log line's {@code message} into the stored text (§4.12). */
final class LogLines {

  static final Set<String> LEVELS = Set.of("success", "always", "info", "warn", "error", "debug");

  private LogLines() {}

  /** Strings as-is, objects JSON-encoded, arrays joined by spaces; control characters → U+FFFD. */
  static String text(JsonNode message) {
    String raw;
    if (message == null || message.isNull()) {
      raw = "";
    } else if (message.isArray()) {
      List<String> parts = new ArrayList<>();
      message.forEach(m -> parts.add(m.isTextual() ? m.textValue() : m.toString()));
      raw = String.join(" ", parts);
    } else {
      raw = message.isTextual() ? message.textValue() : message.toString();
    }
    StringBuilder sb = new StringBuilder(raw.length());
    raw.codePoints().forEach(c -> {
      boolean control = Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t' && c != '\r';
      sb.appendCodePoint(control ? 0xFFFD : c);
    });
    return sb.toString();
  }
}
