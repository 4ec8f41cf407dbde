package io.lightningop.spec.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.spec.model.Keys;

/**
 * {@code getStateFromProjectPayload} of OpenFn's deploy/pull (lightning-protocols §2.6 step 2):
 * a server project (arrays, as {@code GET /api/provision/:id} returns under {@code data}) turned
 * into a keyed state. Workflows and jobs are keyed by hyphenated name, triggers by type, edges by
 * {@code source->target}, credentials by {@code owner name}, collections and channels by name.
 */
public final class PayloadState {
  private PayloadState() {}

  public static ProjectState fromPayload(ObjectNode project) {
    ObjectNode out = project.deepCopy();
    ObjectNode workflows = object();
    for (JsonNode wf : array(project.get("workflows"))) {
      ObjectNode w = ((ObjectNode) wf).deepCopy();
      w.remove("triggers");
      w.remove("jobs");
      w.remove("edges");
      w.set("triggers", byKey(wf.get("triggers"), "type"));
      w.set("jobs", byKey(wf.get("jobs"), "name"));
      ObjectNode edges = object();
      for (JsonNode e : array(wf.get("edges"))) {
        String source;
        if (JsObjects.truthy(e.get("source_trigger_id"))) {
          source = find(wf.get("triggers"), e.get("source_trigger_id")).path("type").asText();
        } else {
          source = find(wf.get("jobs"), e.get("source_job_id")).path("name").asText();
        }
        String target = find(wf.get("jobs"), e.get("target_job_id")).path("name").asText();
        edges.set(Keys.edge(source, target), e.deepCopy());
      }
      w.set("edges", edges);
      workflows.set(Keys.workflow(wf.path("name").asText()), w);
    }
    ObjectNode credentials = object();
    for (JsonNode c : array(project.get("project_credentials"))) {
      credentials.set(Keys.credential(c.path("owner").asText(), c.path("name").asText()), c.deepCopy());
    }
    // {...project, collections, project_credentials, workflows}
    out.set("collections", byKey(project.get("collections"), "name"));
    if (project.has("channels")) out.set("channels", byKey(project.get("channels"), "name"));
    out.set("project_credentials", credentials);
    out.set("workflows", workflows);
    return ProjectState.of(out);
  }

  /**
   * {@code mergeProjectPayloadIntoState} (lightning-protocols §2.5 step 7): after a deploy, each
   * server object replaces the state entry with the same id, under that entry's key, in the
   * server's order; state entries the server did not return (deleted ones) disappear.
   */
  public static ProjectState mergeResponse(ProjectState state, ObjectNode project) {
    JsonNode s = state.tree();
    ObjectNode out = project.deepCopy();
    ObjectNode workflows = object();
    for (Pair wf : idKeyPairs(project.get("workflows"), s.get("workflows"))) {
      ObjectNode w = ((ObjectNode) wf.item()).deepCopy();
      JsonNode stateWf = s.path("workflows").path(wf.key());
      for (String kind : new String[] {"jobs", "triggers", "edges"}) {
        ObjectNode children = object();
        for (Pair c : idKeyPairs(wf.item().get(kind), stateWf.get(kind))) children.set(c.key(), c.item().deepCopy());
        w.set(kind, children);
      }
      workflows.set(wf.key(), w);
    }
    out.set("collections", keyedById(project.get("collections"), s.get("collections")));
    if (project.has("channels")) out.set("channels", keyedById(project.get("channels"), s.get("channels")));
    out.set("project_credentials", keyedById(project.get("project_credentials"), s.get("project_credentials")));
    out.set("workflows", workflows);
    return ProjectState.of(out);
  }

  private record Pair(String key, JsonNode item) {}

  private static ObjectNode keyedById(JsonNode items, JsonNode stateMap) {
    ObjectNode out = object();
    for (Pair p : idKeyPairs(items, stateMap)) out.set(p.key(), p.item().deepCopy());
    return out;
  }

  /** Each server item with every state key whose entry has the same id. */
  private static java.util.List<Pair> idKeyPairs(JsonNode items, JsonNode stateMap) {
    java.util.List<Pair> pairs = new java.util.ArrayList<>();
    if (stateMap == null || !stateMap.isObject()) return pairs;
    for (JsonNode item : array(items)) {
      for (String key : JsObjects.keys(stateMap)) {
        if (stateMap.get(key).path("id").equals(item.path("id")) && !item.path("id").isMissingNode()) {
          pairs.add(new Pair(key, item));
        }
      }
    }
    return pairs;
  }

  private static ObjectNode byKey(JsonNode list, String field) {
    ObjectNode out = object();
    for (JsonNode item : array(list)) out.set(Keys.hyphenate(item.path(field).asText()), item.deepCopy());
    return out;
  }

  private static JsonNode find(JsonNode list, JsonNode id) {
    for (JsonNode item : array(list)) if (item.path("id").equals(id)) return item;
    return StateJson.MAPPER.createObjectNode();
  }

  private static Iterable<JsonNode> array(JsonNode n) {
    return n != null && n.isArray() ? n : StateJson.MAPPER.createArrayNode();
  }

  private static ObjectNode object() {
    return StateJson.MAPPER.createObjectNode();
  }
}
