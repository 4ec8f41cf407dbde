package io.lightningop.operator.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.lightningop.spec.worker.PhoenixFrame;

/** What a channel event is answered with: ok/error and a JSON response, or ok with raw bytes. */
record ChannelReply(String status, JsonNode response, byte[] binary) {

  static ChannelReply ok(JsonNode response) {
    return new ChannelReply("ok", response == null ? NullNode.getInstance() : response, null);
  }

  static ChannelReply okBinary(byte[] data) {
    return new ChannelReply("ok", null, data);
  }

  static ChannelReply error(JsonNode response) {
    return new ChannelReply("error", response, null);
  }

  /** {@code {"reason": reason}} — the shape of join refusals. */
  static ChannelReply reason(String reason) {
    return error(PhoenixFrame.object().put("reason", reason));
  }

  /** A changeset-style error {@code {field: [message]}} (§4.14), optionally wrapped in "errors". */
  static ChannelReply fieldError(boolean wrapped, String field, String message) {
    var errors = PhoenixFrame.object();
    errors.putArray(field).add(message);
    return error(wrapped ? PhoenixFrame.object().set("errors", errors) : errors);
  }
}
