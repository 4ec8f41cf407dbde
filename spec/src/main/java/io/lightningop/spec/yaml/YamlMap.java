package io.lightningop.spec.yaml;

import static io.lightningop.spec.yaml.YamlContext.at;

import io.lightningop.spec.validate.FieldPath;
import io.lightningop.spec.validate.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed, located access to one YAML mapping. Reports duplicate keys, unknown keys (when a set of
 * known keys is given) and wrong value types; accessors return null after reporting, so a
 * reader carries on and every problem is found in one pass.
 */
final class YamlMap {
  private final YamlContext ctx;
  private final String path;
  private final Location keyLocation;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  YamlMap(YamlContext ctx, MappingNode node, String path, Location keyLocation, Set<String> known) {
    this.ctx = ctx;
    this.path = path;
    this.keyLocation = keyLocation;
    for (NodeTuple tuple : node.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
        ctx.problem(keyNode, path, "keys must be plain text, found " + kind(keyNode));
        continue;
      }
      String key = scalar.getValue();
      String childPath = FieldPath.child(path, key);
      if (entries.containsKey(key)) {
        ctx.problem(keyNode, childPath, "duplicate key \"" + key + "\" (first at line "
            + at(entries.get(key).getKeyNode()).line() + ")");
        continue;
      }
      if (known != null && !known.contains(key)) {
        ctx.problem(keyNode, childPath, "unknown key \"" + key + "\" (expected one of: "
            + String.join(", ", known) + ")");
        continue;
      }
      entries.put(key, tuple);
      ctx.sources.key(childPath, at(keyNode));
      ctx.sources.value(childPath, at(tuple.getValueNode()));
    }
  }

  String path() {
    return path;
  }

  String childPath(String key) {
    return FieldPath.child(path, key);
  }

  Location keyLocation() {
    return keyLocation;
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  List<String> keys() {
    return new ArrayList<>(entries.keySet());
  }

  Node node(String key) {
    NodeTuple t = entries.get(key);
    return t == null ? null : t.getValueNode();
  }

  Location keyLocation(String key) {
    NodeTuple t = entries.get(key);
    return t == null ? keyLocation : at(t.getKeyNode());
  }

  boolean isNull(String key) {
    return isNull(node(key));
  }

  void missing(String key, String what) {
    ctx.problem(keyLocation, childPath(key), "required field is missing" + (what == null ? "" : " (" + what + ")"));
  }

  void wrongType(String key, String expected) {
    Node n = node(key);
    ctx.problem(n, childPath(key), "expected " + expected + ", found " + kind(n) + describe(n));
  }

  /** A text field; null when absent, null or of another type (the latter reported). */
  String string(String key, boolean required) {
    Node n = node(key);
    if (n == null || isNull(n)) {
      if (required) {
        if (n == null) missing(key, null);
        else ctx.problem(n, childPath(key), "must not be empty (null)");
      }
      return null;
    }
    if (n instanceof ScalarNode s && s.getTag().equals(Tag.STR)) return s.getValue();
    wrongType(key, "text");
    return null;
  }

  /** Any scalar as text (deploy coerces e.g. {@code condition_expression: 42} to "42"). */
  String coercedString(String key) {
    Node n = node(key);
    if (n == null || isNull(n)) return null;
    if (n instanceof ScalarNode s) return s.getValue();
    wrongType(key, "text");
    return null;
  }

  /** YAML 1.2 booleans only: SnakeYAML's 1.1 {@code yes/no/on/off} are text to OpenFn's parser. */
  Boolean bool(String key) {
    Node n = node(key);
    if (n == null || isNull(n)) return null;
    if (n instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
      switch (s.getValue()) {
        case "true", "True", "TRUE" -> { return Boolean.TRUE; }
        case "false", "False", "FALSE" -> { return Boolean.FALSE; }
        default -> { }
      }
    }
    wrongType(key, "true or false");
    return null;
  }

  Integer integer(String key) {
    Node n = node(key);
    if (n == null || isNull(n)) return null;
    if (n instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
      try {
        return Integer.valueOf(s.getValue().replace("_", ""));
      } catch (NumberFormatException e) {
        // falls through: hex, octal or out of range
      }
    }
    wrongType(key, "a whole number");
    return null;
  }

  /** A nested map; null when absent, null or not a map (the latter reported). */
  YamlMap map(String key, Set<String> known) {
    Node n = node(key);
    if (n == null || isNull(n)) return null;
    if (n instanceof MappingNode m) return new YamlMap(ctx, m, childPath(key), keyLocation(key), known);
    wrongType(key, "a map");
    return null;
  }

  /** A list of text values; null when absent or wrong (reported). */
  List<String> strings(String key) {
    Node n = node(key);
    if (n == null || isNull(n)) return null;
    if (!(n instanceof SequenceNode seq)) {
      wrongType(key, "a list of text values");
      return null;
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    for (Node item : seq.getValue()) {
      String itemPath = FieldPath.index(childPath(key), i++);
      ctx.sources.value(itemPath, at(item));
      if (item instanceof ScalarNode s && !isNull(s)) {
        out.add(s.getValue());
      } else {
        ctx.problem(item, itemPath, "expected text, found " + kind(item));
      }
    }
    return out;
  }

  static boolean isNull(Node n) {
    return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  static String kind(Node n) {
    if (n == null) return "nothing";
    if (n instanceof MappingNode) return "a map";
    if (n instanceof SequenceNode) return "a list";
    Tag tag = n.getTag();
    if (tag.equals(Tag.NULL)) return "null";
    if (tag.equals(Tag.BOOL)) return "a boolean";
    if (tag.equals(Tag.INT)) return "an integer";
    if (tag.equals(Tag.FLOAT)) return "a number";
    if (tag.equals(Tag.STR)) return "text";
    if (tag.equals(Tag.TIMESTAMP)) return "a date";
    return "a value tagged " + tag.getValue();
  }

  private static String describe(Node n) {
    if (n instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
      String v = s.getValue();
      if (v.length() > 40) v = v.substring(0, 37) + "...";
      return " (" + v.replace("\n", "\\n") + ")";
    }
    return "";
  }
}
