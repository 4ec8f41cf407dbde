package io.lightningop.operator.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lightningop.operator.ControlPlane;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything acknowledged before a stop is there after the next start on the same data folder. */
class RestartIT {
  @TempDir Path home;

  @Test
  void acknowledgedWorkSurvivesARestart() throws Exception {
    EncryptionKey key = EncryptionKey.loadOrCreate(home.resolve("encryption-key"));
    String workOrder;
    String token;
    try (Database db = Database.embedded(home.resolve("postgres"));
         ControlPlane plane = ControlPlane.start(db, key, ControlPlane.Settings.defaults().withPort(0))) {
      Fixtures.applyProject(db);
      plane.credentials().put("ops@example.org", "secret api", "raw", Fixtures.JSON.createObjectNode().put("apiKey", "k-123"));
      token = plane.tokens().create("t", "ops@example.org", true);
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + plane.port() + "/i/" + Fixtures.WEBHOOK))
          .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"n\": 1}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      workOrder = Fixtures.JSON.readTree(r.body()).get("work_order_id").asText();
    }
    EncryptionKey sameKey = EncryptionKey.loadOrCreate(home.resolve("encryption-key"));
    try (Database db = Database.embedded(home.resolve("postgres"));
         ControlPlane plane = ControlPlane.start(db, sameKey, ControlPlane.Settings.defaults().withPort(0))) {
      assertEquals(true, plane.tokens().isValid(token));
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + plane.port() + "/api/work_orders/" + workOrder))
          .header("authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      assertEquals(1, plane.queue().depth());
      assertEquals(1, (int) db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM project_snapshots").mapTo(Integer.class).one()));
      // the credential still decrypts with the key kept beside the data
      UUID cred = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM credentials").mapTo(UUID.class).one());
      db.jdbi().useHandle(h -> h.execute("INSERT INTO project_credentials (id, project_id, credential_id) VALUES (?, ?, ?)",
          cred, Fixtures.PROJECT, cred));
      assertEquals("{\"apiKey\":\"k-123\"}", plane.credentials().bodyForProjectCredential(cred).orElseThrow());
    }
  }
}
