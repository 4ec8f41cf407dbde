package io.lightningop.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightningop.operator.ControlPlane;
import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.EncryptionKey;
import io.lightningop.operator.state.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** A control plane on a fresh database with its HTTP API on a loopback port, and a client for it. */
final class ApiHarness implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  final Database db;
  final ControlPlane plane;
  final String base;
  final String adminToken;
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  ApiHarness() {
    db = TestDatabase.create();
    plane = ControlPlane.start(db, EncryptionKey.generate(),
        new ControlPlane.Settings("127.0.0.1", 0, io.lightningop.operator.state.RunOptions.defaults(),
            java.time.Duration.ofSeconds(10), java.time.Duration.ofMinutes(5), false));
    base = "http://127.0.0.1:" + plane.port();
    adminToken = plane.tokens().create("test", "jane-smith@test.com", true);
  }

  record Reply(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  Reply send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body(), r);
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  CompletableFuture<Reply> sendAsync(HttpRequest.Builder b) {
    return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).thenApply(r -> new Reply(r.statusCode(), r.body(), r));
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path));
  }

  HttpRequest.Builder api(String path, String token) {
    return request(path).header("authorization", "Bearer " + token);
  }

  Reply get(String path) {
    return send(api(path, adminToken).GET());
  }

  Reply postJson(String path, String token, String body) {
    return send(api(path, token).header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  long count(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  @Override
  public void close() {
    plane.close();
    db.close();
  }
}
