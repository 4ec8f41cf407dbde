package io.lightningop.runtime.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** State assembly before a step and clean-up after it ({@code kit: util/assemble-state.ts, execute/step.ts}). */
final class StateOps {
  private StateOps() {}

  /**
   * The step input: a deep copy of the incoming state over the step's default state, with
   * {@code configuration = credentials ∪ incoming.configuration ∪ step configuration} and
   * {@code data = step.state.data ∪ incoming.data} (an array or non-object incoming data is kept).
   */
  static ObjectNode assemble(JsonNode incoming, JsonNode stepConfiguration, JsonNode stepState, JsonNode credentials) {
    ObjectNode in = incoming instanceof ObjectNode o ? o.deepCopy() : JsonNodeFactory.instance.objectNode();
    ObjectNode defaults = stepState instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
    ObjectNode obj = defaults.deepCopy();
    obj.setAll(in);
    ObjectNode configuration = JsonNodeFactory.instance.objectNode();
    mergeInto(configuration, credentials);
    mergeInto(configuration, in.get("configuration"));
    mergeInto(configuration, stepConfiguration);
    obj.set("configuration", configuration);
    JsonNode data = in.get("data");
    if (data != null && truthyNonObject(data)) {
      obj.set("data", data);
    } else {
      ObjectNode merged = JsonNodeFactory.instance.objectNode();
      mergeInto(merged, defaults.get("data"));
      mergeInto(merged, data);
      obj.set("data", merged);
    }
    return obj;
  }

  private static boolean truthyNonObject(JsonNode data) {
    return data.isArray() || (!data.isObject() && RunExecutor.truthy(data));
  }

  private static void mergeInto(ObjectNode target, JsonNode source) {
    if (source instanceof ObjectNode o) target.setAll(o.deepCopy());
  }

  /** Removes {@code props} from an object state; {@code removed} receives the keys that were there. */
  static JsonNode removeProps(JsonNode state, List<String> props, List<String> removed) {
    if (!(state instanceof ObjectNode o)) return state;
    ObjectNode copy = o.deepCopy();
    for (String p : props) {
      if (copy.has(p)) {
        copy.remove(p);
        removed.add(p);
      }
    }
    return copy;
  }

  static JsonNode clean(JsonNode state, List<String> props) {
    return removeProps(state, props, new java.util.ArrayList<>());
  }
}
