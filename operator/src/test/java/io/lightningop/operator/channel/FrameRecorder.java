package io.lightningop.operator.channel;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback WebSocket relay between a worker and the control plane that records every frame in
 * both directions, in the order the relay saw them, so a test can compare the wire with the spec.
 */
final class FrameRecorder implements AutoCloseable {

  /** One frame: {@code toServer} is worker → control plane; text or binary. */
  record Frame(boolean toServer, String text, byte[] binary) {}

  private final Vertx vertx = Vertx.vertx();
  private final List<Frame> frames = new ArrayList<>();
  private final HttpServer server;

  FrameRecorder(int upstreamPort) {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(WorkerSocket.MAX_FRAME_BYTES).setMaxMessageSize(WorkerSocket.MAX_FRAME_BYTES));
    server = ChannelPlane.await(vertx.createHttpServer(WorkerSocket.configure(new HttpServerOptions().setHost("127.0.0.1").setPort(0)))
        .webSocketHandler(down -> {
          down.pause();
          client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(upstreamPort).setURI(down.uri()))
              .onSuccess(up -> relay(down, up))
              .onFailure(e -> down.close());
        })
        .listen());
  }

  private void relay(io.vertx.core.http.ServerWebSocket down, WebSocket up) {
    down.textMessageHandler(t -> {
      record(new Frame(true, t, null));
      up.writeTextMessage(t);
    });
    up.textMessageHandler(t -> {
      record(new Frame(false, t, null));
      down.writeTextMessage(t);
    });
    up.binaryMessageHandler(b -> {
      record(new Frame(false, null, b.getBytes()));
      down.writeBinaryMessage(Buffer.buffer(b.getBytes()));
    });
    down.closeHandler(v -> up.close());
    up.closeHandler(v -> down.close());
    down.resume();
  }

  private synchronized void record(Frame f) {
    frames.add(f);
  }

  synchronized List<Frame> frames() {
    return List.copyOf(frames);
  }

  String url() {
    return "ws://127.0.0.1:" + server.actualPort() + "/worker";
  }

  @Override
  public void close() {
    ChannelPlane.await(vertx.close());
  }
}
