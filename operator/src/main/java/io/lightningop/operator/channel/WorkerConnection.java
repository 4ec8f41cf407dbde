package io.lightningop.operator.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.operator.state.Run;
import io.lightningop.operator.state.RunQueue;
import io.lightningop.spec.worker.BinaryReply;
import io.lightningop.spec.worker.PhoenixFrame;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's socket: Phoenix frames in, replies and pushes out. Keeps which topics the worker
 * joined (with their join refs), answers heartbeats, serves {@code worker:queue} claims and hands
 * {@code run:<id>} events to {@link RunEvents} on worker threads, so a slow database never blocks
 * the event loop and {@code fetch:*} is answered while a lifecycle event is still pending.
 */
final class WorkerConnection {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerConnection.class);
  static final String QUEUE_TOPIC = "worker:queue";

  private final Vertx vertx;
  private final ServerWebSocket socket;
  private final RunQueue queue;
  private final RunTokens tokens;
  private final RunEvents events;
  private final Duration runGrace;
  private final Consumer<WorkerConnection> onClose;
  private final Map<String, String> joined = new ConcurrentHashMap<>();
  private volatile boolean closed;

  WorkerConnection(Vertx vertx, ServerWebSocket socket, RunQueue queue, RunTokens tokens, RunEvents events,
      Duration runGrace, Consumer<WorkerConnection> onClose) {
    this.vertx = vertx;
    this.socket = socket;
    this.queue = queue;
    this.tokens = tokens;
    this.events = events;
    this.runGrace = runGrace;
    this.onClose = onClose;
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(b -> LOG.debug("ignoring a binary frame from a worker"));
    socket.closeHandler(v -> {
      closed = true;
      onClose.accept(this);
    });
    socket.exceptionHandler(e -> LOG.debug("worker socket error: {}", e.toString()));
  }

  /** Sends {@code work-available} if this worker has joined the queue. */
  void workAvailable() {
    String joinRef = joined.get(QUEUE_TOPIC);
    if (joinRef != null && !closed) {
      send(PhoenixFrame.push(joinRef, QUEUE_TOPIC, "work-available", PhoenixFrame.object()));
    }
  }

  private void onText(String text) {
    PhoenixFrame f;
    try {
      f = PhoenixFrame.parse(text);
    } catch (IllegalArgumentException e) {
      LOG.warn("closing a worker socket that sent a malformed frame: {}", e.getMessage());
      socket.close((short) 1003, "malformed frame");
      return;
    }
    if (PhoenixFrame.PHOENIX_TOPIC.equals(f.topic()) && PhoenixFrame.HEARTBEAT.equals(f.event())) {
      send(f.ok(PhoenixFrame.object()));
    } else if (PhoenixFrame.JOIN.equals(f.event())) {
      join(f);
    } else if (PhoenixFrame.LEAVE.equals(f.event())) {
      String joinRef = joined.remove(f.topic());
      if (joinRef != null && f.topic().startsWith("run:")) forgetRun(f.topic());
      send(f.ok(PhoenixFrame.object()));
    } else if (!java.util.Objects.equals(f.joinRef(), joined.get(f.topic())) || !joined.containsKey(f.topic())) {
      send(f.error(PhoenixFrame.object().put("reason", "unmatched topic")));
    } else if (QUEUE_TOPIC.equals(f.topic()) && "claim".equals(f.event())) {
      claim(f);
    } else if (f.topic().startsWith("run:")) {
      UUID runId = UUID.fromString(f.topic().substring(4)); // checked at join
      blocking(f, () -> events.handle(runId, f.event(), f.payload()));
    } else {
      send(f.error(PhoenixFrame.object().put("reason", "unmatched topic")));
    }
  }

  private void join(PhoenixFrame f) {
    if (QUEUE_TOPIC.equals(f.topic())) {
      joined.put(f.topic(), f.joinRef() == null ? f.ref() : f.joinRef());
      send(f.ok(PhoenixFrame.object()));
      return;
    }
    if (!f.topic().startsWith("run:")) {
      send(f.error(PhoenixFrame.object().put("reason", "unmatched topic")));
      return;
    }
    String id = f.topic().substring(4);
    blocking(f, () -> {
      UUID runId;
      try {
        runId = UUID.fromString(id);
      } catch (IllegalArgumentException e) {
        return ChannelReply.reason("not_found");
      }
      if (!tokens.opens(f.payload().path("token").asText(null), id)) return ChannelReply.reason("unauthorized");
      if (!events.exists(runId)) return ChannelReply.reason("not_found");
      joined.put(f.topic(), f.joinRef() == null ? f.ref() : f.joinRef());
      return ChannelReply.ok(PhoenixFrame.object());
    });
  }

  private void claim(PhoenixFrame f) {
    JsonNode p = f.payload();
    if (!p.has("demand") || !p.has("worker_name")) {
      send(f.error(PhoenixFrame.object().put("reason", "claim needs demand and worker_name")));
      return;
    }
    int demand = Math.max(0, Math.min(p.path("demand").asInt(1), 50));
    String workerName = p.path("worker_name").asText(null);
    List<String> queues = new ArrayList<>();
    p.path("queues").forEach(q -> queues.add(q.asText()));
    vertx.<List<Run>>executeBlocking(() -> queue.claim(demand, queues, workerName), false).onComplete(ar -> {
      if (ar.failed()) {
        LOG.error("claim failed", ar.cause());
        send(f.error(PhoenixFrame.object().put("reason", "claim failed")));
        return;
      }
      List<Run> claimed = ar.result();
      if (closed) {
        // The worker is gone: nobody will run these, so put them back at once (§4.3).
        vertx.executeBlocking(() -> {
          claimed.forEach(r -> queue.release(r.id()));
          return null;
        }, false);
        return;
      }
      ObjectNode response = PhoenixFrame.object();
      ArrayNode runs = response.putArray("runs");
      for (Run r : claimed) {
        Duration lifetime = Duration.ofMillis(r.options().runTimeoutMs()).plus(runGrace);
        runs.addObject().put("id", r.id().toString()).put("token", tokens.mint(r.id().toString(), lifetime));
      }
      send(f.ok(response));
    });
  }

  private void forgetRun(String topic) {
    try {
      events.forget(UUID.fromString(topic.substring(4)));
    } catch (IllegalArgumentException ignored) {
      // not a run id: nothing cached
    }
  }

  private void blocking(PhoenixFrame f, java.util.concurrent.Callable<ChannelReply> work) {
    vertx.<ChannelReply>executeBlocking(work, false).onComplete(ar -> {
      if (ar.failed()) {
        LOG.error("{} on {} failed", f.event(), f.topic(), ar.cause());
        ObjectNode errors = PhoenixFrame.object();
        errors.putObject("errors").putArray("server").add("internal error");
        send(f.error(errors));
        return;
      }
      ChannelReply r = ar.result();
      if (r.binary() != null) {
        if (!closed) {
          socket.writeBinaryMessage(Buffer.buffer(
              new BinaryReply(f.joinRef(), f.ref(), f.topic(), r.status(), r.binary()).encode()));
        }
      } else {
        send(f.reply(r.status(), r.response()));
      }
    });
  }

  private void send(PhoenixFrame frame) {
    if (closed) return;
    socket.writeTextMessage(frame.encode());
  }
}
