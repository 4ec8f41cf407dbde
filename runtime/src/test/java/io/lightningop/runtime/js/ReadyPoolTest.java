package io.lightningop.runtime.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The pool of one-shot items built ahead of need (warm step Contexts use it). */
class ReadyPoolTest {
  /** A built item: which key, which build, and on which thread. */
  record Item(String key, int serial, String thread) {}

  final AtomicInteger builds = new AtomicInteger();
  final Set<Item> discarded = ConcurrentHashMap.newKeySet();

  volatile long builderDelayMillis;

  Item build(String key) {
    if (key.equals("bad")) throw new IllegalStateException("cannot build bad");
    long delay = key.equals("slow") ? ReadyPool.QUEUED_WAIT_MILLIS + 3_000 : builderDelayMillis;
    if (Thread.currentThread().getName().equals("test-builder") && delay > 0) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return new Item(key, builds.incrementAndGet(), Thread.currentThread().getName());
  }

  /** Takes {@code key} twice, so the pool keeps it warm from then on. */
  static void takeTwice(ReadyPool<String, Item> pool, String key) {
    pool.take(key);
    pool.take(key);
  }

  ReadyPool<String, Item> pool(long maxAgeMillis, int maxKeys) {
    return new ReadyPool<>("test-builder", this::build, discarded::add, 1, maxAgeMillis, maxKeys);
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) Thread.sleep(50);
    assertTrue(condition.getAsBoolean(), "condition not reached in 30 s");
  }

  @Test
  void aKeySeenOnceGetsNothingBuiltAhead() throws Exception {
    try (ReadyPool<String, Item> pool = pool(60_000, 3)) {
      for (int i = 0; i < ReadyPool.REMEMBERED; i++) pool.take("once-" + i);
      Thread.sleep(200); // time for a (wrong) background build to show
      assertEquals(0, pool.readyCount());
      assertEquals(ReadyPool.REMEMBERED, builds.get());
    }
  }

  @Test
  void aPrefetchedItemIsWaitedForNotBuiltTwiceAndAOneOffKeyIsNotKeptWarm() throws Exception {
    builderDelayMillis = 500; // the take arrives while the builder is still making the item
    try (ReadyPool<String, Item> pool = pool(60_000, 3)) {
      pool.prefetch("a");
      Item item = pool.take("a");
      assertEquals("test-builder", item.thread());
      assertEquals(1, pool.hits());
      Thread.sleep(700); // time for a (wrong) refill to show
      assertEquals(0, pool.readyCount(), "a key used once is not kept warm");
      assertEquals(1, builds.get());
    }
  }

  @Test
  void aStepDoesNotWaitLongForAPrefetchTheBuilderHasNotStarted() throws Exception {
    try (ReadyPool<String, Item> pool = pool(60_000, 3)) {
      pool.prefetch("slow"); // the builder is busy with this one for longer than a step waits
      Thread.sleep(100);
      pool.prefetch("a");
      Item item = pool.take("a");
      assertEquals(Thread.currentThread().getName(), item.thread(), "built by the step itself after the bounded wait");
    }
  }

  @Test
  void aPrefetchForAWarmKeyOnlyTopsItUp() throws Exception {
    try (ReadyPool<String, Item> pool = pool(60_000, 3)) {
      takeTwice(pool, "a");
      await(() -> pool.readyCount() == 1);
      int built = builds.get();
      pool.prefetch("a");
      Thread.sleep(200);
      assertEquals(built, builds.get());
      assertEquals("test-builder", pool.take("a").thread());
      await(() -> pool.readyCount() == 1); // still warm: refilled
    }
  }

  @Test
  void aMissBuildsOnTheCallerThenTheNextTakeGetsAnItemBuiltInTheBackground() throws Exception {
    try (ReadyPool<String, Item> pool = pool(60_000, 3)) {
      pool.take("a"); // seen once: nothing built ahead yet
      Item first = pool.take("a");
      assertEquals(Thread.currentThread().getName(), first.thread());
      assertEquals(2, pool.misses());
      await(() -> pool.readyCount() == 1);
      Item second = pool.take("a");
      assertEquals("test-builder", second.thread());
      assertEquals("a", second.key());
      assertNotSame(first, second);
      assertEquals(1, pool.hits());
      await(() -> pool.readyCount() == 1); // refilled for the next take, never the same item twice
      Item third = pool.take("a");
      assertTrue(third.serial() > second.serial());
    }
  }

  @Test
  void itemsAreKeptPerKeySoAnotherKeyNeverGetsThem() throws Exception {
    try (ReadyPool<String, Item> pool = pool(60_000, 3)) {
      takeTwice(pool, "a");
      await(() -> pool.readyCount() == 1);
      pool.take("b");
      Item b = pool.take("b");
      assertEquals("b", b.key());
      assertEquals(4, pool.misses());
      await(() -> pool.readyCount() == 2);
      assertEquals("a", pool.take("a").key());
      assertEquals("b", pool.take("b").key());
    }
  }

  @Test
  void anItemOlderThanTheMaximumAgeIsReplacedNotHandedOut() throws Exception {
    try (ReadyPool<String, Item> pool = pool(300, 3)) {
      takeTwice(pool, "a");
      await(() -> pool.readyCount() == 1);
      await(() -> !discarded.isEmpty()); // aged out and closed by the pool
      Item old = discarded.iterator().next();
      assertEquals("test-builder", old.thread());
      Item taken = pool.take("a");
      assertTrue(taken.serial() > old.serial(), "an expired item was handed out");
    }
  }

  @Test
  void onlyTheMostRecentlyUsedKeysStayWarm() throws Exception {
    try (ReadyPool<String, Item> pool = pool(60_000, 2)) {
      takeTwice(pool, "a");
      await(() -> pool.readyCount() == 1);
      takeTwice(pool, "b");
      await(() -> pool.readyCount() == 2);
      takeTwice(pool, "c"); // "a" is the least recently used: its ready item is closed
      await(() -> discarded.stream().anyMatch(i -> i.key().equals("a")));
      await(() -> pool.readyCount() == 2);
      pool.take("a");
      assertEquals(7, pool.misses());
    }
  }

  @Test
  void aFailingBuildFailsTheTakeThatNeedsItAndNothingElse() throws Exception {
    try (ReadyPool<String, Item> pool = pool(60_000, 3)) {
      assertThrows(IllegalStateException.class, () -> pool.take("bad"));
      assertThrows(IllegalStateException.class, () -> pool.take("bad"));
      takeTwice(pool, "good");
      await(() -> pool.readyCount() == 1);
      assertEquals("good", pool.take("good").key());
    }
  }

  @Test
  void closingClosesTheReadyItemsAndLaterTakesStillWork() throws Exception {
    ReadyPool<String, Item> pool = pool(60_000, 3);
    takeTwice(pool, "a");
    await(() -> pool.readyCount() == 1);
    pool.close();
    assertEquals(0, pool.readyCount());
    assertTrue(discarded.stream().anyMatch(i -> i.key().equals("a")));
    Item late = pool.take("a"); // built on the caller, as with no pool
    assertEquals(Thread.currentThread().getName(), late.thread());
    assertFalse(discarded.contains(late));
  }
}
