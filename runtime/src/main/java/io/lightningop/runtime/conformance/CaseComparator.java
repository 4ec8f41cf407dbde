package io.lightningop.runtime.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Set;

/**
 * Compares our run of a case with {@code expected.json} under the corpus README's rules: strict
 * on outcome, steps, states, results, error names/severities/messages and JOB/ADA logs, and on
 * the runtime's info/success/warn lines; positions and stacks ignored; error messages written by
 * the JavaScript engine itself compared only up to the subtype prefix in the cases the README names.
 */
public final class CaseComparator {
  /** Cases whose error text comes from the JavaScript engine (README "Compare loosely"). */
  static final Set<String> ENGINE_WORDING = Set.of("051", "052", "053", "054", "066", "112", "118");
  private static final Set<String> RT_LEVELS = Set.of("info", "success", "warn", "always");
  private static final int MAX = 400;

  private CaseComparator() {}

  /** The first difference, or null when the run conforms. */
  public static String firstDifference(String caseId, JsonNode expected, JsonNode actual) {
    boolean loose = ENGINE_WORDING.stream().anyMatch(caseId::startsWith);
    for (String f : List.of("outcome", "stepsRun", "resultIsUndefined", "inputMutated")) {
      String d = diff(f, expected.get(f), actual.get(f));
      if (d != null) return d;
    }
    String d = diff("result", strip(expected.get("result"), loose), strip(actual.get("result"), loose));
    if (d != null) return d;
    JsonNode et = expected.get("thrown");
    JsonNode at = actual.get("thrown");
    if (et != null && !et.isNull()) {
      if (at == null || at.isNull()) return "thrown: expected " + brief(et) + ", got nothing";
      for (String f : List.of("name", "severity", "message")) {
        d = diff("thrown." + f, messageOf(f, et.get(f), loose), messageOf(f, at.get(f), loose));
        if (d != null) return d;
      }
    } else if (at != null && !at.isNull()) {
      return "thrown: expected nothing, got " + brief(at);
    }
    JsonNode es = expected.path("steps");
    JsonNode as = actual.path("steps");
    for (int i = 0; i < es.size(); i++) {
      JsonNode e = es.get(i);
      JsonNode a = as.get(i);
      String p = "steps[" + i + "](" + e.path("executionId").asText() + ")";
      if (a == null) return p + ": missing";
      for (String f : List.of("id", "executionId", "status", "next")) {
        d = diff(p + "." + f, e.get(f), a.get(f));
        if (d != null) return d;
      }
      d = diff(p + ".stateIsUndefined", bool(e.get("stateIsUndefined")), bool(a.get("stateIsUndefined")));
      if (d != null) return d;
      d = diff(p + ".state", strip(e.get("state"), loose), strip(a.get("state"), loose));
      if (d != null) return d;
      JsonNode ee = e.get("error");
      JsonNode ae = a.get("error");
      if (ee != null && !ee.isNull()) {
        if (ae == null || ae.isNull()) return p + ".error: expected " + brief(ee) + ", got none";
        for (String f : List.of("name", "severity", "source", "message")) {
          d = diff(p + ".error." + f, messageOf(f, ee.get(f), loose), messageOf(f, ae.get(f), loose));
          if (d != null) return d;
        }
      } else if (ae != null && !ae.isNull()) {
        return p + ".error: expected none, got " + brief(ae);
      }
    }
    d = diff("logs(JOB/ADA)", logs(expected, true), logs(actual, true));
    if (d != null) return d;
    return diff("logs(R/T info/success/warn)", logs(expected, false), logs(actual, false));
  }

  private static JsonNode bool(JsonNode n) {
    return JsonNodeFactory.instance.booleanNode(n != null && n.asBoolean(false));
  }

  private static JsonNode messageOf(String field, JsonNode v, boolean loose) {
    if (!loose || !"message".equals(field) || v == null || !v.isTextual()) return v;
    String s = v.asText();
    int i = s.indexOf(": ");
    return TextNode.valueOf(i < 0 ? s : s.substring(0, i));
  }

  /** Drops engine-specific parts: positions, stacks, and engine-worded messages when loose. */
  private static JsonNode strip(JsonNode v, boolean loose) {
    if (v == null) return JsonNodeFactory.instance.nullNode();
    if (v.isObject()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      v.properties().forEach(e -> {
        if (e.getKey().equals("pos") || e.getKey().equals("stack")) return;
        o.set(e.getKey(), e.getKey().equals("message") ? messageOf("message", e.getValue(), loose) : strip(e.getValue(), loose));
      });
      return o;
    }
    if (v.isArray()) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      v.forEach(x -> a.add(strip(x, loose)));
      return a;
    }
    return v;
  }

  private static ArrayNode logs(JsonNode record, boolean jobAndAdaptor) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (JsonNode l : record.path("logs")) {
      String source = l.path("source").asText();
      boolean rt = source.equals("R/T");
      if (jobAndAdaptor ? rt : !(rt && RT_LEVELS.contains(l.path("level").asText()))) continue;
      ObjectNode o = out.addObject();
      o.put("source", source).put("level", l.path("level").asText());
      o.set("message", l.get("message"));
    }
    return out;
  }

  private static String diff(String path, JsonNode expected, JsonNode actual) {
    JsonNode e = expected == null ? JsonNodeFactory.instance.nullNode() : expected;
    JsonNode a = actual == null ? JsonNodeFactory.instance.nullNode() : actual;
    if (e.equals(a)) return null;
    if (e.isArray() && a.isArray()) {
      for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
        String d = diff(path + "[" + i + "]", e.get(i), a.get(i));
        if (d != null) return d;
      }
    }
    if (e.isObject() && a.isObject()) {
      var names = new java.util.TreeSet<String>();
      e.fieldNames().forEachRemaining(names::add);
      a.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        String d = diff(path + "." + n, e.get(n), a.get(n));
        if (d != null) return d;
      }
    }
    return path + ": expected " + brief(e) + ", got " + brief(a);
  }

  private static String brief(JsonNode n) {
    String s = n == null ? "missing" : n.toString();
    return s.length() > MAX ? s.substring(0, MAX) + "…" : s;
  }
}
