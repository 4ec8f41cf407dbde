package io.lightningop.runtime.channel;

/** A channel call that failed: an error reply (LightningSocketError) or no reply in time. */
public class ChannelException extends Exception {
  public ChannelException(String message) {
    super(message);
  }
}
