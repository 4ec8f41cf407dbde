package io.lightningop.spec.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProjectPayloadTest {
  private final AtomicInteger counter = new AtomicInteger();
  private final StateMerge merge = new StateMerge(() -> "id-" + counter.incrementAndGet());

  @Test
  void keyedMapsBecomeArraysAndEmptyCollectionsAreLeftOut() {
    ProjectState first = merge.apply(null, StateMergeTest.project(StateMergeTest.BASE));
    ProjectState next = merge.apply(first, StateMergeTest.project(
        StateMergeTest.BASE.substring(0, StateMergeTest.BASE.indexOf("      a->b:"))));
    ObjectNode payload = ProjectPayload.from(next);
    assertFalse(payload.has("collections"));
    assertFalse(payload.has("channels"));
    assertEquals("id-8", payload.path("id").asText());
    assertTrue(payload.path("project_credentials").isArray());
    assertEquals("id-1", payload.path("project_credentials").path(0).path("id").asText());
    JsonNode wf = payload.path("workflows").path(0);
    assertEquals("id-7", wf.path("id").asText());
    assertEquals(2, wf.path("jobs").size());
    assertEquals("id-2", wf.path("jobs").path(0).path("id").asText());
    // the delete marker travels as an ordinary element
    assertEquals("{\"id\":\"id-6\",\"delete\":true}", wf.path("edges").path(1).toString());
  }

  @Test
  void payloadTurnsBackIntoTheSameKeysAsDeployPulls() throws Exception {
    ProjectState state = merge.apply(null, StateMergeTest.project(StateMergeTest.BASE));
    ProjectState pulled = PayloadState.fromPayload(ProjectPayload.from(state));
    assertEquals(
        StateProjectsKeys.of(state), StateProjectsKeys.of(pulled));
    assertEquals("id-6", pulled.childId("wf", "edges", "a->b").orElseThrow());
    assertEquals("id-1", pulled.credentialId("me@x.org-Basic").orElseThrow());
  }

  /** The keys of every entity, to compare two states' structure. */
  record StateProjectsKeys(String text) {
    static StateProjectsKeys of(ProjectState s) {
      var p = StateProjects.toProject(s);
      return new StateProjectsKeys(p.credentials().keySet() + " " + p.workflows().keySet() + " "
          + p.workflows().values().stream().map(w -> w.jobs().keySet() + "" + w.triggers().keySet() + w.edges().keySet()).toList());
    }
  }

  @Test
  void serverResponseReplacesStateEntriesByIdAndDropsDeletedOnes() throws Exception {
    ProjectState first = merge.apply(null, StateMergeTest.project(StateMergeTest.BASE));
    ProjectState next = merge.apply(first, StateMergeTest.project(
        StateMergeTest.BASE.substring(0, StateMergeTest.BASE.indexOf("      a->b:"))));
    // what Lightning answers: the payload without the deleted edge, plus a server field
    ObjectNode response = ProjectPayload.from(next);
    var edges = (com.fasterxml.jackson.databind.node.ArrayNode) response.path("workflows").path(0).path("edges");
    edges.remove(1);
    ((ObjectNode) response.path("workflows").path(0)).put("lock_version", 2);
    ProjectState saved = PayloadState.mergeResponse(next, response);
    JsonNode wf = saved.json().path("workflows").path("wf");
    assertEquals(2, wf.path("lock_version").asInt());
    assertEquals(java.util.List.of("webhook->a"), toList(wf.path("edges").fieldNames()));
    assertEquals("id-1", saved.credentialId("me@x.org-Basic").orElseThrow());
    assertTrue(saved.json().path("project_credentials").isObject());
  }

  private static java.util.List<String> toList(java.util.Iterator<String> it) {
    java.util.List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
