package io.lightningop.runtime.channel;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightningop.spec.worker.BinaryReply;
import io.lightningop.spec.worker.PhoenixFrame;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Phoenix V2 socket client (the part of phoenix.js ws-worker uses): connects to
 * {@code <url>/websocket?token=…&vsn=2.0.0}, keeps refs, matches replies (text or binary) to
 * pushes, sends heartbeats, and reconnects after {@code tries × reconnectStep} when the socket
 * drops. Each successful (re)connection gets a new epoch, so channels know to rejoin.
 */
public final class PhoenixClient {

  /** The largest frame either side sends (§4.1): fits a 10 MB dataclip plus framing. */
  public static final int MAX_FRAME_BYTES = 11_000_000;

  private static final Logger LOG = LoggerFactory.getLogger(PhoenixClient.class);

  private final Vertx vertx;
  private final WebSocketClient client;
  private final String uri;
  private final Duration heartbeat;
  private final Duration reconnectStep;
  private final AtomicLong refs = new AtomicLong();
  private final Map<String, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
  private final Map<String, Consumer<PhoenixFrame>> pushHandlers = new ConcurrentHashMap<>();
  private volatile Consumer<Long> onConnected = epoch -> {};
  private volatile WebSocket socket;
  private volatile long epoch;
  private volatile CompletableFuture<Long> connected = new CompletableFuture<>();
  private volatile boolean closed;
  private int tries;
  private long heartbeatTimer = -1;

