package io.lightningop.operator.k8s.project;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lightningop.operator.k8s.Conditions;
import io.lightningop.operator.k8s.KubernetesMock;
import io.lightningop.operator.k8s.LightningOperator;
import io.lightningop.operator.k8s.OperatorSettings;
import io.lightningop.operator.state.Actor;
import io.lightningop.operator.state.CredentialCipher;
import io.lightningop.operator.state.Credentials;
import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.EncryptionKey;
import io.lightningop.operator.state.ExternalCredentials;
import io.lightningop.operator.state.Fixtures;
import io.lightningop.operator.state.ProjectApplier;
import io.lightningop.operator.state.ProjectChangeListener;
import io.lightningop.operator.state.ProjectDocuments;
import io.lightningop.operator.state.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Project scenarios with the real control plane (ProjectApplier on embedded PostgreSQL), run
 * against fabric8's CRUD mock ({@link ProjectReconcilerIT}) and k3s ({@link ProjectK3sIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProjectScenarios {
  static final String NS = "projects";
  static final Duration WAIT = Duration.ofSeconds(15);
  // Not a KubernetesClient field: the mock extension would replace such a field before each test.
  final AtomicReference<KubernetesClient> clientRef = new AtomicReference<>();
  final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  Database db;
  ProjectChangeListener changes;
  CredentialCipher cipher;
  Credentials credentials;
  SecretCredentials secretCredentials;
  LightningOperator operator;

  abstract KubernetesClient client();

  abstract OperatorSettings settings();

  @BeforeAll
  void startOperator() {
    clientRef.set(client());
    KubernetesClient client = clientRef.get();
    KubernetesMock.prepare(client, NS);
    db = TestDatabase.create();
    changes = new ProjectChangeListener(db);
    OperatorSettings settings = settings();
    cipher = new CredentialCipher(EncryptionKey.generate());
    credentials = new Credentials(db, cipher);
    secretCredentials = new SecretCredentials(client, credentials);
    operator = new LightningOperator(client, settings, List.of(new ProjectReconciler(client, new LiveProjects(db), secretCredentials, changes,
        settings.publicBaseUrl(), settings.driftResyncInterval(), Clock.systemUTC(), metrics)));
    operator.start();
  }

  @AfterAll
  void stopOperator() {
    operator.close();
    changes.close();
    db.close();
  }

  KubernetesClient k() {
    return clientRef.get();
  }

  @Test
  void applyUpdateInvalidFixAndDelete() {
    Project cr = create("intake", spec(body("fn(s => s);"), null));
    ProjectStatus ready = awaitStatus("intake", s -> Conditions.isTrue(s.conditions(), "Ready"));
    assertTrue(Conditions.isTrue(ready.conditions(), "Synced"));
    assertFalse(Conditions.isTrue(ready.conditions(), "Stalled"));
    assertEquals(1, ready.snapshotVersion());
    assertEquals("generation-1", ready.sourceRevision());
    JsonNode state = ready.projectState();
    assertEquals(ready.projectId(), state.get("id").asText());
    String triggerId = state.at("/workflows/intake/triggers/webhook/id").asText();
    assertEquals("fn(s => s);", state.at("/workflows/intake/jobs/Transform/body").asText());
    assertNotNull(UUID.fromString(state.at("/workflows/intake/jobs/Transform/id").asText()));
    assertEquals(List.of(new ProjectStatus.Webhook("intake", "webhook", triggerId, "http://lightning.test:4000/i/" + triggerId)),
        ready.webhooks());
    UUID id = UUID.fromString(ready.projectId());
    String jobId = state.at("/workflows/intake/jobs/Transform/id").asText();

    // Update: a new snapshot, same ids.
    edit("intake", spec(body("fn(s => ({ ...s, ok: true }));"), null));
    ProjectStatus updated = awaitStatus("intake", s -> Integer.valueOf(2).equals(s.snapshotVersion()));
    assertEquals("generation-2", updated.sourceRevision());
    assertEquals("fn(s => ({ ...s, ok: true }));", updated.projectState().at("/workflows/intake/jobs/Transform/body").asText());
    assertEquals(jobId, updated.projectState().at("/workflows/intake/jobs/Transform/id").asText());

    // Invalid: Stalled with the validation message and an event; the running version is untouched.
    ProjectSpec good = read("intake").getSpec();
    WorkflowSpec wf = good.workflows().get("intake");
    Map<String, EdgeSpec> edges = new LinkedHashMap<>(wf.edges());
    edges.put("Transform->Load", new EdgeSpec(null, "Transform", "Load", null, null, null, null));
    edit("intake", new ProjectSpec(null, null, null, null,
        Map.of("intake", new WorkflowSpec("intake", wf.jobs(), wf.triggers(), edges)), null, null, null));
    ProjectStatus stalled = awaitStatus("intake", s -> Conditions.isTrue(s.conditions(), "Stalled"));
    assertEquals(List.of("spec.workflows.intake.edges[\"Transform->Load\"]: targetJob \"Load\" does not exist"), stalled.errors());
    assertTrue(Conditions.isTrue(stalled.conditions(), "Ready"), "the last good version keeps running");
    assertFalse(Conditions.isTrue(stalled.conditions(), "Synced"));
    assertEquals(2, stalled.snapshotVersion());
    assertEquals(2, live(id).snapshot());
    await().atMost(WAIT).until(() -> k().v1().events().inNamespace(NS).list().getItems().stream()
        .anyMatch(e -> "InvalidSpec".equals(e.getReason()) && "intake".equals(e.getInvolvedObject().getName())
            && e.getMessage().contains("\"Load\" does not exist")));

    // Fixed again: Stalled clears.
    edit("intake", good);
    ProjectStatus fixed = awaitStatus("intake", s -> !Conditions.isTrue(s.conditions(), "Stalled")
        && Conditions.isTrue(s.conditions(), "Synced"));
    assertEquals(null, fixed.errors());

    // Delete: the finalizer takes the project out of Lightning state.
    k().resource(cr).withTimeout(0, java.util.concurrent.TimeUnit.SECONDS).delete();
    await().atMost(WAIT).until(() -> read("intake") == null);
    assertFalse(db.jdbi().withHandle(h -> ProjectDocuments.read(h, id)).isPresent());
  }

  @Test
  void outOfBandChangeIsDetectedAndHealed() {
    create("healed", spec(body("fn(s => s);"), null));
    ProjectStatus ready = awaitStatus("healed", s -> Conditions.isTrue(s.conditions(), "Ready"));
    UUID id = UUID.fromString(ready.projectId());

    Instant changed = Instant.now();
    changeBodyOutOfBand(id, "fn(s => { throw new Error('sabotage'); });");
    ProjectStatus healed = awaitStatus("healed", s -> s.drift() != null && Boolean.TRUE.equals(s.drift().healed()));
    System.out.println("drift detected and healed " + Duration.between(changed, Instant.now()).toMillis() + " ms after the change");
    assertEquals(List.of(new ProjectStatus.DriftChange("workflows.intake.jobs.Transform", "updated", List.of("body"))),
        healed.drift().changes());
    assertTrue(healed.drift().source().startsWith("api:provision (someone@example.org"), healed.drift().source());
    assertEquals("fn(s => s);", live(id).body());
    assertFalse(Conditions.isTrue(healed.conditions(), "Drifted"));
    assertEquals("Healed", Conditions.find(healed.conditions(), "Drifted").orElseThrow().getReason());
    assertEquals(1.0, metrics.counter("lightning.project.drift", "namespace", NS, "project", "healed").count());
  }

  @Test
  void withoutSelfHealDriftIsOnlyReported() {
    create("reported", spec(body("fn(s => s);"), new SyncPolicy(false, true, false)));
    ProjectStatus ready = awaitStatus("reported", s -> Conditions.isTrue(s.conditions(), "Ready"));
    UUID id = UUID.fromString(ready.projectId());

    changeBodyOutOfBand(id, "fn(s => ({ ...s, patched: true }));");
    ProjectStatus drifted = awaitStatus("reported", s -> Conditions.isTrue(s.conditions(), "Drifted"));
    assertFalse(Conditions.isTrue(drifted.conditions(), "Synced"));
    assertEquals(Boolean.FALSE, drifted.drift().healed());
    assertEquals(List.of(new ProjectStatus.DriftChange("workflows.intake.jobs.Transform", "updated", List.of("body"))),
        drifted.drift().changes());
    assertEquals("fn(s => ({ ...s, patched: true }));", live(id).body(), "the live change is left alone");
    await().atMost(WAIT).until(() -> k().v1().events().inNamespace(NS).list().getItems().stream()
        .anyMatch(e -> "DriftDetected".equals(e.getReason()) && "reported".equals(e.getInvolvedObject().getName())));
  }

  @Test
  void bodiesComeFromConfigMaps() {
    k().resource(new ConfigMapBuilder().withNewMetadata().withName("jobs").withNamespace(NS).endMetadata()
        .addToData("transform.js", "fn(s => ({ ...s, fromConfigMap: true }));").build()).create();
    create("fromcm", spec(new JobSpec("Transform", "@openfn/language-common@latest", null,
        new BodySource(new BodySource.ConfigMapKeyRef("jobs", "transform.js")), null), null));
    ProjectStatus ready = awaitStatus("fromcm", s -> Conditions.isTrue(s.conditions(), "Ready"));
    assertEquals("fn(s => ({ ...s, fromConfigMap: true }));",
        ready.projectState().at("/workflows/intake/jobs/Transform/body").asText());
  }

  @Test
  void credentialsAreReadFromSecretsWhenARunNeedsThemAndAMissingSecretIsACondition() throws Exception {
    ProjectSpec base = spec(new JobSpec("Transform", "@openfn/language-http@latest", "get('/patients');", null,
        "ops@example.org-FHIR"), null);
    ProjectSpec withCredential = new ProjectSpec(null, null,
        Map.of("ops@example.org-FHIR", new CredentialSpec("FHIR", "ops@example.org", new SecretRef("fhir", null))),
        null, base.workflows(), null, null, "1s");
    create("secured", withCredential);
    ProjectStatus missing = awaitStatus("secured", s -> Conditions.find(s.conditions(), "CredentialsReady")
        .map(c -> "SecretMissing".equals(c.getReason())).orElse(false));
    assertTrue(Conditions.isTrue(missing.conditions(), "Ready"), "a missing Secret does not stop the project");
    assertEquals("credentials.ops@example.org-FHIR: Secret projects/fhir not found",
        Conditions.find(missing.conditions(), "CredentialsReady").orElseThrow().getMessage());

    k().resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("fhir").withNamespace(NS)
        .endMetadata().addToData("username", b64("fhir-user")).addToData("password", b64("s3cr3t-pw")).build()).create();
    ProjectStatus found = awaitStatus("secured", s -> Conditions.isTrue(s.conditions(), "CredentialsReady"));
    String credentialId = found.projectState().at("/project_credentials/ops@example.org-FHIR/id").asText();
    assertFalse(credentialId.isEmpty(), found.projectState().toString());

    // The database holds a reference, never the secret; a run's fetch resolves it from the Secret.
    var stored = db.jdbi().withHandle(h -> h.createQuery("SELECT schema, body_encrypted FROM credentials WHERE owner = 'ops@example.org'")
        .map((rs, c) -> Map.entry(rs.getString(1), rs.getBytes(2))).one());
    assertEquals(SecretCredentials.SCHEMA, stored.getKey());
    String body = new String(cipher.decrypt(stored.getValue()), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals("{\"namespace\":\"projects\",\"name\":\"fhir\"}", body);
    try (AutoCloseable serving = secretCredentials.serveRuns()) {
      JsonNode ref = Fixtures.JSON.createObjectNode().put("namespace", NS).put("name", "fhir");
      JsonNode resolved = ExternalCredentials.resolve(SecretCredentials.SCHEMA, ref).orElseThrow();
      assertEquals("s3cr3t-pw", resolved.get("password").asText());
      assertFalse(found.toString().contains("s3cr3t-pw"), "no secret in status");
      k().secrets().inNamespace(NS).withName("fhir").delete();
      await().atMost(WAIT).until(() -> ExternalCredentials.resolve(SecretCredentials.SCHEMA, ref).isEmpty());
    }
  }

  // --- helpers ---

  record Live(int snapshot, String body) {}

  Live live(UUID id) {
    ObjectNode doc = db.jdbi().withHandle(h -> ProjectDocuments.read(h, id)).orElseThrow();
    int version = new ProjectApplier(db).latestSnapshot(id).orElseThrow().version();
    return new Live(version, doc.at("/workflows/0/jobs/0/body").asText());
  }

  /** What the provisioning API does for a user: GET the project, edit a job, POST it back. */
  void changeBodyOutOfBand(UUID id, String body) {
    ObjectNode doc = db.jdbi().withHandle(h -> ProjectDocuments.read(h, id)).orElseThrow();
    ((ObjectNode) doc.at("/workflows/0/jobs/0")).put("body", body);
    new ProjectApplier(db).apply(doc, Actor.platform("someone@example.org"), "api:provision", null);
  }

  static String b64(String s) {
    return java.util.Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static JobSpec body(String code) {
    return new JobSpec("Transform", "@openfn/language-common@latest", code, null, null);
  }

  static ProjectSpec spec(JobSpec job, SyncPolicy policy) {
    return new ProjectSpec(null, null, null, null, Map.of("intake", new WorkflowSpec("intake",
        Map.of("Transform", job),
        Map.of("webhook", new TriggerSpec(TriggerSpec.Type.WEBHOOK, true, null, null, null)),
        Map.of("webhook->Transform", new EdgeSpec("webhook", null, "Transform", EdgeSpec.ConditionType.ALWAYS, null, null, true)))),
        null, policy, "1m");
  }

  Project create(String name, ProjectSpec spec) {
    Project cr = new Project();
    cr.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    cr.setSpec(spec);
    return k().resource(cr).create();
  }

  /** A spec change as kubectl apply makes it: not locked to the resourceVersion, which the operator's status patches move. */
  void edit(String name, ProjectSpec spec) {
    k().resources(Project.class).inNamespace(NS).withName(name).unlock().edit(p -> {
      p.setSpec(spec);
      return p;
    });
  }

  Project read(String name) {
    return k().resources(Project.class).inNamespace(NS).withName(name).get();
  }

  ProjectStatus awaitStatus(String name, Predicate<ProjectStatus> until) {
    AtomicReference<ProjectStatus> seen = new AtomicReference<>();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
      Project p = read(name);
      ProjectStatus s = p == null ? null : p.getStatus();
      seen.set(s);
      return s != null && until.test(s);
    });
    return seen.get();
  }
}
