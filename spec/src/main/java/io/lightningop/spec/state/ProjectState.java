package io.lightningop.spec.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A {@code projectState.json}: the spec's keyed maps with server UUIDs and server fields, in the
 * exact shape OpenFn's CLI reads and writes. Held as an ordered JSON tree because deploy passes
 * unknown server fields through untouched; immutable (the tree is copied in and out).
 */
public final class ProjectState {
  private final ObjectNode json;

  private ProjectState(ObjectNode json) {
    this.json = json;
  }

  /** What deploy starts from when there is no state file: {@code {"workflows": {}}}. */
  public static ProjectState empty() {
    ObjectNode o = StateJson.MAPPER.createObjectNode();
    o.putObject("workflows");
    return new ProjectState(o);
  }

  /** The state of a project that has an id but nothing deployed yet: {@code {"id": …, "workflows": {}}}. */
  public static ProjectState empty(String id) {
    ObjectNode o = StateJson.MAPPER.createObjectNode();
    o.put("id", id);
    o.putObject("workflows");
    return new ProjectState(o);
  }

  public static ProjectState of(ObjectNode json) {
    return new ProjectState(json.deepCopy());
  }

  /** Parses state JSON; the top level must be an object. */
  public static ProjectState parse(String text) {
    JsonNode n;
    try {
      n = StateJson.parse(text);
    } catch (JsonProcessingException e) {
      // Jackson names its (hidden) source in nested locations; keep only line and column
      String why = e.getOriginalMessage().replaceAll("\\[Source: [^;]*; ", "[");
      throw new DeployError("Invalid state JSON: " + why
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
              + ", column " + e.getLocation().getColumnNr()), DeployError.STATE_ERROR);
    }
    if (n == null || !n.isObject()) {
      throw new DeployError("Project state must be a JSON object", DeployError.STATE_ERROR);
    }
    return new ProjectState((ObjectNode) n);
  }

  public static ProjectState read(Path file) throws IOException {
    try {
      return parse(Files.readString(file));
    } catch (DeployError e) {
      throw new DeployError(file + ": " + e.getMessage(), e.code());
    }
  }

  public void write(Path file) throws IOException {
    StateJson.write(file, json);
  }

  /** The exact text OpenFn's CLI would write for this state. */
  public String toJson() {
    return StateJson.stringify(json);
  }

  /** A copy of the tree. */
  public ObjectNode json() {
    return json.deepCopy();
  }

  ObjectNode tree() {
    return json;
  }

  public Optional<String> id() {
    return text(json.get("id"));
  }

  public Optional<String> workflowId(String workflow) {
    return text(json.path("workflows").path(workflow).get("id"));
  }

  /** Id of a job, trigger or edge of a workflow; {@code kind} is "jobs", "triggers" or "edges". */
  public Optional<String> childId(String workflow, String kind, String key) {
    return text(json.path("workflows").path(workflow).path(kind).path(key).get("id"));
  }

  public Optional<String> credentialId(String key) {
    return text(json.path("project_credentials").path(key).get("id"));
  }

  public List<String> workflowKeys() {
    return JsObjects.keys(json.path("workflows"));
  }

  /** Whether the entry at workflows.wf.kind.key is a {@code delete: true} marker. */
  public boolean isDeleteMarker(String workflow, String kind, String key) {
    return json.path("workflows").path(workflow).path(kind).path(key).path("delete").asBoolean(false);
  }

  private static Optional<String> text(JsonNode n) {
    return n != null && n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProjectState s && s.json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return toJson();
  }
}
