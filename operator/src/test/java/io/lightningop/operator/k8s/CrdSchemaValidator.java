package io.lightningop.operator.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a custom resource against a CRD's structural OpenAPI v3 schema the way the API server
 * does for {@code kubectl apply --validate=strict}: types, required fields, enums, patterns,
 * lengths, bounds and unknown fields. CEL rules ({@code x-kubernetes-validations}) are not
 * evaluated; the k3s suite covers those.
 */
final class CrdSchemaValidator {
  private CrdSchemaValidator() {}

  /** Every problem found, each as {@code path: message}; empty when the resource is valid. */
  static List<String> validate(JsonNode crd, JsonNode resource) {
    List<String> problems = new ArrayList<>();
    String version = resource.path("apiVersion").asText("");
    String servedVersion = version.contains("/") ? version.substring(version.indexOf('/') + 1) : version;
    String group = crd.at("/spec/group").asText();
    if (!version.startsWith(group + "/")) {
      problems.add("apiVersion: expected group " + group + ", found \"" + version + "\"");
      return problems;
    }
    for (JsonNode v : crd.at("/spec/versions")) {
      if (v.path("name").asText().equals(servedVersion)) {
        JsonNode schema = v.at("/schema/openAPIV3Schema");
        // apiVersion, kind and metadata are checked by the API server itself, not by the schema.
        Iterator<Map.Entry<String, JsonNode>> fields = resource.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> f = fields.next();
          String name = f.getKey();
          if (name.equals("apiVersion") || name.equals("kind") || name.equals("metadata")) {
            continue;
          }
          JsonNode sub = schema.path("properties").path(name);
          if (sub.isMissingNode()) {
            problems.add(name + ": unknown field");
          } else {
            check(sub, f.getValue(), name, problems);
          }
        }
        return problems;
      }
    }
    problems.add("apiVersion: version \"" + servedVersion + "\" is not served by " + crd.at("/metadata/name").asText());
    return problems;
  }

  private static void check(JsonNode schema, JsonNode value, String path, List<String> problems) {
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false)) {
        problems.add(path + ": must not be null");
      }
      return;
    }
    if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false) && !schema.has("type")) {
      return;
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      if (!value.isIntegralNumber() && !value.isTextual()) {
        problems.add(path + ": must be an integer or a string");
      }
      return;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> checkObject(schema, value, path, problems);
      case "array" -> {
        if (!value.isArray()) {
          problems.add(path + ": must be an array");
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          check(schema.path("items"), value.get(i), path + "[" + i + "]", problems);
        }
      }
      case "string" -> checkString(schema, value, path, problems);
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          problems.add(path + ": must be an integer");
        } else {
          checkBounds(schema, value.asDouble(), path, problems);
        }
      }
      case "number" -> {
        if (!value.isNumber()) {
          problems.add(path + ": must be a number");
        } else {
          checkBounds(schema, value.asDouble(), path, problems);
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          problems.add(path + ": must be true or false");
        }
      }
      default -> { }
    }
  }

  private static void checkObject(JsonNode schema, JsonNode value, String path, List<String> problems) {
    if (!value.isObject()) {
      problems.add(path + ": must be an object");
      return;
    }
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        problems.add(path + "." + required.asText() + ": required");
      }
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.path("additionalProperties");
    boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String childPath = path + "." + f.getKey();
      if (properties.has(f.getKey())) {
        check(properties.get(f.getKey()), f.getValue(), childPath, problems);
      } else if (additional.isObject()) {
        check(additional, f.getValue(), childPath, problems);
      } else if (!preserve) {
        problems.add(childPath + ": unknown field");
      }
    }
  }

  private static void checkString(JsonNode schema, JsonNode value, String path, List<String> problems) {
    if (!value.isTextual()) {
      problems.add(path + ": must be a string");
      return;
    }
    String s = value.asText();
    if (schema.has("enum")) {
      List<String> allowed = new ArrayList<>();
      schema.get("enum").forEach(e -> allowed.add(e.asText()));
      if (!allowed.contains(s)) {
        problems.add(path + ": \"" + s + "\" is not one of " + allowed);
      }
    }
    if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
      problems.add(path + ": \"" + s + "\" does not match " + schema.get("pattern").asText());
    }
    if (schema.has("minLength") && s.length() < schema.get("minLength").asInt()) {
      problems.add(path + ": shorter than " + schema.get("minLength").asInt() + " characters");
    }
    if (schema.has("maxLength") && s.length() > schema.get("maxLength").asInt()) {
      problems.add(path + ": longer than " + schema.get("maxLength").asInt() + " characters");
    }
  }

  private static void checkBounds(JsonNode schema, double n, String path, List<String> problems) {
    if (schema.has("minimum") && n < schema.get("minimum").asDouble()) {
      problems.add(path + ": must be at least " + schema.get("minimum").asText());
    }
    if (schema.has("maximum") && n > schema.get("maximum").asDouble()) {
      problems.add(path + ": must be at most " + schema.get("maximum").asText());
    }
  }
}
