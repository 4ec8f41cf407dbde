package io.lightningop.runtime.channel;

import com.fasterxml.jackson.databind.JsonNode;

/** A {@code phx_reply}: its status and response, or the raw bytes of a binary reply frame. */
public record Reply(String status, JsonNode response, byte[] binary) {
  public boolean ok() {
    return "ok".equals(status);
  }
}
