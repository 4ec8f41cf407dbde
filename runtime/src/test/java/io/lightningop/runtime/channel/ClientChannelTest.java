package io.lightningop.runtime.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.spec.worker.PhoenixFrame;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Run events against a Phoenix endpoint on loopback that leaves the first {@code silent} pushes
 * of an event unanswered, as a control plane starved of CPU would.
 */
class ClientChannelTest {
  Vertx vertx;
  HttpServer server;
  PhoenixClient client;
  volatile int silent;
  final AtomicInteger received = new AtomicInteger();
  final List<String> refs = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().webSocketHandler(ws -> ws.textMessageHandler(text -> {
      PhoenixFrame f = PhoenixFrame.parse(text);
      if (f.event().equals(PhoenixFrame.JOIN)) {
        ws.writeTextMessage(f.ok(PhoenixFrame.object()).encode());
      } else if (f.event().equals("run:start")) {
        refs.add(f.ref());
        if (received.incrementAndGet() > silent) {
          ws.writeTextMessage(f.ok(PhoenixFrame.object().put("attempt", received.get())).encode());
        }
      }
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    client = new PhoenixClient(vertx, "ws://127.0.0.1:" + server.actualPort() + "/worker", "token",
        Duration.ofSeconds(30), Duration.ofMillis(100));
    client.start();
    client.whenConnected().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  ClientChannel channel() {
    return new ClientChannel(client, "run:r1", PhoenixFrame.object(), Duration.ofSeconds(5));
  }

  @Test
  void anEventWithoutAReplyInTimeIsSentAgainAndTheLaterReplyIsTheAnswer() throws Exception {
    silent = 2;
    // a loopback reply takes a millisecond: a second leaves room for a slow CI machine
    Reply r = channel().call("run:start", PhoenixFrame.object(), Duration.ofSeconds(1));
    assertTrue(r.ok());
    assertEquals(3, r.response().path("attempt").asInt());
    assertEquals(3, refs.stream().distinct().count(), "each attempt is a new push with its own ref");
  }

  @Test
  void afterAllAttemptsGoUnansweredTheCallFailsSoTheRunIsNotWaitedOnForever() {
    silent = Integer.MAX_VALUE;
    ClientChannel.NoReply e = assertThrows(ClientChannel.NoReply.class,
        () -> channel().call("run:start", PhoenixFrame.object(), Duration.ofMillis(200)));
    assertTrue(e.getMessage().contains("run:start"), e.getMessage());
    assertEquals(ClientChannel.ATTEMPTS, received.get());
  }

  @Test
  void callOnceDoesNotRepeat() {
    silent = Integer.MAX_VALUE;
    assertThrows(ClientChannel.NoReply.class, () -> channel().callOnce("run:start", PhoenixFrame.object(), Duration.ofMillis(200)));
    assertEquals(1, received.get());
  }
}
