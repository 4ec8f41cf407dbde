package io.lightningop.operator.k8s.project;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.lightningop.operator.git.TestRepo;
import io.lightningop.operator.git.WebhookSignatures;
import io.lightningop.operator.k8s.Conditions;
import io.lightningop.operator.k8s.KubernetesMock;
import io.lightningop.operator.k8s.LightningOperator;
import io.lightningop.operator.k8s.OperatorSettings;
import io.lightningop.operator.state.CredentialCipher;
import io.lightningop.operator.state.Credentials;
import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.EncryptionKey;
import io.lightningop.operator.state.ProjectChangeListener;
import io.lightningop.operator.state.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Project resource with spec.source.git on the CRUD mock: commits applied, a bad one refused in status, the fix recovers. */
@EnableKubernetesMockClient(crud = true)
class GitProjectIT {
  static final String NS = "git-projects";
  static final String HOOK_NS = "git-hooks";
  static final String SECRET = "k8s-hook-secret";
  static final String PUSH = "{\"ref\":\"refs/heads/main\"}";
  static KubernetesClient mockClient;
  @TempDir Path tmp;

  @Test
  void statusShowsFetchedAppliedAndFailedRevisions() {
    KubernetesMock.createCrds(mockClient);
    mockClient.resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).createOr(n -> n.update());
    OperatorSettings settings = KubernetesMock.settings();
    try (Database db = TestDatabase.create();
         ProjectChangeListener changes = new ProjectChangeListener(db);
         TestRepo repo = new TestRepo(tmp.resolve("repo"))) {
      String first = repo.push("first", Map.of("flows/project.yaml", TestRepo.projectYaml("from-git", "store"),
          "flows/jobs/fetch.js", "fn(s => s)"));
      SecretCredentials secrets = new SecretCredentials(mockClient, new Credentials(db, new CredentialCipher(EncryptionKey.generate())));
      try (LightningOperator operator = new LightningOperator(mockClient, settings, List.of(new ProjectReconciler(mockClient,
          new LiveProjects(db), secrets, changes, settings.publicBaseUrl(), settings.driftResyncInterval(), Clock.systemUTC(),
          new SimpleMeterRegistry())))) {
        operator.start();
        create("flows", new SourceSpec.Git(repo.url(), "main", "flows/project.yaml", "300ms", null, null));
        ProjectStatus live = awaitStatus("flows", s -> s.git() != null && first.equals(s.git().appliedRevision()));
        assertEquals(first, live.sourceRevision());
        assertEquals(first, live.git().fetchedRevision());
        assertTrue(Conditions.isTrue(live.conditions(), "Ready") && Conditions.isTrue(live.conditions(), "Synced"));
        assertEquals("fn(s => s)", live.projectState().at("/workflows/intake/jobs/fetch/body").asText());

        String bad = repo.push("dangling edge", Map.of("flows/project.yaml",
            TestRepo.projectYaml("from-git", "store").replace("target_job: store", "target_job: nowhere")));
        ProjectStatus stalled = awaitStatus("flows", s -> s.git() != null && bad.equals(s.git().failedRevision()));
        assertEquals(first, stalled.git().appliedRevision(), "the last good commit stays live");
        assertEquals(bad, stalled.git().fetchedRevision());
        assertTrue(Conditions.isTrue(stalled.conditions(), "Stalled") && Conditions.isTrue(stalled.conditions(), "Ready"));
        assertTrue(stalled.errors().stream().anyMatch(e -> e.startsWith("commit " + bad + ": flows/project.yaml:") && e.contains("nowhere")),
            String.valueOf(stalled.errors()));

        String fix = repo.push("fix", Map.of("flows/project.yaml", TestRepo.projectYaml("from-git", "archive")));
        ProjectStatus recovered = awaitStatus("flows", s -> s.git() != null && fix.equals(s.git().appliedRevision()));
        assertNull(recovered.git().failedRevision());
        assertNull(recovered.errors());
        assertTrue(!Conditions.isTrue(recovered.conditions(), "Stalled"));
        assertEquals(2, recovered.snapshotVersion());

        create("locked", new SourceSpec.Git(repo.url(), "main", "flows/project.yaml", "300ms", new SecretRef("no-such-secret", null), null));
        ProjectStatus noSecret = awaitStatus("locked", s -> s.errors() != null);
        assertTrue(noSecret.errors().getFirst().contains("no-such-secret") && noSecret.errors().getFirst().contains("does not exist"),
            noSecret.errors().toString());
      }
    }
  }

  /** With an hour-long poll, only a correctly signed push webhook makes a new commit live; the rest get 401 or 404. */
  @Test
  void signedPushWebhookAppliesTheNewCommitAtOnce() throws Exception {
    KubernetesMock.createCrds(mockClient);
    mockClient.resource(new NamespaceBuilder().withNewMetadata().withName(HOOK_NS).endMetadata().build()).createOr(n -> n.update());
    mockClient.resource(new SecretBuilder().withNewMetadata().withName("hook-secret").withNamespace(HOOK_NS).endMetadata()
        .addToData("secret", Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8))).build()).create();
    OperatorSettings settings = KubernetesMock.settings();
    Vertx vertx = Vertx.vertx();
    try (Database db = TestDatabase.create();
         ProjectChangeListener changes = new ProjectChangeListener(db);
         TestRepo repo = new TestRepo(tmp.resolve("repo"));
         TestRepo other = new TestRepo(tmp.resolve("other"))) {
      String first = repo.push("first", Map.of("project.yaml", TestRepo.projectYaml("hooked", "store"), "jobs/fetch.js", "fn(s => s)"));
      String otherFirst = other.push("first", Map.of("project.yaml", TestRepo.projectYaml("unhooked", "store"), "jobs/fetch.js", "fn(s => s)"));
      SecretCredentials secrets = new SecretCredentials(mockClient, new Credentials(db, new CredentialCipher(EncryptionKey.generate())));
      ProjectReconciler reconciler = new ProjectReconciler(mockClient, new LiveProjects(db), secrets, changes,
          settings.publicBaseUrl(), settings.driftResyncInterval(), Clock.systemUTC(), new SimpleMeterRegistry());
      GitProjectHooks hooks = new GitProjectHooks(mockClient, Clock.systemUTC());
      hooks.reconcileWith(reconciler);
      Router router = Router.router(vertx);
      hooks.mount(null, router);
      HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      try (LightningOperator operator = new LightningOperator(mockClient, settings, List.of(reconciler))) {
        operator.start();
        create(HOOK_NS, "hooked", new SourceSpec.Git(repo.url(), "main", null, "1h", null, new SecretRef("hook-secret", null)));
        create(HOOK_NS, "unhooked", new SourceSpec.Git(other.url(), "main", null, "1h", null, null));
        create(HOOK_NS, "secretless", new SourceSpec.Git("file:///nonexistent/repo.git", "main", null, "1h", null,
            new SecretRef("no-such-secret", null)));
        awaitStatus(HOOK_NS, "hooked", s -> s.git() != null && first.equals(s.git().appliedRevision()));
        awaitStatus(HOOK_NS, "unhooked", s -> s.git() != null && otherFirst.equals(s.git().appliedRevision()));

        // Every apply re-checks every Project (a project-change notice): let those from the first applies
        // settle, so only a webhook can fetch the commits pushed next.
        Thread.sleep(1500);
        String next = repo.push("second", Map.of("project.yaml", TestRepo.projectYaml("hooked", "archive")));
        other.push("second", Map.of("project.yaml", TestRepo.projectYaml("unhooked", "archive")));
        int port = server.actualPort();
        assertEquals(401, post(port, "hooked").statusCode(), "unsigned");
        assertEquals(401, post(port, "hooked", "X-Hub-Signature-256", github("wrong-secret")).statusCode(), "bad signature");
        assertEquals(401, post(port, "hooked", "X-Gitlab-Token", "wrong-secret").statusCode(), "bad token");
        assertEquals(401, post(port, "unhooked", "X-Hub-Signature-256", github(SECRET)).statusCode(), "no webhookSecretRef");
        assertEquals(401, post(port, "secretless", "X-Hub-Signature-256", github(SECRET)).statusCode(), "webhook Secret missing");
        assertEquals(404, post(port, "nothing-here", "X-Hub-Signature-256", github(SECRET)).statusCode(), "unknown Project");
        Thread.sleep(1000); // a refused webhook must not have fetched
        assertEquals(first, mockClient.resources(Project.class).inNamespace(HOOK_NS).withName("hooked").get()
            .getStatus().git().appliedRevision(), "fetched without a valid webhook");
        assertEquals(otherFirst, mockClient.resources(Project.class).inNamespace(HOOK_NS).withName("unhooked").get()
            .getStatus().git().appliedRevision(), "fetched without a webhookSecretRef");

        long started = System.nanoTime();
        HttpResponse<String> ok = post(port, "hooked", "X-Hub-Signature-256", github(SECRET), "X-GitHub-Delivery", "k8s-1");
        assertEquals(202, ok.statusCode(), ok.body());
        ProjectStatus live = awaitStatus(HOOK_NS, "hooked", s -> s.git() != null && next.equals(s.git().appliedRevision()));
        System.out.printf("push webhook -> applied revision in status: %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertEquals(next, live.sourceRevision());
        assertEquals(409, post(port, "hooked", "X-Hub-Signature-256", github(SECRET), "X-GitHub-Delivery", "k8s-1").statusCode(),
            "a replayed delivery is refused");
      } finally {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static HttpResponse<String> post(int port, String name, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/git/" + HOOK_NS + "/" + name))
        .POST(HttpRequest.BodyPublishers.ofString(PUSH));
    if (headers.length > 0) b.headers(headers);
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String github(String secret) {
    return "sha256=" + WebhookSignatures.hmac(secret, PUSH.getBytes(StandardCharsets.UTF_8));
  }

  private void create(String name, SourceSpec.Git git) {
    create(NS, name, git);
  }

  private void create(String ns, String name, SourceSpec.Git git) {
    Project cr = new Project();
    cr.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    cr.setSpec(new ProjectSpec(null, null, null, null, null, new SourceSpec(git), null, null));
    mockClient.resource(cr).create();
  }

  private ProjectStatus awaitStatus(String name, Predicate<ProjectStatus> until) {
    return awaitStatus(NS, name, until);
  }

  private ProjectStatus awaitStatus(String ns, String name, Predicate<ProjectStatus> until) {
    AtomicReference<ProjectStatus> seen = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
      Project p = mockClient.resources(Project.class).inNamespace(ns).withName(name).get();
      seen.set(p == null ? null : p.getStatus());
      return seen.get() != null && until.test(seen.get());
    });
    return seen.get();
  }
}
