package io.lightningop.spec.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code toProjectPayload} of OpenFn's deploy (lightning-protocols §2.4): the body POSTed to
 * {@code /api/provision}. Keyed maps become arrays (delete markers included as ordinary
 * elements); collections and channels are sent only when non-empty; every other field passes
 * through.
 */
public final class ProjectPayload {
  private ProjectPayload() {}

  public static ObjectNode from(ProjectState state) {
    ObjectNode s = state.json();
    ObjectNode out = s.deepCopy();
    out.remove("collections");
    out.remove("channels");

    ArrayNode credentials = out.putArray("project_credentials");
    JsObjects.values(s.get("project_credentials")).forEach(credentials::add);

    ArrayNode workflows = out.putArray("workflows");
    for (JsonNode wf : JsObjects.values(s.get("workflows"))) {
      ObjectNode w = wf.isObject() ? (ObjectNode) wf.deepCopy() : StateJson.MAPPER.createObjectNode();
      for (String kind : new String[] {"jobs", "triggers", "edges"}) {
        ArrayNode list = StateJson.MAPPER.createArrayNode();
        JsObjects.values(wf.get(kind)).forEach(list::add);
        w.set(kind, list);
      }
      workflows.add(w);
    }
    for (String kind : new String[] {"collections", "channels"}) {
      ArrayNode list = StateJson.MAPPER.createArrayNode();
      JsObjects.values(s.get(kind)).forEach(list::add);
      if (!list.isEmpty()) out.set(kind, list);
    }
    return out;
  }
}
