package io.lightningop.runtime.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One corpus case: the plan built as the oracle harness builds it (README "How a case is run"),
 * but from the user source ({@code job}) rather than the pre-compiled module.
 */
public record ConformanceCase(String id, JsonNode plan, JsonNode input, JsonNode runtimeOptions, JsonNode expected) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static ConformanceCase load(Path dir) throws IOException {
    JsonNode c = read(dir.resolve("case.json"));
    String id = c.path("id").asText(dir.getFileName().toString());
    JsonNode wf = c.path("workflow");
    ObjectNode plan = JSON.createObjectNode();
    plan.put("id", wf.hasNonNull("id") ? wf.get("id").asText() : id);
    ObjectNode workflow = plan.putObject("workflow");
    for (String k : new String[] {"name", "start", "credentials"}) if (wf.has(k)) workflow.set(k, wf.get(k));
    if (wf.hasNonNull("globals")) workflow.put("globals", Files.readString(dir.resolve(wf.get("globals").asText())));
    ArrayNode steps = workflow.putArray("steps");
    for (JsonNode s : wf.path("steps")) {
      ObjectNode step = steps.addObject();
      for (String k : new String[] {"id", "name", "adaptors", "configuration", "state", "next"}) if (s.has(k)) step.set(k, s.get(k));
      if (s.hasNonNull("job")) step.put("expression", Files.readString(dir.resolve(s.get("job").asText())));
    }
    plan.set("options", c.has("options") ? c.get("options") : JSON.createObjectNode());
    Path expected = dir.resolve("expected.json");
    return new ConformanceCase(id, plan, c.get("input"), c.path("runtimeOptions"),
        Files.exists(expected) ? read(expected) : null);
  }

  private static JsonNode read(Path p) throws IOException {
    try {
      return JSON.readTree(p.toFile());
    } catch (IOException e) {
      throw new IOException(p + ": " + e.getMessage(), e);
    }
  }
}
