package io.lightningop.operator.state;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunQueueIT {
  private Database db;
  private PgRunQueue queue;
  private WorkOrders workOrders;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create();
    Fixtures.applyProject(db);
    queue = new PgRunQueue(db, Duration.ZERO);
  }

  @AfterEach
  void tearDown() {
    queue.close();
    db.close();
  }

  private List<WorkOrders.Created> enqueue(int n, RunOptions options) {
    workOrders = new WorkOrders(db, queue, options);
    List<WorkOrders.Created> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(workOrders.createForTrigger(Fixtures.WEBHOOK, "http_request", "{\"n\": " + i + "}", "{}"));
    }
    return out;
  }

  @Test
  void claimsOldestFirstAndWalksTheStates() {
    List<WorkOrders.Created> created = enqueue(3, RunOptions.defaults());
    assertEquals(3, queue.depth());

    List<Run> first = queue.claim(2, List.of("*"), "worker-a");
    assertEquals(List.of(created.get(0).runId(), created.get(1).runId()), first.stream().map(Run::id).toList());
    assertTrue(first.stream().allMatch(r -> r.state() == RunState.CLAIMED && "worker-a".equals(r.workerName())));
    assertEquals(1, queue.depth());

    Run started = queue.start(first.get(0).id());
    assertEquals(RunState.STARTED, started.state());
    assertEquals("running", workOrderState(created.get(0).workOrderId()));

    Run done = queue.complete(started.id(), RunState.SUCCESS, null, null);
    assertEquals(RunState.SUCCESS, done.state());
    assertEquals("success", workOrderState(created.get(0).workOrderId()));
    assertThrows(IllegalStateException.class, () -> queue.complete(started.id(), RunState.FAILED, null, null));
    assertThrows(IllegalStateException.class, () -> queue.start(created.get(2).runId()), "available, not claimed");

    queue.release(first.get(1).id());
    assertEquals(2, queue.depth());
    assertEquals(1L, queue.countByState().get(RunState.SUCCESS));
  }

  @Test
  void eightConcurrentClaimantsNeverShareARun() throws Exception {
    int runs = 200;
    enqueue(runs, RunOptions.defaults());
    ConcurrentLinkedQueue<UUID> claimed = new ConcurrentLinkedQueue<>();
    AtomicInteger claims = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int w = 0; w < 8; w++) {
      String name = "worker-" + w;
      futures.add(pool.submit(() -> {
        go.await();
        while (true) {
          List<Run> got = queue.claim(3, List.of("*"), name);
          claims.incrementAndGet();
          if (got.isEmpty()) return null;
          got.forEach(r -> claimed.add(r.id()));
        }
      }));
    }
    go.countDown();
    for (Future<?> f : futures) f.get();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    pool.shutdown();
    Set<UUID> unique = new HashSet<>(claimed);
    assertEquals(runs, claimed.size(), "every run claimed exactly once");
    assertEquals(runs, unique.size(), "no run claimed twice");
    assertEquals(0, queue.depth());
    System.out.printf("claim benchmark: %d runs by 8 threads in %d ms (%d claim calls, %.2f ms/claim)%n",
        runs, ms, claims.get(), (double) ms * 8 / claims.get());
  }

  @Test
  void expiredLeaseMarksTheRunLost() {
    List<WorkOrders.Created> created = enqueue(2, new RunOptions(200, true, true));
    List<Run> claimed = queue.claim(2, List.of("*"), "w");
    queue.start(claimed.get(1).id());
    assertTrue(queue.markLost().isEmpty(), "leases still running");
    await().atMost(Duration.ofSeconds(5)).until(() -> queue.markLost().size() == 2 || lostCount() == 2);
    Run neverStarted = queue.find(claimed.get(0).id()).orElseThrow();
    Run started = queue.find(claimed.get(1).id()).orElseThrow();
    assertEquals(RunState.LOST, neverStarted.state());
    assertEquals("LostAfterClaim", neverStarted.errorType());
    assertEquals("LostAfterStart", started.errorType());
    assertEquals("lost", workOrderState(created.get(0).workOrderId()));
    assertThrows(IllegalStateException.class, () -> queue.complete(started.id(), RunState.SUCCESS, null, null),
        "a lost run cannot be completed late");
  }

  @Test
  void listenersHearOfWorkFromCommittedTransactionsOnly() throws Exception {
    CountDownLatch heard = new CountDownLatch(1);
    try (AutoCloseable sub = queue.onWorkAvailable(heard::countDown)) {
      Thread.sleep(300); // let the listener connect before the first NOTIFY
      enqueue(1, RunOptions.defaults());
      assertTrue(heard.await(5, java.util.concurrent.TimeUnit.SECONDS));
    }
  }

  @Test
  void queuePreferenceIsHonoured() {
    enqueue(1, RunOptions.defaults());
    assertTrue(queue.claim(1, List.of("manual"), "w").isEmpty(), "a default-queue run is not in 'manual'");
    assertEquals(1, queue.claim(1, List.of("manual", "*"), "w").size());
  }

  private long lostCount() {
    return queue.countByState().get(RunState.LOST);
  }

  private String workOrderState(UUID id) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT state FROM work_orders WHERE id = :id").bind("id", id)
        .mapTo(String.class).one());
  }
}