  public PhoenixClient(Vertx vertx, String baseUrl, String workerToken, Duration heartbeat, Duration reconnectStep) {
    this.vertx = vertx;
    this.heartbeat = heartbeat;
    this.reconnectStep = reconnectStep;
    this.uri = baseUrl.replaceAll("/+$", "") + "/websocket?token=" + enc(workerToken)
        + "&api_version=" + WorkerConfig.API_VERSION + "&worker_version=" + WorkerConfig.WORKER_VERSION
        + "&vsn=2.0.0";
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(MAX_FRAME_BYTES)
        .setMaxMessageSize(MAX_FRAME_BYTES)
        .setTryUsePerMessageCompression(true));
  }

  /** Called on the event loop after every (re)connection with the new epoch. */
  public void onConnected(Consumer<Long> handler) {
    this.onConnected = handler;
  }

  /** Pushes (messages without a ref) on {@code topic} go to {@code handler}. */
  public void onPush(String topic, Consumer<PhoenixFrame> handler) {
    pushHandlers.put(topic, handler);
  }

  public void start() {
    vertx.runOnContext(v -> connect());
  }

  /** Completes with the epoch once the socket is open (immediately if it is). */
  public CompletableFuture<Long> whenConnected() {
    return connected;
  }

  public boolean isConnected() {
    return socket != null;
  }

  public long epoch() {
    return epoch;
  }

  public String nextRef() {
    return Long.toString(refs.incrementAndGet());
  }

  /**
   * Sends {@code [joinRef, ref, topic, event, payload]} and completes with its reply; fails with
   * {@link TimeoutException} after {@code timeout}, or {@link Disconnected} if the socket drops first.
   */
  public CompletableFuture<Reply> push(String joinRef, String ref, String topic, String event, JsonNode payload,
      Duration timeout) {
    CompletableFuture<Reply> reply = new CompletableFuture<>();
    WebSocket ws = socket;
    if (ws == null) {
      reply.completeExceptionally(new Disconnected());
      return reply;
    }
    pending.put(ref, reply);
    reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> pending.remove(ref));
    String text = new PhoenixFrame(joinRef, ref, topic, event, payload).encode();
    vertx.runOnContext(v -> ws.writeTextMessage(text).onFailure(e -> reply.completeExceptionally(new Disconnected())));
    return reply;
  }

  public void close() {
    closed = true;
    connected.completeExceptionally(new Closed());
    vertx.runOnContext(v -> {
      if (heartbeatTimer >= 0) vertx.cancelTimer(heartbeatTimer);
      WebSocket ws = socket;
      if (ws != null) ws.close();
    });
  }

  /** Drops the connection as a network failure would; the client reconnects (tests use it). */
  public void dropConnection() {
    WebSocket ws = socket;
    if (ws != null) vertx.runOnContext(v -> ws.close());
  }

  private void connect() {
    if (closed) return;
    client.connect(new WebSocketConnectOptions().setAbsoluteURI(uri)).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("cannot connect to {}: {}", uri.replaceAll("token=[^&]*", "token=…"), ar.cause().getMessage());
        scheduleReconnect();
        return;
      }
      WebSocket ws = ar.result();
      tries = 0;
      socket = ws;
      epoch++;
      ws.textMessageHandler(this::onText);
      ws.binaryMessageHandler(this::onBinary);
      ws.closeHandler(v -> onClosed(ws));
      ws.exceptionHandler(e -> LOG.debug("socket error: {}", e.toString()));
      heartbeatTimer = vertx.setPeriodic(heartbeat.toMillis(), id -> sendHeartbeat(ws));
      LOG.info("connected to Lightning (epoch {})", epoch);
      CompletableFuture<Long> c = connected;
      onConnected.accept(epoch);
      c.complete(epoch);
    });
  }

  private void sendHeartbeat(WebSocket ws) {
    push(null, nextRef(), PhoenixFrame.PHOENIX_TOPIC, PhoenixFrame.HEARTBEAT, PhoenixFrame.object(), heartbeat)
        .whenComplete((r, e) -> {
          if (e != null && socket == ws && !closed) {
            LOG.warn("heartbeat not answered; reconnecting");
            vertx.runOnContext(v -> ws.close());
          }
        });
  }

  private void onClosed(WebSocket ws) {
    if (socket != ws) return;
    socket = null;
    connected = new CompletableFuture<>();
    if (closed) connected.completeExceptionally(new Closed());
    if (heartbeatTimer >= 0) vertx.cancelTimer(heartbeatTimer);
    heartbeatTimer = -1;
    pending.values().forEach(f -> f.completeExceptionally(new Disconnected()));
    pending.clear();
    if (!closed) {
      LOG.warn("connection to Lightning lost");
      scheduleReconnect();
    }
  }

  private void scheduleReconnect() {
    if (closed) return;
    tries++;
    long delay = Math.min(reconnectStep.toMillis() * tries, reconnectStep.toMillis() * 10);
    vertx.setTimer(Math.max(1, delay), id -> connect());
  }

  private void onText(String text) {
    PhoenixFrame frame;
    try {
      frame = PhoenixFrame.parse(text);
    } catch (IllegalArgumentException e) {
      LOG.warn("ignoring a malformed frame from Lightning: {}", e.getMessage());
      return;
    }
    if (frame.isReply() && frame.ref() != null) {
      CompletableFuture<Reply> f = pending.remove(frame.ref());
      if (f != null) f.complete(new Reply(frame.replyStatus(), frame.replyResponse(), null));
      return;
    }
    Consumer<PhoenixFrame> h = pushHandlers.get(frame.topic());
    if (h != null) h.accept(frame);
  }

  private void onBinary(Buffer buffer) {
    BinaryReply r;
    try {
      r = BinaryReply.decode(buffer.getBytes());
    } catch (IllegalArgumentException e) {
      LOG.warn("ignoring a malformed binary frame from Lightning: {}", e.getMessage());
      return;
    }
    CompletableFuture<Reply> f = pending.remove(r.ref());
    if (f != null) f.complete(new Reply(r.status(), null, r.data()));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The client was closed: no reconnect will come. */
  public static final class Closed extends RuntimeException {
    Closed() {
      super("worker stopped", null, false, false);
    }
  }

  /** The socket closed before the reply arrived; the call may be repeated after reconnecting. */
  public static final class Disconnected extends RuntimeException {
    Disconnected() {
      super("disconnected from Lightning", null, false, false);
    }
  }
}
