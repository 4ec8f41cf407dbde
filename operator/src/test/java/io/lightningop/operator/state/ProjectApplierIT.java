package io.lightningop.operator.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProjectApplierIT {
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
  void identicalReapplyIsANoOp() {
    ProjectApplier.Result first = applier.apply(Fixtures.payload(), Actor.platform("t"), "test", "r1");
    assertTrue(first.changed());
    assertEquals(1, first.version());
    assertEquals(9, first.plan().size(), "project, workflow, 3 jobs, trigger, 3 edges: " + first.plan());

    ProjectApplier.Result again = applier.apply(Fixtures.payload(), Actor.platform("t"), "test", "r2");
    assertFalse(again.changed());
    assertTrue(again.plan().isEmpty());
    assertEquals(1, count("project_snapshots"));
    assertEquals(1, count("audit_events"));
  }

  @Test
  void removedJobIsDeletedWithItsEdges() {
    applier.apply(Fixtures.payload(), Actor.platform("t"), "test", null);
    ObjectNode p = Fixtures.payload();
    ArrayNode jobs = (ArrayNode) p.at("/workflows/0/jobs");
    jobs.remove(2);
    ArrayNode edges = (ArrayNode) p.at("/workflows/0/edges");
    edges.remove(2);
    ProjectApplier.Result r = applier.apply(p, Actor.platform("t"), "test", null);
    assertEquals(2, r.version());
    assertEquals(List.of("delete job", "delete edge"), r.plan().stream().map(c -> c.action() + " " + c.kind()).toList());
    assertEquals(2, count("jobs"));
    assertEquals(2, count("edges"));
  }

  @Test
  void failingProjectChangesNothing() {
    applier.apply(Fixtures.payload(), Actor.platform("t"), "test", null);
    ObjectNode p = Fixtures.payload();
    ((ObjectNode) p.at("/workflows/0/jobs/0")).put("name", "Renamed ok");
    ((ObjectNode) p.at("/workflows/0/jobs/1")).put("body", "");
    ((ObjectNode) p.at("/workflows/0/edges/0")).put("condition_type", "on_job_failure");
    p.put("foo", 1);
    ProjectRejectedException e = assertThrows(ProjectRejectedException.class,
        () -> applier.apply(p, Actor.platform("t"), "test", null));
    // the parser reports unknown keys before the model rules run
    assertEquals(List.of("base: extraneous parameters: foo"), e.errors().lines());
    p.remove("foo");
    e = assertThrows(ProjectRejectedException.class, () -> applier.apply(p, Actor.platform("t"), "test", null));
    assertEquals(List.of(
        "workflows.OpenHIE Workflow.jobs.Send to OpenHIM.body: job body can't be blank",
        "workflows.OpenHIE Workflow.edges.webhook->Renamed ok.condition_type: must be :always or :js_expression when source is a trigger"),
        e.errors().lines());
    assertEquals(1, count("project_snapshots"));
    assertEquals(0, (int) db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM jobs WHERE name = 'Renamed ok'")
        .mapTo(Integer.class).one()));
  }

  @Test
  void usersNeedTheRightRole() {
    assertThrows(AccessDeniedException.class,
        () -> applier.apply(Fixtures.payload(), Actor.user("dev@example.org", false), "api", null));
    applier.apply(Fixtures.payload(), Actor.user("admin@example.org", true), "api", null);
    ObjectNode p = Fixtures.payload();
    p.put("name", "changed");
    assertThrows(AccessDeniedException.class, () -> applier.apply(p, Actor.user("dev@example.org", false), "api", null));
    db.jdbi().useHandle(h -> h.execute("INSERT INTO project_members VALUES (?, 'dev@example.org', 'admin')", Fixtures.PROJECT));
    assertTrue(applier.apply(p, Actor.user("dev@example.org", false), "api", null).changed());
  }

  private int count(String table) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Integer.class).one());
  }
}
