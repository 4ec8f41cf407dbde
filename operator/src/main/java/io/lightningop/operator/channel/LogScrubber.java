package io.lightningop.operator.channel;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Redacts credential values from log text as Lightning's scrubber does (§4.7): every string and
 * number leaf of the run's credential bodies, plus the base64 basic-auth form of each
 * username/password pair, is replaced by {@code ***}. Longest first, so a secret that contains
 * another is removed whole.
 */
final class LogScrubber {

  static final String MASK = "***";
  static final LogScrubber NONE = new LogScrubber(List.of());

  private final List<String> secrets;

  private LogScrubber(List<String> secrets) {
    this.secrets = secrets;
  }

  static LogScrubber of(List<JsonNode> credentialBodies) {
    Set<String> values = new LinkedHashSet<>();
    for (JsonNode body : credentialBodies) {
      collect(body, values);
      String user = body.path("username").asText(null);
      String pass = body.path("password").asText(null);
      if (user != null && pass != null) {
        values.add(Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8)));
      }
    }
    List<String> sorted = new ArrayList<>(values);
    sorted.removeIf(s -> s.isBlank());
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    return new LogScrubber(List.copyOf(sorted));
  }

  String scrub(String text) {
    String out = text;
    for (String s : secrets) out = out.replace(s, MASK);
    return out;
  }

  private static void collect(JsonNode node, Set<String> into) {
    if (node.isTextual() || node.isNumber()) {
      into.add(node.asText());
    } else if (node.isContainerNode()) {
      node.forEach(child -> collect(child, into));
    }
  }
}
