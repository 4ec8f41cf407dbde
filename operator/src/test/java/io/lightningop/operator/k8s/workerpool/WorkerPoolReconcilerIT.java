package io.lightningop.operator.k8s.workerpool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.lightningop.operator.k8s.Conditions;
import io.lightningop.operator.k8s.KubernetesMock;
import io.lightningop.operator.k8s.LightningOperator;
import io.lightningop.operator.k8s.OperatorSettings;
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

@EnableKubernetesMockClient(crud = true)
class WorkerPoolReconcilerIT {
  static KubernetesClient client;
  static final AtomicReference<QueueDepth> QUEUE = new AtomicReference<>(new QueueDepth(0, 0));
  static LightningOperator operator;

  @BeforeAll
  static void start() {
    KubernetesMock.createCrds(client);
    OperatorSettings settings = KubernetesMock.settings();
    operator = new LightningOperator(client, settings, List.of(new WorkerPoolReconciler(
        queues -> QUEUE.get(), new WorkerKeys("s3cret", "cHVibGljLWtleQ"), settings.lightningWorkerUrl(),
        settings.queuePollInterval(), Clock.systemUTC())));
    operator.start();
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @Test
  void replicasFollowAGrowingAndDrainingQueueAndScaleToZero() {
    WorkerPool pool = new WorkerPool();
    pool.setMetadata(new ObjectMetaBuilder().withName("default").withNamespace("test").build());
    pool.setSpec(new WorkerPoolSpec("ghcr.io/lightningop/worker:test", null, 2, 0, 5, List.of(), "1s", "120s",
        null, null, null, null));
    client.resource(pool).create();

    Deployment d = awaitReplicas(0);
    DeploymentSpec spec = d.getSpec();
    var pod = spec.getTemplate().getSpec();
    assertEquals(150L, pod.getTerminationGracePeriodSeconds(), "run timeout 120s + 30s to drain");
    var container = pod.getContainers().getFirst();
    assertEquals("ghcr.io/lightningop/worker:test", container.getImage());
    assertEquals(List.of("worker"), container.getArgs());
    assertEquals("ws://lightning.test:4000/worker", env(container, "WORKER_LIGHTNING_SERVICE_URL").getValue());
    assertEquals("2", env(container, "WORKER_CAPACITY").getValue());
    assertEquals("default-worker-keys", env(container, "WORKER_SECRET").getValueFrom().getSecretKeyRef().getName());
    Secret keys = client.secrets().inNamespace("test").withName("default-worker-keys").get();
    assertEquals("s3cret", new String(Base64.getDecoder().decode(keys.getData().get("WORKER_SECRET")), StandardCharsets.UTF_8));
    assertEquals("default", keys.getMetadata().getOwnerReferences().getFirst().getName());

    QUEUE.set(new QueueDepth(5, 0));
    Instant grew = Instant.now();
    awaitReplicas(3);
    System.out.println("scale-up 0 -> 3 seen after " + Duration.between(grew, Instant.now()).toMillis() + " ms");
    QUEUE.set(new QueueDepth(30, 4));
    awaitReplicas(5);
    await().atMost(Duration.ofSeconds(5)).until(() -> status().queueDepth() == 30 && status().runningRuns() == 4);

    // Draining: the queue is empty but pods stay for the scale-down delay.
    QUEUE.set(new QueueDepth(0, 3));
    Instant drained = Instant.now();
    await().atMost(Duration.ofSeconds(5)).until(() -> Conditions.isTrue(status().conditions(), "Scaling"));
    assertEquals(5, deployment().getSpec().getReplicas());
    awaitReplicas(2);
    long waited = Duration.between(drained, Instant.now()).toMillis();
    assertTrue(waited >= 900, "scaled down after " + waited + " ms, before the 1s delay");
    System.out.println("scale-down 5 -> 2 after " + waited + " ms (delay 1s)");

    QUEUE.set(new QueueDepth(0, 0));
    awaitReplicas(0);
    assertEquals(0, status().desiredReplicas());
  }

  @Test
  void deletedDeploymentIsRecreated() {
    WorkerPool pool = new WorkerPool();
    pool.setMetadata(new ObjectMetaBuilder().withName("other").withNamespace("test").build());
    pool.setSpec(new WorkerPoolSpec("img", null, 5, 1, 3, List.of("fast", "*"), null, null, null, null, null, null));
    client.resource(pool).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> client.apps().deployments().inNamespace("test").withName("other-workers").get() != null);
    Deployment d = client.apps().deployments().inNamespace("test").withName("other-workers").get();
    assertEquals("fast>*:5", env(d.getSpec().getTemplate().getSpec().getContainers().getFirst(), "WORKER_WORKLOOPS").getValue());
    client.resource(d).delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      Deployment again = client.apps().deployments().inNamespace("test").withName("other-workers").get();
      return again != null && again.getSpec().getReplicas() == 1;
    });
  }

  private static io.fabric8.kubernetes.api.model.EnvVar env(io.fabric8.kubernetes.api.model.Container c, String name) {
    return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no env " + name));
  }

  private static Deployment deployment() {
    return client.apps().deployments().inNamespace("test").withName("default-workers").get();
  }

  private static WorkerPoolStatus status() {
    WorkerPool p = client.resources(WorkerPool.class).inNamespace("test").withName("default").get();
    return p.getStatus() == null ? new WorkerPoolStatus(null, null, null, -1, -1, null, null) : p.getStatus();
  }

  private static Deployment awaitReplicas(int n) {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
      Deployment d = deployment();
      return d != null && d.getSpec().getReplicas() == n && status().replicas() != null && status().replicas() == n;
    });
    return deployment();
  }
}
