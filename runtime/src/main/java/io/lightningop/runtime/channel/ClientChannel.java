package io.lightningop.runtime.channel;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightningop.spec.worker.PhoenixFrame;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * One joined topic on a {@link PhoenixClient}. The channel is (re)joined lazily on each connection
 * epoch, so calls made while the socket is down wait for the reconnect and the rejoin.
 */
public final class ClientChannel {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClientChannel.class);
  /** How often {@link #call} sends an event that gets no reply in time. */
  static final int ATTEMPTS = 4;

  private final PhoenixClient client;
  private final String topic;
  private final JsonNode joinPayload;
  private final Duration joinTimeout;
  private long joinedEpoch = -1;
  private String joinRef;

  public ClientChannel(PhoenixClient client, String topic, JsonNode joinPayload, Duration joinTimeout) {
    this.client = client;
    this.topic = topic;
    this.joinPayload = joinPayload;
    this.joinTimeout = joinTimeout;
  }

  public String topic() {
    return topic;
  }

  /** Joins on the current connection if not yet joined; an error reply is a ChannelException. */
  public synchronized void ensureJoined() throws ChannelException, InterruptedException {
    long epoch = awaitConnection();
    if (joinedEpoch == epoch) return;
    String ref = client.nextRef();
    Reply r = await(client.push(ref, ref, topic, PhoenixFrame.JOIN, joinPayload, joinTimeout), PhoenixFrame.JOIN);
    if (!r.ok()) throw new ChannelException(topic + " join refused: " + r.response());
    joinRef = ref;
    joinedEpoch = epoch;
  }

  /** One push and its reply, on the current connection only (no retry: used for claims). */
  public Reply callOnce(String event, JsonNode payload, Duration timeout) throws ChannelException, InterruptedException {
    ensureJoined();
    return await(client.push(joinRef, client.nextRef(), topic, event, payload, timeout), event);
  }

  /**
   * A push that survives reconnects and slow replies: if the socket drops before the reply, it
   * rejoins and sends again; if no reply comes in time, it sends again, up to {@value #ATTEMPTS}
   * times in all. Safe because the control plane treats repeated run events as idempotent; without
   * it a control plane starved of CPU for one timeout would cost the run (abandoned, then lost when
   * its lease runs out).
   */
  public Reply call(String event, JsonNode payload, Duration timeout) throws ChannelException, InterruptedException {
    int unanswered = 0;
    while (true) {
      try {
        return callOnce(event, payload, timeout);
      } catch (PhoenixClient.Disconnected e) {
        // wait for the next connection and send again
      } catch (NoReply e) {
        if (++unanswered >= ATTEMPTS) throw e;
        LOG.warn("no reply to {} on {} in {} ms; sending it again (attempt {} of {})",
            event, topic, timeout.toMillis(), unanswered + 1, ATTEMPTS);
      }
    }
  }

  /** No reply came within the timeout. */
  public static final class NoReply extends ChannelException {
    NoReply(String message) {
      super(message);
    }
  }

  /** Leaves the channel if joined on the current connection; best effort. */
  public synchronized void leave(Duration timeout) {
    if (joinedEpoch != client.epoch()) return;
    client.push(joinRef, client.nextRef(), topic, PhoenixFrame.LEAVE, PhoenixFrame.object(), timeout);
    joinedEpoch = -1;
  }

  private long awaitConnection() throws ChannelException, InterruptedException {
    try {
      return client.whenConnected().get();
    } catch (ExecutionException e) {
      throw new ChannelException(topic + ": " + e.getCause().getMessage());
    }
  }

  private Reply await(java.util.concurrent.CompletableFuture<Reply> f, String event)
      throws ChannelException, InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PhoenixClient.Disconnected d) throw d;
      if (e.getCause() instanceof TimeoutException) {
        throw new NoReply("no reply to " + event + " on " + topic + " in time");
      }
      throw new ChannelException(event + " on " + topic + " failed: " + e.getCause());
    }
  }
}
