// Benchmark 4: the Project reconciler at scale, on fabric8's CRUD mock API server with the real
// control plane behind it (ProjectApplier on embedded PostgreSQL). Creates P Project CRs at once,
// times until every one reports Ready, then changes one and times until it is Synced at the new
// version. Launched by run.sh as a single-file program on the operator's test classpath.
// Usage: java ... ReconcileScaleBench.java P
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.lightningop.operator.k8s.Conditions;
import io.lightningop.operator.k8s.KubernetesMock;
import io.lightningop.operator.k8s.LightningOperator;
import io.lightningop.operator.k8s.OperatorSettings;
import io.lightningop.operator.k8s.project.EdgeSpec;
import io.lightningop.operator.k8s.project.JobSpec;
import io.lightningop.operator.k8s.project.LiveProjects;
import io.lightningop.operator.k8s.project.Project;
import io.lightningop.operator.k8s.project.ProjectReconciler;
import io.lightningop.operator.k8s.project.ProjectSpec;
import io.lightningop.operator.k8s.project.ProjectStatus;
import io.lightningop.operator.k8s.project.SecretCredentials;
import io.lightningop.operator.k8s.project.TriggerSpec;
import io.lightningop.operator.k8s.project.WorkflowSpec;
import io.lightningop.operator.state.CredentialCipher;
import io.lightningop.operator.state.Credentials;
import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.EncryptionKey;
import io.lightningop.operator.state.ProjectChangeListener;
import io.lightningop.operator.state.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class ReconcileScaleBench {
  static final String NS = "bench";

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args.length > 0 ? args[0] : "1000");
    long deadlineMs = Long.parseLong(args.length > 1 ? args[1] : "600000");
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(List.of()), false);
    server.init();
    KubernetesClient client = server.createClient();
    KubernetesMock.createCrds(client);
    client.resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    Database db = TestDatabase.create();
    ProjectChangeListener changes = new ProjectChangeListener(db);
    // Mock-friendly settings (no server-side apply, no leader election) with a production-like
    // drift resync, so periodic resyncs do not compete with the burst being measured.
    OperatorSettings settings = new OperatorSettings(false, Optional.empty(), "default", "ws://lightning.bench:4000/worker",
        "http://lightning.bench:4000", Duration.ofSeconds(5), Duration.ofMinutes(10));
    SecretCredentials secrets = new SecretCredentials(client, new Credentials(db, new CredentialCipher(EncryptionKey.generate())));
    LightningOperator operator = new LightningOperator(client, settings, List.of(new ProjectReconciler(client,
        new LiveProjects(db), secrets, changes, settings.publicBaseUrl(), settings.driftResyncInterval(),
        Clock.systemUTC(), new SimpleMeterRegistry())));
    operator.start();
    long heapBefore = usedHeapMb();
    try {
      // All CRs at once, as `kubectl apply -f` of a folder would (8 client threads).
      long t0 = System.nanoTime();
      try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
        for (int i = 0; i < count; i++) {
          String name = "p" + i;
          pool.submit(() -> create(client, name, "fn(s => s);"));
        }
      }
      double createdS = (System.nanoTime() - t0) / 1e9;
      System.out.printf("created %d Project CRs in %.1f s%n", count, createdS);
      int ready = 0;
      long lastReport = 0;
      while (ready < count) {
        if ((System.nanoTime() - t0) / 1_000_000 > deadlineMs) {
          System.out.printf("gave up after %d ms: %d of %d Ready%n", deadlineMs, ready, count);
          break;
        }
        Thread.sleep(500);
        ready = (int) client.resources(Project.class).inNamespace(NS).list().getItems().stream()
            .filter(p -> p.getStatus() != null && Conditions.isTrue(p.getStatus().conditions(), "Ready")).count();
        long s = (System.nanoTime() - t0) / 1_000_000_000;
        if (s - lastReport >= 10) {
          lastReport = s;
          System.out.printf("  %d s: %d of %d Ready%n", s, ready, count);
        }
      }
      double allReadyS = (System.nanoTime() - t0) / 1e9;
      System.out.printf("all %d Ready: %.1f s after the first create (%.1f projects/s)%n", ready, allReadyS, ready / allReadyS);
      System.out.printf("memory: heap used %d MB after GC (was %d MB before the CRs), peak RSS %d MB"
          + " (this JVM holds the operator, the mock API server and its store of %d CRs; PostgreSQL runs apart)%n",
          usedHeapMb(), heapBefore, peakRssMb(), count);

      // One changed among many: time to Synced at the new version.
      String target = "p" + (count / 2);
      Integer before = status(client, target).snapshotVersion();
      long t1 = System.nanoTime();
      client.resources(Project.class).inNamespace(NS).withName(target).edit(p -> {
        p.setSpec(spec("fn(s => ({ ...s, changed: true }));"));
        return p;
      });
      ProjectStatus s;
      while (true) {
        s = status(client, target);
        if (s != null && s.snapshotVersion() != null && !s.snapshotVersion().equals(before)
            && Conditions.isTrue(s.conditions(), "Synced")) break;
        if ((System.nanoTime() - t1) / 1_000_000 > 60_000) {
          System.out.println("one changed: not Synced within 60 s");
          break;
        }
        Thread.sleep(10);
      }
      double syncedMs = (System.nanoTime() - t1) / 1e6;
      System.out.printf("one changed among %d: Synced at version %s in %.0f ms (polled every 10 ms)%n", count,
          s == null ? "?" : s.snapshotVersion(), syncedMs);
      System.out.printf("reconcile %d projects: all Ready in %.1f s; one changed -> Synced in %.0f ms; peak RSS %d MB%n",
          count, allReadyS, syncedMs, peakRssMb());
    } finally {
      operator.close();
      changes.close();
      db.close();
      client.close();
      server.destroy();
    }
    System.exit(0); // embedded PostgreSQL and client threads are not daemons
  }

  static void create(KubernetesClient client, String name, String body) {
    Project cr = new Project();
    cr.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    cr.setSpec(spec(body));
    client.resource(cr).create();
  }

  static ProjectSpec spec(String body) {
    JobSpec job = new JobSpec("Transform", "@openfn/language-common@latest", body, null, null);
    return new ProjectSpec(null, null, null, null, Map.of("intake", new WorkflowSpec("intake",
        Map.of("Transform", job),
        Map.of("webhook", new TriggerSpec(TriggerSpec.Type.WEBHOOK, true, null, null, null)),
        Map.of("webhook->Transform", new EdgeSpec("webhook", null, "Transform", EdgeSpec.ConditionType.ALWAYS, null, null, true)))),
        null, null, "1m");
  }

  static ProjectStatus status(KubernetesClient client, String name) {
    Project p = client.resources(Project.class).inNamespace(NS).withName(name).get();
    return p == null ? null : p.getStatus();
  }

  static long usedHeapMb() {
    System.gc();
    Runtime r = Runtime.getRuntime();
    return (r.totalMemory() - r.freeMemory()) >> 20;
  }

  static long peakRssMb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
    }
    return -1;
  }
}
