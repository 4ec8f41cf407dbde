package io.lightningop.runtime.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.regex.Pattern;

/** The corpus' normalization (README "Normalization already applied"), for our own output. */
final class Normalizer {
  private static final Pattern DURATION = Pattern.compile(" in (?:\\d+m )?\\d+(?:\\.\\d+)?(?:ms|s)\\b");
  private static final Pattern ABORT = Pattern.compile("with error \\((?:\\d+m )?\\d+(?:\\.\\d+)?(?:ms|s)\\)");
  private static final Pattern MEMORY = Pattern.compile("\\[step \\d+mb\\] \\[system \\d+mb\\]");

  private Normalizer() {}

  static JsonNode normalize(JsonNode v) {
    return normalize(v, null);
  }

  private static JsonNode normalize(JsonNode v, String key) {
    if (v == null) return JsonNodeFactory.instance.nullNode();
    if (v.isArray()) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      v.forEach(x -> a.add(normalize(x, null)));
      return a;
    }
    if (v.isObject()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      v.properties().forEach(e -> o.set(e.getKey(), normalize(e.getValue(), e.getKey())));
      return o;
    }
    if ("duration".equals(key) && v.isNumber()) return TextNode.valueOf("<duration>");
    if ("date".equals(key) && v.isTextual()) return TextNode.valueOf("<date>");
    if ("stack".equals(key) && v.isTextual()) return TextNode.valueOf("<stack>");
    if (v.isTextual()) {
      String s = v.asText();
      s = MEMORY.matcher(s).replaceAll("[step <mb>] [system <mb>]");
      s = DURATION.matcher(s).replaceAll(" in <duration>");
      s = ABORT.matcher(s).replaceAll("with error (<duration>)");
      return TextNode.valueOf(s);
    }
    return v;
  }
}
