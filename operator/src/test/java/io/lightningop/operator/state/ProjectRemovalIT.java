package io.lightningop.operator.state;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hooks the Kubernetes operator uses: change notifications, latest snapshot, removal. */
class ProjectRemovalIT {
  private Database db;
  private ProjectApplier applier;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create();
    applier = new ProjectApplier(db);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void subscribersHearOfAppliesAndRemovalsAfterCommit() throws Exception {
    AtomicInteger heard = new AtomicInteger();
    try (ProjectChangeListener changes = new ProjectChangeListener(db); var sub = changes.subscribe(heard::incrementAndGet)) {
      Thread.sleep(300); // the LISTEN connection is opened by the first subscriber
      Fixtures.applyProject(db);
      await().atMost(Duration.ofSeconds(5)).until(() -> heard.get() == 1);
      applier.apply(Fixtures.payload(), Actor.platform("t"), "test", null); // identical: no change, no notice
      applier.remove(Fixtures.PROJECT, Actor.platform("t"), "test");
      await().atMost(Duration.ofSeconds(5)).until(() -> heard.get() == 2);
    }
  }

  @Test
  void latestSnapshotSaysWhereTheLiveVersionCameFrom() {
    applier.apply(Fixtures.payload(), Actor.platform("kubernetes"), "kubernetes", "generation-1");
    var info = applier.latestSnapshot(Fixtures.PROJECT).orElseThrow();
    assertEquals(1, info.version());
    assertEquals("kubernetes", info.source());
    assertEquals("generation-1", info.sourceRevision());
    assertFalse(applier.latestSnapshot(java.util.UUID.randomUUID()).isPresent());
  }

  @Test
  void aProjectWithoutHistoryIsDeletedAndOneWithHistoryKeepsIt() {
    Fixtures.applyProject(db);
    assertTrue(applier.remove(Fixtures.PROJECT, Actor.platform("t"), "test"));
    assertEquals(0, count("SELECT count(*) FROM projects"));
    assertFalse(applier.remove(Fixtures.PROJECT, Actor.platform("t"), "test"));

    Fixtures.applyProject(db);
    db.jdbi().useHandle(h -> h.execute(
        "INSERT INTO work_orders (id, workflow_id, snapshot_id, trigger_id, state) "
            + "VALUES (gen_random_uuid(), ?, (SELECT id FROM project_snapshots LIMIT 1), ?, 'success')",
        Fixtures.WORKFLOW, Fixtures.WEBHOOK));
    assertTrue(applier.remove(Fixtures.PROJECT, Actor.platform("t"), "test"));
    assertEquals(1, count("SELECT count(*) FROM work_orders"));
    assertEquals(0, count("SELECT count(*) FROM workflows WHERE deleted_at IS NULL"));
    assertEquals(0, count("SELECT count(*) FROM triggers WHERE enabled"));
    var live = db.jdbi().withHandle(h -> ProjectDocuments.read(h, Fixtures.PROJECT)).orElseThrow();
    assertEquals(0, live.get("workflows").size());
    assertEquals(2, count("SELECT count(*) FROM audit_events WHERE event = 'removed'"));
  }

  private long count(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
