package io.lightningop.spec.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightningop.spec.LoadedProject;
import io.lightningop.spec.ProjectLoader;
import io.lightningop.spec.model.Project;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StateMergeTest {
  static final String BASE = """
      name: p
      credentials:
        me@x.org-Basic:
          name: Basic
          owner: me@x.org
      workflows:
        wf:
          name: wf
          jobs:
            a:
              name: a
              adaptor: '@openfn/language-common@latest'
              body: fn(s => s)
              credential: me@x.org-Basic
            b:
              name: b
              body: fn(s => s)
          triggers:
            webhook:
              type: webhook
          edges:
            webhook->a:
              source_trigger: webhook
              target_job: a
              condition_type: always
            a->b:
              source_job: a
              target_job: b
              condition_type: js_expression
              condition_expression: state.ok
              condition_label: ok
      """;

  private final AtomicInteger counter = new AtomicInteger();
  private final StateMerge merge = new StateMerge(() -> "id-" + counter.incrementAndGet());

  static Project project(String yaml) {
    LoadedProject loaded = ProjectLoader.parse(yaml, "test.yaml", null);
    assertTrue(loaded.project() != null, loaded.problems().toString());
    return loaded.project();
  }

  static String pretty(String compactJson) throws Exception {
    return StateJson.stringify(StateJson.parse(compactJson));
  }

  @Test
  void newProjectGetsFreshIdsInDeploysShape() throws Exception {
    ProjectState next = merge.apply(null, project(BASE));
    String expected = pretty("""
        {"workflows":{"wf":{"id":"id-7","name":"wf",
          "jobs":{
            "a":{"id":"id-2","name":"a","adaptor":"@openfn/language-common@latest","body":"fn(s => s)","project_credential_id":"id-1"},
            "b":{"id":"id-3","name":"b","body":"fn(s => s)"}},
          "triggers":{"webhook":{"id":"id-4","type":"webhook"}},
          "edges":{
            "webhook->a":{"id":"id-5","condition_type":"always","target_job_id":"id-2","enabled":true,"source_trigger_id":"id-4"},
            "a->b":{"id":"id-6","condition_type":"js_expression","target_job_id":"id-3","enabled":true,
                    "condition_expression":"state.ok","condition_label":"ok","source_job_id":"id-2"}}}},
         "id":"id-8","name":"p",
         "project_credentials":{"me@x.org-Basic":{"id":"id-1","name":"Basic","owner":"me@x.org"}},
         "collections":{},"channels":{}}""");
    assertEquals(expected, next.toJson());
  }

  @Test
  void mergingTheSameSpecAgainKeepsEveryIdAndSettlesAfterOneRound() {
    ProjectState first = merge.apply(null, project(BASE));
    ProjectState second = merge.apply(first, project(BASE));
    // an existing trigger gets deploy's default `enabled: true` written out; nothing else moves
    assertEquals(first.toJson().replace("\"type\": \"webhook\"\n", "\"type\": \"webhook\",\n          \"enabled\": true\n"),
        second.toJson());
    assertEquals(second.toJson(), merge.apply(second, project(BASE)).toJson());
  }

  @Test
  void addedJobGetsANewIdOthersKeepTheirs() {
    ProjectState first = merge.apply(null, project(BASE));
    ProjectState next = merge.apply(first, project(BASE.replace("""
          triggers:
      """, """
            c:
              name: c
              body: fn(s => s)
          triggers:
      """)));
    assertEquals("id-9", next.childId("wf", "jobs", "c").orElseThrow());
    assertEquals(first.childId("wf", "jobs", "a"), next.childId("wf", "jobs", "a"));
    assertEquals(first.workflowId("wf"), next.workflowId("wf"));
    assertEquals(first.id(), next.id());
  }

  @Test
  void renamedJobIsDeletedAndCreatedBecauseKeysMatchStateToSpec() {
    ProjectState first = merge.apply(null, project(BASE));
    String renamed = BASE.replace("    b:\n        name: b", "    b2:\n        name: b2")
        .replace("a->b:", "a->b2:").replace("target_job: b\n", "target_job: b2\n");
    ProjectState next = merge.apply(first, project(renamed));
    JsonNode jobs = next.json().path("workflows").path("wf").path("jobs");
    assertEquals("{\"id\":\"id-3\",\"delete\":true}", jobs.get("b").toString());
    assertEquals("id-9", jobs.path("b2").path("id").asText());
    JsonNode edges = next.json().path("workflows").path("wf").path("edges");
    assertEquals("{\"id\":\"id-6\",\"delete\":true}", edges.get("a->b").toString());
    assertEquals("id-9", edges.path("a->b2").path("target_job_id").asText());
  }

  @Test
  void removedJobAndItsEdgeBecomeDeleteMarkers() {
    ProjectState first = merge.apply(null, project(BASE));
    String removed = BASE.substring(0, BASE.indexOf("      b:\n")) + BASE.substring(BASE.indexOf("    triggers:"));
    removed = removed.substring(0, removed.indexOf("      a->b:"));
    ProjectState next = merge.apply(first, project(removed));
    JsonNode wf = next.json().path("workflows").path("wf");
    assertEquals("{\"id\":\"id-3\",\"delete\":true}", wf.path("jobs").get("b").toString());
    assertEquals("{\"id\":\"id-6\",\"delete\":true}", wf.path("edges").get("a->b").toString());
    assertTrue(next.isDeleteMarker("wf", "jobs", "b"));
    assertFalse(next.isDeleteMarker("wf", "jobs", "a"));
  }

  @Test
  void removedEdgeBecomesADeleteMarker() {
    ProjectState first = merge.apply(null, project(BASE));
    ProjectState next = merge.apply(first, project(BASE.substring(0, BASE.indexOf("      a->b:"))));
    JsonNode edges = next.json().path("workflows").path("wf").path("edges");
    assertEquals("{\"id\":\"id-6\",\"delete\":true}", edges.get("a->b").toString());
    assertEquals("id-5", edges.path("webhook->a").path("id").asText());
  }

  @Test
  void changedTriggerKeepsItsIdUnderTheSameKeyAndANewTypeIsANewTrigger() {
    ProjectState first = merge.apply(null, project(BASE));
    ProjectState disabled = merge.apply(first, project(BASE.replace("type: webhook\n", "type: webhook\n        enabled: false\n")));
    JsonNode hook = disabled.json().path("workflows").path("wf").path("triggers").path("webhook");
    assertEquals("{\"id\":\"id-4\",\"type\":\"webhook\",\"enabled\":false}", hook.toString());

    String cron = BASE.replace("    webhook:\n        type: webhook", "    cron:\n        type: cron\n        cron_expression: 0 6 * * *")
        .replace("webhook->a:", "cron->a:").replace("source_trigger: webhook", "source_trigger: cron");
    ProjectState next = merge.apply(first, project(cron));
    JsonNode triggers = next.json().path("workflows").path("wf").path("triggers");
    assertEquals("{\"id\":\"id-4\",\"delete\":true}", triggers.get("webhook").toString());
    assertEquals("{\"id\":\"id-9\",\"type\":\"cron\",\"cron_expression\":\"0 6 * * *\"}", triggers.get("cron").toString());
    assertEquals("id-9", next.json().path("workflows").path("wf").path("edges").path("cron->a").path("source_trigger_id").asText());
  }

  @Test
  void undeclaredCredentialIsTheErrorDeployRaises() {
    Project p = project(BASE.replace("credential: me@x.org-Basic", "credential: nobody"));
    DeployError e = assertThrows(DeployError.class, () -> merge.apply(null, p));
    assertEquals(DeployError.VALIDATION_ERROR, e.code());
    assertEquals("Could not find a credential with name: nobody", e.getMessage());
  }

  @Test
  void credentialRemovedFromSpecButInStateCannotBeDeployed() {
    ProjectState first = merge.apply(null, project(BASE));
    String noCredential = BASE.replace("credentials:\n  me@x.org-Basic:\n    name: Basic\n    owner: me@x.org\n", "")
        .replace("        credential: me@x.org-Basic\n", "");
    DeployError e = assertThrows(DeployError.class, () -> merge.apply(first, project(noCredential)));
    assertEquals("Invalid credential spec or corrupted state for credential: Basic (me@x.org)", e.getMessage());
  }

  @Test
  void workflowRemovedFromSpecStopsTheMerge() {
    ProjectState first = merge.apply(null, project(BASE));
    DeployError e = assertThrows(DeployError.class, () -> merge.apply(first, project("name: p\nworkflows: {}\ncredentials:\n  me@x.org-Basic: {name: Basic, owner: me@x.org}\n")));
    assertEquals(DeployError.STATE_ERROR, e.code());
    assertTrue(e.getMessage().contains("workflow found in project state but not spec: wf (id-7)"), e.getMessage());
  }

  @Test
  void openhieSpecOverItsStateKeepsIdsAndServerFields() throws Exception {
    Path dir = Path.of("..", "examples", "openhie");
    ProjectState state = ProjectState.read(dir.resolve("projectState.json"));
    Project spec = ProjectLoader.load(dir.resolve("project.yaml")).orThrow();
    ProjectState next = merge.apply(state, spec);
    JsonNode wf = next.json().path("workflows").path("OpenHIE-Workflow");
    assertEquals("27ae2937-0959-48b8-a597-b1646aae8c14", wf.path("id").asText());
    assertEquals(3, wf.path("lock_version").asInt());
    assertEquals("{\"id\":\"55016dda-42e3-4ee1-8a9c-24e3f23d42f1\",\"delete\":true}", wf.path("jobs").get("FHIR-standard-Data").toString());
    JsonNode send = wf.path("jobs").path("Send-to-OpenHIM-to-route-to-SHR");
    assertEquals("977b87ff-f347-42b5-832f-6ae2ca726f32", send.path("id").asText());
    assertEquals("25f48989-d349-4eb8-99c3-923ebba5b116", send.path("project_credential_id").asText());
    assertTrue(wf.path("jobs").path("Notify-CHW-upload-failed").path("project_credential_id").isNull());
    assertNotEquals("", wf.path("jobs").path("Notify-CHW-upload-failed").path("id").asText());
    assertEquals("26c12f7f-7806-4008-87cd-6747998f95f4",
        wf.path("edges").path("Send-to-OpenHIM-to-route-to-SHR->Notify-CHW-upload-successful").path("id").asText());
    assertTrue(next.isDeleteMarker("OpenHIE-Workflow", "edges", "webhook->FHIR-standard-Data"));
    assertEquals("retain_all", next.json().path("retention_policy").asText());
    assertEquals(spec.description(), next.json().path("description").asText());
  }
}
