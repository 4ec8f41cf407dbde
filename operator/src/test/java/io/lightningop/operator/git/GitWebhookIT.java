package io.lightningop.operator.git;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.ProjectApplier;
import io.lightningop.operator.state.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push webhooks on a real Vert.x server: only correctly signed, fresh deliveries trigger a fetch. */
class GitWebhookIT {
  private static final String SECRET = "s3cret-webhook";
  private static final String PUSH = "{\"ref\":\"refs/heads/main\",\"after\":\"0000000000000000000000000000000000000000\"}";

  @TempDir Path tmp;
  private Database db;
  private TestRepo repo;
  private GitSourcePoller poller;
  private Vertx vertx;
  private HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicReference<GitSyncStatus> last = new AtomicReference<>();
  private int syncs;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabase.create();
    repo = new TestRepo(tmp.resolve("repo"));
    repo.push("first", Map.of("project.yaml", TestRepo.projectYaml("hooked", "store"), "jobs/fetch.js", "fn(s => s)"));
    poller = new GitSourcePoller(s -> {
      synchronized (this) {
        syncs++;
      }
      last.set(s);
    });
    // Polling is slow on purpose: anything faster than an hour comes from a webhook.
    GitSource source = GitSource.of("hooked", repo.url(), "main", null).withInterval(Duration.ofHours(1)).withWebhookSecret(SECRET);
    poller.add(new GitSourceSyncer(source, tmp.resolve("cache"), new LightningProjects(db, new ProjectApplier(db)), Clock.systemUTC()));
    await().atMost(60, TimeUnit.SECONDS).until(() -> last.get() != null);
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    new GitWebhookRouter(poller, Clock.systemUTC()).mount(router);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    poller.close();
    repo.close();
    db.close();
  }

  private HttpResponse<String> post(String source, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/hooks/git/" + source))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) b.headers(headers);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String github(String body) {
    return "sha256=" + WebhookSignatures.hmac(SECRET, body.getBytes(StandardCharsets.UTF_8));
  }

  private synchronized int syncs() {
    return syncs;
  }

  @Test
  void aSignedGithubPushAppliesTheNewCommitAtOnce() throws Exception {
    String next = repo.push("second", Map.of("project.yaml", TestRepo.projectYaml("hooked", "archive")));
    HttpResponse<String> r = post("hooked", PUSH, "X-Hub-Signature-256", github(PUSH), "X-GitHub-Delivery", "d-1", "X-GitHub-Event", "push");
    assertEquals(202, r.statusCode(), r.body());
    await().atMost(30, TimeUnit.SECONDS).until(() -> next.equals(last.get().appliedRevision()));
  }

  @Test
  void gitlabTokenAndGenericHmacAreAccepted() throws Exception {
    int before = syncs();
    assertEquals(202, post("hooked", PUSH, "X-Gitlab-Token", SECRET, "X-Gitlab-Event", "Push Hook").statusCode());
    long now = Instant.now().getEpochSecond();
    String sig = "sha256=" + WebhookSignatures.hmac(SECRET, WebhookSignatures.signedText(now, PUSH.getBytes(StandardCharsets.UTF_8)));
    assertEquals(202, post("hooked", PUSH, "X-Signature-256", sig, "X-Signature-Timestamp", Long.toString(now)).statusCode());
    await().atMost(30, TimeUnit.SECONDS).until(() -> syncs() > before);
  }

  @Test
  void unsignedBadlySignedStaleAndReplayedDeliveriesAreRefused() throws Exception {
    int before = syncs();
    HttpResponse<String> missing = post("hooked", PUSH);
    assertEquals(401, missing.statusCode());
    assertTrue(missing.body().contains("unsigned"), missing.body());

    assertEquals(401, post("hooked", PUSH, "X-Hub-Signature-256", "sha256=" + "0".repeat(64)).statusCode());
    assertEquals(401, post("hooked", PUSH, "X-Hub-Signature-256", "sha256=" + WebhookSignatures.hmac("wrong-secret",
        PUSH.getBytes(StandardCharsets.UTF_8))).statusCode());
    assertEquals(401, post("hooked", PUSH, "X-Gitlab-Token", "not-the-secret").statusCode());

    // A captured signature replayed with another (stale) body.
    String staleBody = "{\"ref\":\"refs/heads/main\",\"after\":\"1111111111111111111111111111111111111111\"}";
    assertEquals(401, post("hooked", staleBody, "X-Hub-Signature-256", github(PUSH)).statusCode());

    // A generic signature from ten minutes ago, correctly computed: too old.
    long old = Instant.now().minusSeconds(600).getEpochSecond();
    String oldSig = "sha256=" + WebhookSignatures.hmac(SECRET, WebhookSignatures.signedText(old, PUSH.getBytes(StandardCharsets.UTF_8)));
    HttpResponse<String> stale = post("hooked", PUSH, "X-Signature-256", oldSig, "X-Signature-Timestamp", Long.toString(old));
    assertEquals(401, stale.statusCode());
    assertTrue(stale.body().contains("minutes off"), stale.body());

    assertEquals(404, post("nobody", PUSH, "X-Hub-Signature-256", github(PUSH)).statusCode());
    Thread.sleep(300);
    assertEquals(before, syncs(), "no refused request caused a fetch");

    // The same delivery twice: the second is a replay.
    assertEquals(202, post("hooked", PUSH, "X-Hub-Signature-256", github(PUSH), "X-GitHub-Delivery", "d-42").statusCode());
    HttpResponse<String> replay = post("hooked", PUSH, "X-Hub-Signature-256", github(PUSH), "X-GitHub-Delivery", "d-42");
    assertEquals(409, replay.statusCode());
  }
}
