package io.lightningop.operator.k8s.project;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.lightningop.operator.git.TestRepo;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Project resource with spec.source.git on the CRUD mock: commits applied, a bad one refused in status, the fix recovers. */
@EnableKubernetesMockClient(crud = true)
class GitProjectIT {
  static final String NS = "git-projects";
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
        create("flows", new SourceSpec.Git(repo.url(), "main", "flows/project.yaml", "300ms", null));
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

        create("locked", new SourceSpec.Git(repo.url(), "main", "flows/project.yaml", "300ms", new SecretRef("no-such-secret", null)));
        ProjectStatus noSecret = awaitStatus("locked", s -> s.errors() != null);
        assertTrue(noSecret.errors().getFirst().contains("no-such-secret") && noSecret.errors().getFirst().contains("does not exist"),
            noSecret.errors().toString());
      }
    }
  }

  private void create(String name, SourceSpec.Git git) {
    Project cr = new Project();
    cr.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    cr.setSpec(new ProjectSpec(null, null, null, null, null, new SourceSpec(git), null, null));
    mockClient.resource(cr).create();
  }

  private ProjectStatus awaitStatus(String name, Predicate<ProjectStatus> until) {
    AtomicReference<ProjectStatus> seen = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
      Project p = mockClient.resources(Project.class).inNamespace(NS).withName(name).get();
      seen.set(p == null ? null : p.getStatus());
      return seen.get() != null && until.test(seen.get());
    });
    return seen.get();
  }
}
