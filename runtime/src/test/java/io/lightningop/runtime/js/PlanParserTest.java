package io.lightningop.runtime.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanParserTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void lightningFetchPlanBecomesARuntimePlanAsTheWorkerConvertsIt() throws Exception {
    ExecutionPlan plan = PlanParser.parse(JSON.readTree("""
        {"id": "run-1", "starting_node_id": "t1",
         "triggers": [{"id": "t1"}],
         "jobs": [{"id": "j1", "name": "Fetch", "adaptor": "@openfn/language-http@7.2.10", "credential_id": "c1", "body": "get('/x');"},
                  {"id": "j2", "adaptor": "@openfn/language-common@latest", "credential_id": null, "body": "fn(s => s);"}],
         "edges": [{"id": "e1", "source_trigger_id": "t1", "target_job_id": "j1", "condition": "always", "enabled": true},
                   {"id": "e2", "source_job_id": "j1", "target_job_id": "j2", "condition": "state.data.ok === true", "enabled": true},
                   {"id": "e3", "source_trigger_id": "t1", "target_job_id": "j2", "enabled": false}],
         "options": {"run_timeout_ms": 300000}}
        """));
    assertEquals("t1", plan.start());
    ExecutionPlan.Step trigger = plan.steps().get(0);
    assertNull(trigger.expression());
    assertEquals(List.of("j1"), List.copyOf(trigger.next().keySet()), "disabled trigger edges are dropped");
    assertEquals(new ExecutionPlan.Always(true), trigger.next().get("j1"));
    ExecutionPlan.Step j1 = plan.steps().get(1);
    assertEquals("c1", j1.configuration());
    assertEquals(List.of("@openfn/language-http@7.2.10"), j1.adaptors());
    assertEquals(new ExecutionPlan.Conditional("state.data.ok === true", false, null), j1.next().get("j2"));
    RunOptions options = RunOptions.forLightning(JSON.readTree("{\"run_timeout_ms\": 300000}"), id -> null);
    assertEquals(300000L, options.runTimeoutMs());
    assertEquals(List.of("configuration", "response"), options.statePropsToRemove());
  }

  @Test
  void badPlansNameTheField() {
    var e = assertThrows(PlanParser.PlanException.class, () -> PlanParser.parse(JSON.readTree("{\"workflow\": {}}")));
    assertTrue(e.getMessage().startsWith("workflow.steps"), e.getMessage());
    e = assertThrows(PlanParser.PlanException.class,
        () -> PlanParser.parse(JSON.readTree("{\"workflow\": {\"steps\": [{\"id\": \"a\", \"next\": 3}]}}")));
    assertTrue(e.getMessage().startsWith("workflow.steps[0].next"), e.getMessage());
  }
}
