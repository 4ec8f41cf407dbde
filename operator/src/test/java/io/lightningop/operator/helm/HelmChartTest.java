package io.lightningop.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.lightningop.operator.channel.WorkerSocket;
import io.lightningop.operator.state.DatabaseUrl;
import io.lightningop.operator.state.EncryptionKey;
import io.lightningop.spec.worker.WorkerKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Helm chart under helm/lightning-operator: lints, renders, wires what the operator reads. */
@EnableKubernetesMockClient(crud = true)
class HelmChartTest {
  static KubernetesMockServer server;
  static KubernetesClient client;

  @BeforeAll
  static void cluster() {
    RenderedChart.useCluster(server, client);
  }

  private static final String FULLNAME = RenderedChart.RELEASE + "-lightning-operator";

  @Test
  void lintsCleanly() {
    LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();
    assertFalse(lint.isFailed(), "helm lint --strict: " + lint.getMessages());
  }

  @Test
  void chartCrdsAreTheGeneratedOnes() throws IOException {
    Path chartCrds = RenderedChart.CHART.resolve("crds");
    List<Path> committed;
    try (Stream<Path> s = Files.list(Path.of("../crds"))) {
      committed = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
    }
    if (Boolean.getBoolean("lightning.crds.update")) {
      for (Path c : committed) Files.copy(c, chartCrds.resolve(c.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    try (Stream<Path> s = Files.list(chartCrds)) {
      assertEquals(committed.stream().map(p -> p.getFileName().toString()).toList(),
          s.map(p -> p.getFileName().toString()).sorted().toList(), "helm/lightning-operator/crds must hold the files of crds/");
    }
    for (Path c : committed) {
      assertEquals(Files.readString(c), Files.readString(chartCrds.resolve(c.getFileName())),
          c.getFileName() + " in the chart is stale; refresh with -Dtest=HelmChartTest -Dlightning.crds.update=true");
    }
  }

  @Test
  void operatorRunsTwoLeaderElectedReplicasWithProbesOnHealth() {
    RenderedChart chart = RenderedChart.renderWithoutKeygen(Map.of());
    JsonNode deployment = chart.one("Deployment", FULLNAME);
    assertEquals(2, deployment.path("spec").path("replicas").asInt());
    JsonNode c = chart.operatorContainer();
    List<String> args = strings(c.path("args"));
    assertEquals("operator", args.get(0));
    assertFalse(args.contains("--no-leader-election"), "two replicas need leader election: " + args);
    assertTrue(args.contains("--port=4000"), args.toString());
    assertEquals("/health/live", c.path("livenessProbe").path("httpGet").path("path").asText());
    assertEquals("/health/ready", c.path("readinessProbe").path("httpGet").path("path").asText());
    assertEquals(4000, c.path("ports").get(0).path("containerPort").asInt());
    assertEquals("http", c.path("livenessProbe").path("httpGet").path("port").asText());
    // With a read-only root file system every folder the operator writes must be a volume.
    assertTrue(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
    List<String> mounts = strings(c.path("volumeMounts").findValues("mountPath"));
    Map<String, JsonNode> env = env(c);
    for (String dir : List.of("HOME", "LIGHTNING_HOME", "LIGHTNING_GIT_CACHE")) {
      String path = env.get(dir).path("value").asText();
      assertTrue(mounts.stream().anyMatch(m -> path.equals(m) || path.startsWith(m + "/")), dir + "=" + path + " is not on a volume " + mounts);
    }

    JsonNode service = chart.one("Service", FULLNAME);
    assertEquals(4000, service.path("spec").path("ports").get(0).path("port").asInt());
    assertEquals("http", service.path("spec").path("ports").get(0).path("targetPort").asText());
    JsonNode selector = service.path("spec").path("selector");
    JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
    selector.fieldNames().forEachRemaining(k -> assertEquals(selector.path(k), podLabels.path(k), "service selector " + k));

    // A single replica runs without a Lease.
    List<String> single = strings(RenderedChart.renderWithoutKeygen(Map.of("operator.replicas", 1)).operatorContainer().path("args"));
    assertTrue(single.contains("--no-leader-election"), single.toString());
  }

  @Test
  void imagesDefaultToTheAppVersionAndFollowValues() {
    RenderedChart chart = RenderedChart.renderWithoutKeygen(Map.of());
    String appVersion = "0.1.0-SNAPSHOT";
    assertEquals("ghcr.io/lightningop/lightning-operator:" + appVersion, chart.operatorContainer().path("image").asText());
    JsonNode pool = chart.one("WorkerPool", "default");
    assertEquals("ghcr.io/lightningop/lightning-worker:" + appVersion, pool.path("spec").path("image").asText());

    RenderedChart custom = RenderedChart.renderWithoutKeygen(Map.of("operator.image.repository", "registry.example.org/op",
        "operator.image.tag", "1.2.3", "workerPool.image.repository", "registry.example.org/worker",
        "workerPool.image.tag", "1.2.3", "workerPool.maxReplicas", 3));
    assertEquals("registry.example.org/op:1.2.3", custom.operatorContainer().path("image").asText());
    JsonNode customPool = custom.one("WorkerPool", "default");
    assertEquals("registry.example.org/worker:1.2.3", customPool.path("spec").path("image").asText());
    assertEquals(3, customPool.path("spec").path("maxReplicas").asInt());
  }

  @Test
  void workersAreSentToTheWorkerChannelOfTheService() {
    RenderedChart chart = RenderedChart.renderWithoutKeygen(Map.of());
    String url = env(chart.operatorContainer()).get("LIGHTNING_WORKER_URL").path("value").asText();
    assertEquals(url, chart.one("WorkerPool", "default").path("spec").path("lightningUrl").asText());
    assertEquals("ws://" + FULLNAME + "." + RenderedChart.NAMESPACE + ".svc:4000/worker", url);
    // The worker client appends /websocket to the base URL (as OpenFn's worker does).
    assertEquals(WorkerSocket.PATH, java.net.URI.create(url).getPath() + "/websocket");
  }

  @Test
  void generatedKeysAndBundledDatabaseAreWiredAndReadable() {
    RenderedChart chart = RenderedChart.render(Map.of());
    Map<String, JsonNode> env = env(chart.operatorContainer());
    Map<String, String> resolved = new HashMap<>();
    for (String name : List.of("DATABASE_URL", "PRIMARY_ENCRYPTION_KEY", "WORKER_SECRET", "WORKER_RUNS_PRIVATE_KEY")) {
      JsonNode ref = env.get(name).path("valueFrom").path("secretKeyRef");
      assertFalse(ref.isMissingNode(), name + " must come from a Secret");
      JsonNode data = chart.one("Secret", ref.path("name").asText()).path("data");
      assertTrue(data.has(ref.path("key").asText()), name + ": Secret " + ref.path("name").asText() + " lacks " + ref.path("key").asText());
      resolved.put(name, new String(Base64.getDecoder().decode(data.path(ref.path("key").asText()).asText()), StandardCharsets.UTF_8));
    }
    // The values are what the operator parses at start-up.
    EncryptionKey.fromBase64(resolved.get("PRIMARY_ENCRYPTION_KEY")); // throws unless 32 bytes
    WorkerKeys.privateKey(resolved.get("WORKER_RUNS_PRIVATE_KEY"), "WORKER_RUNS_PRIVATE_KEY");
    assertTrue(resolved.get("WORKER_SECRET").length() >= 32);
    DatabaseUrl db = DatabaseUrl.parse(resolved.get("DATABASE_URL"));
    assertTrue(db.jdbcUrl().contains(FULLNAME + "-postgresql." + RenderedChart.NAMESPACE + ".svc:5432/lightning"), db.jdbcUrl());
    JsonNode keys = chart.one("Secret", FULLNAME + "-keys");
    assertEquals("keep", keys.path("metadata").path("annotations").path("helm.sh/resource-policy").asText());
    assertEquals(1, chart.all("StatefulSet").size());

  }

  @Test
  void upgradeKeepsTheKeysAndDatabasePasswordOfTheLiveRelease() {
    String ns = RenderedChart.NAMESPACE;
    client.secrets().inNamespace(ns).delete();
    RenderedChart first = RenderedChart.render(Map.of());
    JsonNode keys = first.one("Secret", FULLNAME + "-keys");
    JsonNode db = first.one("Secret", FULLNAME + "-database");
    // Without a live Secret every render generates new keys ...
    assertFalse(keys.path("data").equals(RenderedChart.render(Map.of()).one("Secret", FULLNAME + "-keys").path("data")));
    // ... once installed, an upgrade renders the live ones again.
    for (JsonNode secret : List.of(keys, db)) {
      client.resource(client.getKubernetesSerialization().convertValue(secret, io.fabric8.kubernetes.api.model.Secret.class))
          .inNamespace(ns).create();
    }
    RenderedChart upgrade = RenderedChart.render(Map.of("operator.replicas", 3));
    assertEquals(keys.path("data"), upgrade.one("Secret", FULLNAME + "-keys").path("data"));
    assertEquals(db.path("data"), upgrade.one("Secret", FULLNAME + "-database").path("data"));
    client.secrets().inNamespace(ns).delete();
  }

  @Test
  void externalDatabaseComesFromTheUsersSecret() {
    RenderedChart chart = RenderedChart.render(Map.of("database.mode", "external",
        "database.external.existingSecret", "my-db", "database.external.secretKey", "url", "keys.existingSecret", "my-keys"));
    Map<String, JsonNode> env = env(chart.operatorContainer());
    assertEquals("my-db", env.get("DATABASE_URL").path("valueFrom").path("secretKeyRef").path("name").asText());
    assertEquals("url", env.get("DATABASE_URL").path("valueFrom").path("secretKeyRef").path("key").asText());
    assertEquals("my-keys", env.get("WORKER_SECRET").path("valueFrom").path("secretKeyRef").path("name").asText());
    assertEquals(List.of(), chart.all("Secret"), "the chart must not render Secrets the user brings");
    assertEquals(List.of(), chart.all("StatefulSet"));
  }

  @Test
  void ingressRoutesWebhooksAndSetsThePublicUrl() {
    RenderedChart plain = RenderedChart.renderWithoutKeygen(Map.of());
    assertEquals(List.of(), plain.all("Ingress"));
    RenderedChart chart = RenderedChart.renderWithoutKeygen(Map.of("ingress.enabled", true, "ingress.host", "flows.example.org",
        "ingress.tls.enabled", true, "ingress.tls.secretName", "flows-tls"));
    JsonNode rule = chart.one("Ingress", FULLNAME).path("spec").path("rules").get(0);
    assertEquals("flows.example.org", rule.path("host").asText());
    assertTrue(strings(rule.path("http").path("paths").findValues("path")).contains("/i"));
    assertEquals("https://flows.example.org", env(chart.operatorContainer()).get("LIGHTNING_PUBLIC_URL").path("value").asText());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
      "operator.replicas, 0, replicas",
      "operator.replica, 2, additional properties",
      "database.mode, sqlite, mode",
      "workerPool.scaleDownDelay, 5 minutes, scaleDownDelay",
      "workerPool.image.pullPolicy, Sometimes, pullPolicy",
      "service.type, ExternalName, type",
      "workerPool.queues[0], fast lane, queues",
      "database.external.url, mysql://db/x, url"})
  void schemaRejectsWrongValues(String key, String value, String named) {
    Object typed = value.matches("-?\\d+") ? Integer.valueOf(value) : value;
    Exception e = assertThrows(Exception.class, () -> RenderedChart.renderWithoutKeygen(Map.of(key, typed)));
    assertTrue(e.getMessage().contains("schema") && e.getMessage().contains(named), e.getMessage());
  }

  @Test
  void externalDatabaseWithoutUrlOrSecretAndInvertedPoolBoundsAreRejected() {
    Exception noDb = assertThrows(Exception.class, () -> RenderedChart.renderWithoutKeygen(Map.of("database.mode", "external")));
    assertTrue(noDb.getMessage().contains("external"), noDb.getMessage());
    Exception bounds = assertThrows(Exception.class, () -> RenderedChart.renderWithoutKeygen(Map.of("workerPool.minReplicas", 5, "workerPool.maxReplicas", 2)));
    assertTrue(bounds.getMessage().contains("minReplicas must not be greater than"), bounds.getMessage());
  }

  static Map<String, JsonNode> env(JsonNode container) {
    Map<String, JsonNode> env = new HashMap<>();
    container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
    return env;
  }

  static List<String> strings(Iterable<JsonNode> nodes) {
    List<String> out = new java.util.ArrayList<>();
    nodes.forEach(n -> out.add(n.asText()));
    return out;
  }
}
