package io.lightningop.operator.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.operator.state.Actor;
import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.Fixtures;
import io.lightningop.operator.state.PgRunQueue;
import io.lightningop.operator.state.ProjectApplier;
import io.lightningop.operator.state.Run;
import io.lightningop.operator.state.RunOptions;
import io.lightningop.operator.state.RunState;
import io.lightningop.operator.state.TestDatabase;
import io.lightningop.operator.state.WorkOrders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CronSchedulerIT {
  private static final UUID CRON = UUID.fromString("6f1b5c52-0c0d-4d9b-9d9b-6f2a3b1c0201");
  private Database db;
  private PgRunQueue queue;
  private WorkOrders workOrders;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create();
    ObjectNode p = Fixtures.payload();
    // the fixture's workflow, started every 15 minutes instead of by a webhook
    ObjectNode trigger = (ObjectNode) p.at("/workflows/0/triggers/0");
    trigger.put("id", CRON.toString()).put("type", "cron").put("cron_expression", "*/15 * * * *");
    ((ObjectNode) p.at("/workflows/0/edges/0")).put("source_trigger_id", CRON.toString());
    new ProjectApplier(db).apply(p, Actor.platform("t"), "test", null);
    queue = new PgRunQueue(db, Duration.ofSeconds(10));
    workOrders = new WorkOrders(db, queue, RunOptions.defaults());
  }

  @AfterEach
  void tearDown() {
    queue.close();
    db.close();
  }

  @Test
  void oneWorkOrderPerTickAcrossReplicasCarryingTheLastSuccessfulState() {
    CronScheduler a = new CronScheduler(db, workOrders);
    CronScheduler b = new CronScheduler(db, workOrders);
    Instant due = Instant.parse("2026-11-22T03:15:20Z");
    assertTrue(a.tick(Instant.parse("2026-11-22T03:16:00Z")).isEmpty(), "03:16 does not match */15");

    List<UUID> created = new ArrayList<>(a.tick(due));
    created.addAll(b.tick(due.plusSeconds(5)));
    assertEquals(1, created.size(), "two replicas, one tick");
    String firstInput = db.jdbi().withHandle(h -> h.createQuery(
        "SELECT d.body::text FROM work_orders w JOIN dataclips d ON d.id = w.dataclip_id WHERE w.id = :id")
        .bind("id", created.getFirst()).mapTo(String.class).one());
    assertEquals("{}", firstInput);

    // the run succeeds with a final state; the next tick starts from it
    Run run = queue.claim(1, List.of("*"), "w").getFirst();
    queue.start(run.id());
    UUID finalState = UUID.randomUUID();
    db.jdbi().useHandle(h -> h.execute("INSERT INTO dataclips (id, project_id, type, body) VALUES (?, ?, 'step_result', '{\"cursor\": 42}')",
        finalState, Fixtures.PROJECT));
    queue.complete(run.id(), RunState.SUCCESS, null, finalState);
    List<UUID> next = b.tick(Instant.parse("2026-11-22T03:30:00Z"));
    assertEquals(1, next.size());
    UUID input = db.jdbi().withHandle(h -> h.createQuery("SELECT dataclip_id FROM work_orders WHERE id = :id")
        .bind("id", next.getFirst()).mapTo(UUID.class).one());
    assertEquals(finalState, input);
  }
}
