package io.lightningop.spec.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Phoenix V2 serializer message: the JSON array {@code [join_ref, ref, topic, event, payload]}
 * (lightning-protocols.md §4.1). Shared by the control plane and the worker so both ends speak
 * exactly the same framing.
 */
public record PhoenixFrame(String joinRef, String ref, String topic, String event, JsonNode payload) {

  public static final String REPLY = "phx_reply";
  public static final String JOIN = "phx_join";
  public static final String LEAVE = "phx_leave";
  public static final String CLOSE = "phx_close";
  public static final String ERROR = "phx_error";
  public static final String HEARTBEAT = "heartbeat";
  public static final String PHOENIX_TOPIC = "phoenix";

  static final ObjectMapper JSON = new ObjectMapper();

  public PhoenixFrame {
    if (topic == null || event == null) {
      throw new IllegalArgumentException("Phoenix frame needs a topic and an event");
    }
    payload = payload == null ? NullNode.getInstance() : payload;
  }

  /** Parses a text frame; the message says which element is wrong. */
  public static PhoenixFrame parse(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Phoenix frame is not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isArray() || node.size() != 5) {
      throw new IllegalArgumentException(
          "Phoenix frame must be a 5-element array [join_ref, ref, topic, event, payload]");
    }
    return new PhoenixFrame(
        optionalString(node.get(0), "join_ref"),
        optionalString(node.get(1), "ref"),
        requiredString(node.get(2), "topic"),
        requiredString(node.get(3), "event"),
        node.get(4));
  }

  private static String optionalString(JsonNode n, String name) {
    if (n.isNull()) return null;
    if (n.isTextual()) return n.textValue();
    if (n.isNumber()) return n.asText(); // some clients send integer refs
    throw new IllegalArgumentException("Phoenix frame " + name + " must be a string or null");
  }

  private static String requiredString(JsonNode n, String name) {
    if (!n.isTextual()) throw new IllegalArgumentException("Phoenix frame " + name + " must be a string");
    return n.textValue();
  }

  public String encode() {
    ArrayNode a = JSON.createArrayNode();
    a.add(joinRef);
    a.add(ref);
    a.add(topic);
    a.add(event);
    a.add(payload);
    try {
      return JSON.writeValueAsString(a);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The reply to this request: same join_ref/ref/topic, event {@code phx_reply}. */
  public PhoenixFrame reply(String status, JsonNode response) {
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.put("status", status);
    p.set("response", response == null ? NullNode.getInstance() : response);
    return new PhoenixFrame(joinRef, ref, topic, REPLY, p);
  }

  public PhoenixFrame ok(JsonNode response) {
    return reply("ok", response);
  }

  public PhoenixFrame error(JsonNode response) {
    return reply("error", response);
  }

  /** A server push: no ref, so no reply is expected. */
  public static PhoenixFrame push(String joinRef, String topic, String event, JsonNode payload) {
    return new PhoenixFrame(joinRef, null, topic, event, payload);
  }

  public boolean isReply() {
    return REPLY.equals(event);
  }

  /** {@code status} of a reply payload, or null. */
  public String replyStatus() {
    JsonNode s = payload.get("status");
    return s == null ? null : s.asText();
  }

  /** {@code response} of a reply payload (JSON null when absent). */
  public JsonNode replyResponse() {
    JsonNode r = payload.get("response");
    return r == null ? NullNode.getInstance() : r;
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ObjectMapper json() {
    return JSON;
  }
}
