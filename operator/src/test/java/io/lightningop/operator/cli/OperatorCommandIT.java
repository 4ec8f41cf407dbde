package io.lightningop.operator.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.lightningop.operator.k8s.Conditions;
import io.lightningop.operator.k8s.KubernetesMock;
import io.lightningop.operator.k8s.project.EdgeSpec;
import io.lightningop.operator.k8s.project.JobSpec;
import io.lightningop.operator.k8s.project.Project;
import io.lightningop.operator.k8s.project.ProjectSpec;
import io.lightningop.operator.k8s.project.TriggerSpec;
import io.lightningop.operator.k8s.project.WorkflowSpec;
import io.lightningop.operator.k8s.workerpool.WorkerPool;
import io.lightningop.operator.k8s.workerpool.WorkerPoolSpec;
import io.lightningop.operator.state.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code lightning operator} end to end on the CRUD mock: a Project resource becomes a live
 * project whose webhook (served by the same process) enqueues a run, and the WorkerPool grows
 * for it.
 */
@EnableKubernetesMockClient(crud = true)
class OperatorCommandIT {
  static KubernetesClient client;
  @TempDir Path home;

  @Test
  void projectResourceToWebhookToWorkerPool() throws Exception {
    KubernetesMock.createCrds(client);
    String dbName = "operator_cmd_" + ProcessHandle.current().pid();
    try (Connection c = TestDatabase.server().getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + dbName);
    }
    OperatorCommand command = new OperatorCommand();
    command.clients = () -> client;
    command.env = Map.of();
    CountDownLatch ready = new CountDownLatch(1);
    command.onReady = ready::countDown;
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    Thread run = Thread.ofPlatform().start(() -> cli.execute("--host", "127.0.0.1", "--port", "0",
        "--database-url", TestDatabase.server().getJdbcUrl("postgres", dbName), "--home", home.toString(),
        "--namespace", "lightning", "--no-leader-election", "--no-server-side-apply", "--resync", "30s"));
    try {
      assertTrue(ready.await(60, TimeUnit.SECONDS), "operator did not start: " + out);

      WorkerPool pool = new WorkerPool();
      pool.setMetadata(new ObjectMetaBuilder().withName("workers").withNamespace("apps").build());
      pool.setSpec(new WorkerPoolSpec("ghcr.io/lightningop/worker:test", null, 5, 0, 4, null, "1m", null, null, null, null, null));
      client.resource(pool).create();

      Project project = new Project();
      project.setMetadata(new ObjectMetaBuilder().withName("hello").withNamespace("apps").build());
      project.setSpec(new ProjectSpec("hello", null, null, null, Map.of("hello", new WorkflowSpec("hello",
          Map.of("Say-hello", new JobSpec("Say hello", null, "fn(s => ({ ...s, said: 'hello' }));", null, null)),
          Map.of("webhook", new TriggerSpec(TriggerSpec.Type.WEBHOOK, true, null, null, null)),
          Map.of("webhook->Say-hello", new EdgeSpec("webhook", null, "Say-hello", null, null, null, null)))),
          null, null, null));
      client.resource(project).create();

      await().atMost(Duration.ofSeconds(20)).until(() -> {
        Project p = client.resources(Project.class).inNamespace("apps").withName("hello").get();
        return p.getStatus() != null && Conditions.isTrue(p.getStatus().conditions(), "Ready");
      });
      var status = client.resources(Project.class).inNamespace("apps").withName("hello").get().getStatus();
      String url = status.webhooks().getFirst().url();
      assertTrue(url.startsWith("http://127.0.0.1:" + command.boundPort + "/i/"), url);

      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
          .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Ada\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      assertTrue(response.body().contains("work_order_id"), response.body());

      await().atMost(Duration.ofSeconds(20)).until(() -> {
        Deployment d = client.apps().deployments().inNamespace("apps").withName("workers-workers").get();
        WorkerPool p = client.resources(WorkerPool.class).inNamespace("apps").withName("workers").get();
        return d != null && d.getSpec().getReplicas() == 1 && p.getStatus() != null && p.getStatus().queueDepth() == 1;
      });
      Deployment d = client.apps().deployments().inNamespace("apps").withName("workers-workers").get();
      var env = d.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();
      assertEquals("ws://lightning.lightning.svc:" + command.boundPort + "/worker",
          env.stream().filter(e -> e.getName().equals("WORKER_LIGHTNING_SERVICE_URL")).findFirst().orElseThrow().getValue());
      assertTrue(client.secrets().inNamespace("apps").withName("workers-worker-keys").get().getData().containsKey("WORKER_SECRET"));

      // The worker channel is served by the same process: without a worker token it refuses.
      HttpResponse<String> socket = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + command.boundPort + "/worker/websocket")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(401, socket.statusCode());

      // The reconcilers' metrics are on the control plane's /metrics.
      HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + command.boundPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(metrics.body().contains("operator_sdk_controllers_execution_reconcile"), metrics.body());
    } finally {
      command.stop.countDown();
      run.join(30_000);
    }
    assertTrue(out.toString().contains("reconciling Project and WorkerPool resources"), out.toString());
  }

  @Test
  void anExternalDatabaseWithoutAnEncryptionKeyIsRefused() {
    OperatorCommand command = new OperatorCommand();
    command.env = Map.of("DATABASE_URL", "postgres://u:p@db.example:5432/lightning");
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setErr(new PrintWriter(err));
    assertEquals(1, cli.execute("--no-leader-election"));
    assertTrue(err.toString().contains("PRIMARY_ENCRYPTION_KEY"), err.toString());
  }
}
