package io.lightningop.operator.k8s.workerpool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lightningop.operator.k8s.Conditions;
import io.lightningop.operator.k8s.KubernetesMock;
import io.lightningop.operator.k8s.LightningOperator;
import io.lightningop.operator.k8s.OperatorSettings;
import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.Fixtures;
import io.lightningop.operator.state.PgRunQueue;
import io.lightningop.operator.state.Run;
import io.lightningop.operator.state.RunOptions;
import io.lightningop.operator.state.RunState;
import io.lightningop.operator.state.TestDatabase;
import io.lightningop.operator.state.WorkOrders;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * WorkerPool scenarios with the control plane's real run queue (PostgreSQL), run against
 * fabric8's CRUD mock ({@link WorkerPoolReconcilerIT}) and a k3s cluster ({@link WorkerPoolK3sIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WorkerPoolScenarios {
  static final String NS = "pools";
  Database db;
  PgRunQueue queue;
  WorkOrders workOrders;
  LightningOperator operator;
  // Not a KubernetesClient field: the mock extension would replace such a field before each test.
  final AtomicReference<KubernetesClient> clientRef = new AtomicReference<>();

  abstract KubernetesClient client();

  abstract OperatorSettings settings();

  @BeforeAll
  void startOperator() {
    clientRef.set(client());
    KubernetesClient client = clientRef.get();
    KubernetesMock.prepare(client, NS);
    db = TestDatabase.create();
    Fixtures.applyProject(db);
    queue = new PgRunQueue(db, Duration.ofSeconds(10));
    workOrders = new WorkOrders(db, queue, RunOptions.defaults());
    OperatorSettings settings = settings();
    operator = new LightningOperator(client, settings, List.of(new WorkerPoolReconciler(
        new RunQueueDepth(queue), new WorkerKeys("s3cret", "cHVibGljLWtleQ"), settings.lightningWorkerUrl(),
        settings.queuePollInterval(), Clock.systemUTC())));
    operator.start();
  }

  @AfterAll
  void stopOperator() {
    operator.close();
    queue.close();
    db.close();
  }

  @Test
  void replicasFollowAGrowingAndDrainingQueueAndScaleToZero() {
    create("default", new WorkerPoolSpec("ghcr.io/lightningop/worker:test", null, 2, 0, 5, List.of(), "1s", "120s",
        null, null, null, null));

    Deployment d = awaitReplicas("default", 0);
    var pod = d.getSpec().getTemplate().getSpec();
    assertEquals(150L, pod.getTerminationGracePeriodSeconds(), "run timeout 120s + 30s to drain");
    Container container = pod.getContainers().getFirst();
    assertEquals("ghcr.io/lightningop/worker:test", container.getImage());
    assertEquals(List.of("worker"), container.getArgs());
    assertEquals("ws://lightning.test:4000/worker", env(container, "WORKER_LIGHTNING_SERVICE_URL").getValue());
    assertEquals("2", env(container, "WORKER_CAPACITY").getValue());
    assertEquals("120", env(container, "WORKER_MAX_RUN_DURATION_SECONDS").getValue());
    assertEquals("default-worker-keys", env(container, "WORKER_SECRET").getValueFrom().getSecretKeyRef().getName());
    Secret keys = k().secrets().inNamespace(NS).withName("default-worker-keys").get();
    assertEquals("s3cret", new String(Base64.getDecoder().decode(keys.getData().get("WORKER_SECRET")), StandardCharsets.UTF_8));
    assertEquals("default", keys.getMetadata().getOwnerReferences().getFirst().getName());

    enqueue(5);
    Instant grew = Instant.now();
    awaitReplicas("default", 3);
    System.out.println("scale-up 0 -> 3 seen " + Duration.between(grew, Instant.now()).toMillis() + " ms after 5 runs were enqueued");
    enqueue(25);
    List<Run> running = new ArrayList<>(queue.claim(4, List.of("*"), "worker-a"));
    awaitReplicas("default", 5); // 26 available + 4 running over capacity 2, clamped to max 5
    await().atMost(Duration.ofSeconds(5)).until(() -> status("default").queueDepth() == 26 && status("default").runningRuns() == 4);

    // Draining: the workers take everything, most runs finish; pods stay for the scale-down delay.
    running.addAll(queue.claim(26, List.of("*"), "worker-b"));
    for (Run r : running.subList(3, running.size())) {
      queue.complete(r.id(), RunState.SUCCESS, null, null);
    }
    Instant drained = Instant.now();
    await().atMost(Duration.ofSeconds(5)).until(() -> Conditions.isTrue(status("default").conditions(), "Scaling"));
    assertEquals(5, deployment("default").getSpec().getReplicas());
    awaitReplicas("default", 2); // 3 running over capacity 2
    long waited = Duration.between(drained, Instant.now()).toMillis();
    assertTrue(waited >= 900, "scaled down after " + waited + " ms, before the 1s delay");
    System.out.println("scale-down 5 -> 2 after " + waited + " ms (delay 1s)");

    for (Run r : running.subList(0, 3)) {
      queue.complete(r.id(), RunState.SUCCESS, null, null);
    }
    awaitReplicas("default", 0);
    assertEquals(0, status("default").desiredReplicas());
  }

  @Test
  void aDeletedDeploymentIsRecreatedAndQueuesBecomeAWorkloop() {
    create("other", new WorkerPoolSpec("img", null, 5, 1, 3, List.of("fast", "*"), null, null, null, null, null, null));
    Deployment d = awaitReplicas("other", 1);
    assertEquals("fast>*:5", env(d.getSpec().getTemplate().getSpec().getContainers().getFirst(), "WORKER_WORKLOOPS").getValue());
    assertEquals(330L, d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds(), "default run timeout 300s + 30s");
    k().resource(d).delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      Deployment again = deployment("other");
      return again != null && again.getSpec().getReplicas() == 1 && !again.getMetadata().getUid().equals(d.getMetadata().getUid());
    });
  }

  KubernetesClient k() {
    return clientRef.get();
  }

  void enqueue(int n) {
    for (int i = 0; i < n; i++) {
      workOrders.createForTrigger(Fixtures.WEBHOOK, "http_request", "{\"n\": " + i + "}", "{}");
    }
  }

  void create(String name, WorkerPoolSpec spec) {
    WorkerPool pool = new WorkerPool();
    pool.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    pool.setSpec(spec);
    k().resource(pool).create();
  }

  static EnvVar env(Container c, String name) {
    return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no env " + name));
  }

  Deployment deployment(String pool) {
    return k().apps().deployments().inNamespace(NS).withName(pool + "-workers").get();
  }

  WorkerPoolStatus status(String pool) {
    WorkerPool p = k().resources(WorkerPool.class).inNamespace(NS).withName(pool).get();
    return p.getStatus() == null ? new WorkerPoolStatus(null, null, null, -1, -1, null, null) : p.getStatus();
  }

  Deployment awaitReplicas(String pool, int n) {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
      Deployment d = deployment(pool);
      Integer recorded = status(pool).replicas();
      return d != null && d.getSpec().getReplicas() == n && recorded != null && recorded == n;
    });
    return deployment(pool);
  }
}
