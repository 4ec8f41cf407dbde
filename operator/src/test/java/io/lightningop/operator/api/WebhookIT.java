package io.lightningop.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightningop.operator.state.Fixtures;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookIT {
  private ApiHarness api;
  private String hook;

  @BeforeEach
  void setUp() {
    api = new ApiHarness();
    Fixtures.applyProject(api.db);
    hook = "/i/" + Fixtures.WEBHOOK;
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private ApiHarness.Reply post(String path, String contentType, String body, String... headers) {
    HttpRequest.Builder b = api.request(path).header("content-type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return api.send(b);
  }

  @Test
  void acceptedBodyIsCommittedBeforeTheAnswer() {
    ApiHarness.Reply r = post(hook + "/extra?source=chw", "application/json",
        "{\"patient\": {\"id\": 7}, \"configuration\": {\"password\": \"x\"}}", "x-custom", "yes");
    assertEquals(200, r.status(), r.body());
    UUID wo = UUID.fromString(r.json().get("work_order_id").asText());
    JsonNode detail = api.get("/api/work_orders/" + wo).json().get("data");
    assertEquals("pending", detail.get("state").asText());
    assertEquals("available", detail.at("/runs/0/state").asText());
    JsonNode clip = api.get("/api/dataclips/" + detail.get("dataclip_id").asText()).json().get("data");
    assertEquals("http_request", clip.get("type").asText());
    assertEquals(7, clip.at("/body/patient/id").asInt());
    assertTrue(clip.at("/body/configuration").isMissingNode(), "configuration is stripped from dataclips");
    assertEquals("chw", clip.at("/request/query_params/source").asText());
    assertEquals("yes", clip.at("/request/headers/x-custom").asText());
    assertEquals(List.of("i", Fixtures.WEBHOOK.toString(), "extra"),
        api.JSON.convertValue(clip.at("/request/path"), List.class));

    // arrays and scalars arrive wrapped, as Lightning's Plug parser does
    ApiHarness.Reply array = post(hook, "application/json", "[1,2]");
    JsonNode wrapped = api.get("/api/dataclips/" + api.get("/api/work_orders/" + array.json().get("work_order_id").asText())
        .json().at("/data/dataclip_id").asText()).json().at("/data/body/_json");
    assertEquals(2, wrapped.size());
  }

  @Test
  void authMethodsDecide401Or404() {
    api.plane.webhookAuth().addApiKey(Fixtures.PROJECT, "key", "s3cret-key", List.of(Fixtures.WEBHOOK));
    api.plane.webhookAuth().addBasic(Fixtures.PROJECT, "basic", "chw", "pass-word-1", List.of(Fixtures.WEBHOOK));
    assertEquals(401, post(hook, "application/json", "{}").status());
    assertEquals(404, post(hook, "application/json", "{}", "x-api-key", "wrong").status());
    assertEquals("Webhook not found", post(hook, "application/json", "{}", "x-api-key", "wrong").json().get("error").asText());
    assertEquals(200, post(hook, "application/json", "{}", "x-api-key", "s3cret-key").status());
    String basic = "Basic " + Base64.getEncoder().encodeToString("chw:pass-word-1".getBytes());
    assertEquals(200, post(hook, "application/json", "{}", "authorization", basic).status());
    String wrongBasic = "Basic " + Base64.getEncoder().encodeToString("chw:nope-nope".getBytes());
    assertEquals(404, post(hook, "application/json", "{}", "authorization", wrongBasic).status());
    assertEquals(2, api.count("SELECT count(*) FROM work_orders"));
    assertEquals(0, api.count("SELECT count(*) FROM dataclips WHERE request::text LIKE '%s3cret%' OR request::text LIKE '%Basic%'"),
        "secrets never reach a dataclip");
  }

  @Test
  void badInputGetsA4xxAndStoresNothing() {
    assertEquals(404, post("/i/" + UUID.randomUUID(), "application/json", "{}").status());
    assertEquals(404, post("/i/" + java.net.URLEncoder.encode("'; DROP TABLE runs; --", java.nio.charset.StandardCharsets.UTF_8), "application/json", "{}").status());
    ApiHarness.Reply malformed = post(hook, "application/json", "{\"a\": ");
    assertEquals(400, malformed.status());
    assertTrue(malformed.json().get("message").asText().contains("line 1"), malformed.body());
    assertEquals(415, post(hook, "text/csv", "a,b").status());
    String big = "{\"x\": \"" + "a".repeat(11 * 1024 * 1024) + "\"}";
    ApiHarness.Reply tooBig = post(hook, "application/json", big);
    assertEquals(413, tooBig.status());
    assertEquals(0, api.count("SELECT count(*) FROM work_orders") + api.count("SELECT count(*) FROM dataclips")
        + api.count("SELECT count(*) FROM runs"));
    // just under the limit is fine
    assertEquals(200, post(hook, "application/json", "{\"x\": \"" + "a".repeat(9 * 1024 * 1024) + "\"}").status());
  }

  @Test
  void disabledTriggerIsRefused() {
    api.db.jdbi().useHandle(h -> h.execute("UPDATE triggers SET enabled = false"));
    ApiHarness.Reply r = post(hook, "application/json", "{}");
    assertEquals(403, r.status());
    assertEquals("trigger_disabled", r.json().get("error").asText());
  }

  @Test
  void thousandParallelPostsMakeExactlyThousandWorkOrders() {
    int n = 1000;
    long t0 = System.nanoTime();
    // 32 client threads post the 1,000 bodies concurrently (the client's limit, not the server's).
    java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(32);
    List<CompletableFuture<ApiHarness.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String body = "{\"i\": " + i + "}";
      replies.add(CompletableFuture.supplyAsync(() -> api.send(api.request(hook).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body))), clients));
    }
    Set<String> ids = new HashSet<>();
    for (CompletableFuture<ApiHarness.Reply> f : replies) {
      ApiHarness.Reply r = f.join();
      assertEquals(200, r.status(), r.body());
      ids.add(r.json().get("work_order_id").asText());
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    clients.shutdown();
    assertEquals(n, ids.size());
    assertEquals(n, api.count("SELECT count(*) FROM work_orders"));
    assertEquals(n, api.count("SELECT count(*) FROM runs WHERE state = 'available'"));
    assertEquals(n, api.count("SELECT count(DISTINCT body->>'i') FROM dataclips"));
    System.out.printf("webhook benchmark: %d parallel posts in %d ms (%.0f/s)%n", n, ms, n * 1000.0 / ms);
  }
}
