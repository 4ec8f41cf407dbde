package io.lightningop.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightningop.operator.state.Fixtures;
import io.lightningop.operator.state.Run;
import io.lightningop.operator.state.RunState;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ActivityApiIT {
  private ApiHarness api;

  @BeforeEach
  void setUp() {
    api = new ApiHarness();
    Fixtures.applyProject(api.db);
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private String post(String body) {
    ApiHarness.Reply r = api.send(api.request("/i/" + Fixtures.WEBHOOK).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertEquals(200, r.status(), r.body());
    return r.json().get("work_order_id").asText();
  }

  @Test
  void listingFiltersSearchesAndPagesWithStableCursors() {
    for (int i = 0; i < 7; i++) post("{\"patient\": \"p" + i + "\", \"district\": \"" + (i % 2 == 0 ? "north" : "south") + "\"}");
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = api.get("/api/work_orders?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
      page.get("data").forEach(w -> assertTrue(seen.add(w.get("id").asText()), "no work order twice"));
      if (pages == 0) post("{\"patient\": \"late\"}"); // a newer row must not shift later pages
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
      pages++;
    } while (cursor != null);
    assertEquals(7, seen.size());
    assertEquals(3, pages);

    assertEquals(4, api.get("/api/work_orders?search=north").json().get("data").size());
    assertEquals(1, api.get("/api/work_orders?search=p3").json().get("data").size());
    assertEquals(8, api.get("/api/work_orders?status=pending&project_id=" + Fixtures.PROJECT).json().get("data").size());
    assertEquals(0, api.get("/api/work_orders?status=success").json().get("data").size());
    assertEquals(0, api.get("/api/work_orders?workflow_id=" + UUID.randomUUID()).json().get("data").size());
    assertEquals(0, api.get("/api/work_orders?until=2000-01-01").json().get("data").size());
    String sqlish = URLEncoder.encode("north'; DELETE FROM work_orders; -- \" OR 1=1 & | !", StandardCharsets.UTF_8);
    assertEquals(200, api.get("/api/work_orders?search=" + sqlish).status());
    assertEquals(8, api.count("SELECT count(*) FROM work_orders"));

    assertEquals(400, api.get("/api/work_orders?status=bogus").status());
    assertEquals(400, api.get("/api/work_orders?since=yesterday").status());
    assertEquals(400, api.get("/api/work_orders?cursor=garbage").status());
    assertEquals(400, api.get("/api/work_orders?project_id=1%20OR%201=1").status());
    assertEquals(401, api.send(api.request("/api/work_orders").GET()).status());
    String outsider = api.plane.tokens().create("x", "x@example.org", false);
    assertEquals(0, api.send(api.api("/api/work_orders", outsider).GET()).json().get("data").size(), "only members see runs");
  }

  @Test
  void workOrderShowsRunsStepsLogsAndFinalOutputAndCanBeRetried() {
    UUID wo = UUID.fromString(post("{\"patient\": \"p1\"}"));
    // What a worker would report through the channel: a claim, a step with output, logs, completion.
    Run run = api.plane.queue().claim(1, List.of("*"), "w1").getFirst();
    api.plane.queue().start(run.id());
    UUID step = UUID.randomUUID();
    UUID output = UUID.randomUUID();
    api.db.jdbi().useHandle(h -> {
      h.execute("INSERT INTO dataclips (id, project_id, type, body) VALUES (?, ?, 'step_result', '{\"data\": {\"fhir\": \"Bundle\"}}')", output, Fixtures.PROJECT);
      h.execute("INSERT INTO steps (id, job_id, input_dataclip_id, output_dataclip_id, exit_reason, started_at, finished_at) VALUES (?, ?, ?, ?, 'success', now(), now())",
          step, Fixtures.FIRST_JOB, run.dataclipId(), output);
      h.execute("INSERT INTO run_steps VALUES (?, ?)", run.id(), step);
      for (int i = 0; i < 5; i++) {
        h.execute("INSERT INTO log_lines (id, run_id, step_id, source, level, message, timestamp) VALUES (?, ?, ?, 'JOB', 'info', ?, now() + make_interval(secs => ?))",
            UUID.randomUUID(), run.id(), step, "converted patient " + (i == 3 ? "zebra" : "p1") + " line " + i, i);
      }
    });
    api.plane.queue().complete(run.id(), RunState.SUCCESS, null, output);

    JsonNode detail = api.get("/api/work_orders/" + wo).json().get("data");
    assertEquals("success", detail.get("state").asText());
    assertEquals(step.toString(), detail.at("/runs/0/steps/0/id").asText());
    assertEquals("Bundle", detail.at("/final_output/data/fhir").asText());
    assertEquals(1, api.get("/api/work_orders?search=zebra").json().get("data").size(), "search reaches log lines");

    JsonNode logs = api.get("/api/runs/" + run.id() + "/logs?limit=2").json();
    assertEquals("converted patient p1 line 0", logs.at("/data/0/message").asText());
    JsonNode rest = api.get("/api/runs/" + run.id() + "/logs?limit=10&cursor=" + logs.get("next_cursor").asText()).json();
    assertEquals(3, rest.get("data").size());
    assertTrue(rest.get("next_cursor").isNull());
    assertEquals(1, api.get("/api/runs/" + run.id() + "/logs?search=zebra").json().get("data").size());
    assertEquals("success", api.get("/api/runs/" + run.id()).json().at("/data/state").asText());

    // retry from the start: same work order, new immediate run, work order pending again
    ApiHarness.Reply retried = api.postJson("/api/runs/" + run.id() + "/retry", api.adminToken, "");
    assertEquals(201, retried.status(), retried.body());
    JsonNode after = api.get("/api/work_orders/" + wo).json().get("data");
    assertEquals(2, after.get("runs").size());
    assertEquals("pending", after.get("state").asText());
    assertEquals("immediate", after.at("/runs/1/priority").asText());
    assertEquals(1, api.count("SELECT count(*) FROM work_orders"));

    // retry from the step: starts at its job with its input
    ApiHarness.Reply fromStep = api.postJson("/api/runs/" + run.id() + "/retry", api.adminToken, "{\"step_id\": \"" + step + "\"}");
    assertEquals(201, fromStep.status(), fromStep.body());
    JsonNode stepRun = api.get("/api/runs/" + fromStep.json().at("/data/run_id").asText()).json().get("data");
    assertEquals(Fixtures.FIRST_JOB.toString(), stepRun.get("starting_job_id").asText());
    assertEquals(run.dataclipId().toString(), stepRun.get("dataclip_id").asText());
    assertEquals(422, api.postJson("/api/runs/" + run.id() + "/retry", api.adminToken, "{\"step_id\": \"" + UUID.randomUUID() + "\"}").status());
    assertEquals(404, api.postJson("/api/runs/" + UUID.randomUUID() + "/retry", api.adminToken, "").status());

    // bulk: every matching work order gets one more run
    post("{\"patient\": \"p2\"}");
    JsonNode bulk = api.postJson("/api/work_orders/retry", api.adminToken, "{\"search\": \"p2\"}").json();
    assertEquals(1, bulk.get("enqueued").asInt());
    assertEquals(0, bulk.get("discarded").asInt());

    api.db.jdbi().useHandle(h -> h.execute("UPDATE dataclips SET body = NULL, wiped_at = now() WHERE id = ?", run.dataclipId()));
    ApiHarness.Reply wiped = api.postJson("/api/runs/" + run.id() + "/retry", api.adminToken, "");
    assertEquals(422, wiped.status());
    assertEquals("cannot retry run using a wiped dataclip", wiped.json().at("/errors/input_dataclip_id/0").asText());
    assertNull(api.get("/api/dataclips/" + run.dataclipId()).json().at("/data/body").textValue());
  }

  @Test
  void healthAndMetrics() {
    post("{}");
    assertEquals("ok", api.send(api.request("/health/ready").GET()).json().get("database").asText());
    assertEquals(200, api.send(api.request("/health/live").GET()).status());
    String metrics = api.send(api.request("/metrics").GET()).body();
    assertTrue(metrics.contains("lightning_queue_depth 1.0"), metrics);
    assertTrue(metrics.contains("lightning_runs{state=\"available\"} 1.0"), metrics);
    assertTrue(metrics.contains("lightning_webhook_duration_seconds_count 1"), metrics);
    assertTrue(metrics.contains("lightning_claim_duration_seconds"), metrics);
  }
}
