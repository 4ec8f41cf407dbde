package io.lightningop.runtime.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.spec.worker.PhoenixFrame;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker serving one Lightning (§4.3, §4.15): joins {@code worker:queue}, claims one run at a
 * time while it has free capacity — at once on {@code work-available}, a finished run or a
 * reconnect, otherwise with a backoff growing ×1.15 from min to max on empty claims — and runs
 * each claimed run in its own {@link RunSession}. {@link #drain} is the SIGTERM path.
 */
public final class Worker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  private final WorkerConfig config;
  private final PlanExecutor executor;
  private final String workerId = "worker-" + UUID.randomUUID().toString().substring(0, 8);
  private final Set<Thread> runs = ConcurrentHashMap.newKeySet();
  private final Object wake = new Object();
  private final WorkerTokens.RunTokenVerifier runTokens;
  private Vertx vertx;
  private PhoenixClient client;
  private ClientChannel queue;
  private Thread claimLoop;
  private volatile boolean stopping;
  private boolean woken;

  public Worker(WorkerConfig config, PlanExecutor executor) {
    this.config = config;
    this.executor = executor;
    this.runTokens = config.lightningPublicKey() == null ? null
        : new WorkerTokens.RunTokenVerifier(config.lightningPublicKey());
  }

  public Worker start() {
    vertx = Vertx.vertx();
    client = new PhoenixClient(vertx, config.lightningUrl(), WorkerTokens.workerToken(config.workerSecret(), workerId),
        config.heartbeatInterval(), config.reconnectStep());
    ObjectNode join = PhoenixFrame.object().put("capacity", config.capacity());
    join.putObject("queues").put("manual>*", config.capacity());
    queue = new ClientChannel(client, "worker:queue", join, config.claimTimeout());
    client.onPush("worker:queue", frame -> {
      if ("work-available".equals(frame.event())) wakeUp();
    });
    client.onConnected(epoch -> wakeUp());
    client.start();
    claimLoop = Thread.ofPlatform().name("claim-loop").daemon().start(this::claimLoop);
    LOG.info("worker {} serving {} with capacity {}", workerId, config.lightningUrl(), config.capacity());
    return this;
  }

  /** Runs in progress right now. */
  public int activeRuns() {
    return runs.size();
  }

  /** Test hook: cut the socket as a network failure would. */
  public void dropConnection() {
    client.dropConnection();
  }

  /**
   * Stops claiming, waits up to the grace period for runs in progress to finish and report,
   * leaves the queue and disconnects. Returns true when every run finished in time.
   */
  public boolean drain() throws InterruptedException {
    stopping = true;
    wakeUp();
    long deadline = System.nanoTime() + config.drainGrace().toNanos();
    for (Thread t : Set.copyOf(runs)) {
      long left = deadline - System.nanoTime();
      if (left > 0) t.join(Duration.ofNanos(left));
    }
    boolean clean = runs.isEmpty();
    if (!clean) LOG.warn("{} run(s) still active after the grace period", runs.size());
    if (claimLoop != null) claimLoop.join(1000);
    queue.leave(Duration.ofSeconds(1));
    close();
    return clean;
  }

  /** Stops at once, abandoning runs in progress (they become lost on the control plane). */
  @Override
  public void close() {
    stopping = true;
    wakeUp();
    if (client != null) client.close();
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    runs.forEach(Thread::interrupt);
  }

  private void wakeUp() {
    synchronized (wake) {
      woken = true;
      wake.notifyAll();
    }
  }

  private void sleep(Duration d) throws InterruptedException {
    synchronized (wake) {
      long until = System.nanoTime() + d.toNanos();
      while (!woken && !stopping) {
        long left = until - System.nanoTime();
        if (left <= 0) break;
        TimeUnit.NANOSECONDS.timedWait(wake, left);
      }
      woken = false;
    }
  }

  private void claimLoop() {
    double backoffMs = config.backoffMin().toMillis();
    try {
      while (!stopping) {
        if (runs.size() >= config.capacity() || !client.isConnected()) {
          sleep(config.backoffMax());
          continue;
        }
        int claimed;
        try {
          claimed = claimOnce();
        } catch (ChannelException | PhoenixClient.Disconnected e) {
          LOG.warn("claim failed: {}", e.getMessage());
          claimed = 0;
        }
        if (claimed > 0) {
          backoffMs = config.backoffMin().toMillis();
          if (runs.size() < config.capacity()) sleep(config.backoffMin());
        } else {
          sleep(Duration.ofMillis((long) backoffMs));
          backoffMs = Math.min(backoffMs * 1.15, config.backoffMax().toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int claimOnce() throws ChannelException, InterruptedException {
    ObjectNode claim = PhoenixFrame.object().put("demand", 1);
    claim.put("worker_name", config.workerName());
    claim.putArray("queues").add("manual").add("*");
    Reply r = queue.callOnce("claim", claim, config.claimTimeout());
    if (!r.ok()) throw new ChannelException("claim refused: " + r.response());
    int n = 0;
    for (JsonNode run : r.response().path("runs")) {
      String id = run.path("id").asText();
      String token = run.path("token").asText();
      if (runTokens != null && !runTokens.valid(token, id)) {
        // As ws-worker: a token that does not verify means a misconfigured or hostile server.
        LOG.error("run token for {} does not verify with WORKER_LIGHTNING_PUBLIC_KEY; shutting down", id);
        stopping = true;
        Thread.ofVirtual().start(this::close);
        return n;
      }
      startRun(id, token);
      n++;
    }
    return n;
  }

  private void startRun(String id, String token) {
    RunSession session = new RunSession(client, id, token, config.messageTimeout(), executor);
    Thread t = Thread.ofVirtual().name("run-" + id).unstarted(() -> {
      try {
        session.run();
      } finally {
        runs.remove(Thread.currentThread());
        wakeUp();
      }
    });
    runs.add(t);
    t.start();
  }
}
