package io.lightningop.spec.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * JavaScript object semantics that OpenFn's output depends on. Property order: keys that are
 * array indices ("0", "17") come first in ascending numeric order, then the other keys in
 * insertion order — so {@code Object.keys}, {@code Object.values} and {@code JSON.stringify}
 * see them that way.
 */
final class JsObjects {
  private static final long MAX_INDEX = 4294967294L; // 2^32 - 2

  private JsObjects() {}

  static List<String> keys(Collection<String> insertionOrder) {
    List<String> indices = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (String k : insertionOrder) (isIndex(k) ? indices : others).add(k);
    indices.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
    indices.addAll(others);
    return indices;
  }

  static List<String> keys(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return keys(names);
  }

  static List<JsonNode> values(JsonNode object) {
    List<JsonNode> out = new ArrayList<>();
    if (object == null || !object.isObject()) return out;
    for (String k : keys(object)) out.add(object.get(k));
    return out;
  }

  /** {@code JSON.parse}-style falsiness for "is there an entry": missing, null, false, 0, "". */
  static boolean truthy(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) return false;
    if (n.isBoolean()) return n.booleanValue();
    if (n.isNumber()) return n.doubleValue() != 0 && !Double.isNaN(n.doubleValue());
    if (n.isTextual()) return !n.textValue().isEmpty();
    return true;
  }

  static boolean isEmptyObject(JsonNode n) {
    return n == null || !n.isObject() || n.isEmpty();
  }

  static ObjectNode objectOrEmpty(JsonNode n) {
    return n != null && n.isObject() ? (ObjectNode) n : StateJson.MAPPER.createObjectNode();
  }

  static boolean isIndex(String k) {
    if (k.isEmpty() || k.length() > 10) return false;
    if (k.length() > 1 && k.charAt(0) == '0') return false;
    for (int i = 0; i < k.length(); i++) if (k.charAt(i) < '0' || k.charAt(i) > '9') return false;
    return Long.parseLong(k) <= MAX_INDEX;
  }
}
