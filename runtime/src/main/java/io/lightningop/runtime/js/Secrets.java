package io.lightningop.runtime.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Credential values, and their removal from log lines (beyond the OpenFn logger's own masking). */
final class Secrets {
  static final String MASK = "****";
  /** Shorter values (ports, flags, "true") would mask ordinary words. */
  private static final int MIN_LENGTH = 4;

  private Secrets() {}

  /** Adds every string (and number) leaf of a configuration object to {@code out}. */
  static void collect(JsonNode config, Set<String> out) {
    if (config == null) return;
    if (config.isObject() || config.isArray()) {
      config.forEach(v -> collect(v, out));
    } else if (config.isTextual() || config.isNumber()) {
      String s = config.asText();
      if (s.length() >= MIN_LENGTH) out.add(s);
    }
  }

  /** A copy of {@code value} with every occurrence of a secret inside strings replaced by the mask. */
  static JsonNode scrub(JsonNode value, Set<String> secrets) {
    if (value.isTextual()) {
      String s = value.asText();
      String r = s;
      for (String secret : secrets) if (r.contains(secret)) r = r.replace(secret, MASK);
      return r == s ? value : TextNode.valueOf(r);
    }
    if (value.isNumber()) {
      return secrets.contains(value.asText()) ? TextNode.valueOf(MASK) : value;
    }
    if (value instanceof ObjectNode o) {
      ObjectNode copy = o.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(e.getKey(), scrub(e.getValue(), secrets));
      }
      return copy;
    }
    if (value instanceof ArrayNode a) {
      ArrayNode copy = a.arrayNode();
      a.forEach(v -> copy.add(scrub(v, secrets)));
      return copy;
    }
    return value;
  }
}
