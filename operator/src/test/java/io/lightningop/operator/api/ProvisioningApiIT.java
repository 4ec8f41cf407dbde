package io.lightningop.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.spec.LoadedProject;
import io.lightningop.spec.ProjectLoader;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.state.PayloadState;
import io.lightningop.spec.state.ProjectPayload;
import io.lightningop.spec.state.ProjectState;
import io.lightningop.spec.state.StateMerge;
import io.lightningop.spec.state.StateProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@code openfn deploy} / {@code openfn pull} do, against our server, with the OpenHIE example. */
class ProvisioningApiIT {
  private static final Path EXAMPLE = Path.of("../examples/openhie/project.yaml");
  private ApiHarness api;

  @BeforeEach
  void setUp() {
    api = new ApiHarness();
    // deploy links credentials that already exist on the server and belong to the caller
    api.plane.credentials().put("jane-smith@test.com", "HAPI FHIR", "raw", api.JSON.createObjectNode().put("token", "t0p"));
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private Project spec() {
    LoadedProject loaded = ProjectLoader.load(EXAMPLE);
    assertTrue(loaded.valid(), loaded.problems().toString());
    return loaded.project();
  }

  /**
   * The project with every job body as its text (the server keeps text, not the file it came
   * from) and with the defaults a server fills in (webhook reply, edges enabled) made explicit.
   */
  private static String inline(Project p) {
    return p.toString().replaceAll(", path=[^\\]]*\\]", ", path=null]").replace("webhookReply=before_start", "webhookReply=null")
        .replaceAll("(conditionLabel=[^,\\]]*), enabled=null\\]", "$1, enabled=true]");
  }

  /** Merge, POST, then fold the answer back into state, as deploy does. */
  private ProjectState deploy(ProjectState state, Project spec) {
    ProjectState next = StateMerge.merge(state, spec);
    ApiHarness.Reply r = api.postJson("/api/provision", api.adminToken, ProjectPayload.from(next).toString());
    assertEquals(201, r.status(), r.body());
    assertEquals("/api/provision/" + next.json().get("id").asText(), r.raw().headers().firstValue("location").orElse(""));
    return PayloadState.fromPayload((ObjectNode) r.json().get("data"));
  }

  @Test
  void exampleRoundTripsAndAJobCanBeRemoved() throws Exception {
    Project spec = spec();
    ProjectState state = deploy(ProjectState.empty(), spec);
    String id = state.json().get("id").asText();

    JsonNode served = api.get("/api/provision/" + id).json().get("data");
    assertEquals(inline(spec), inline(StateProjects.toProject(PayloadState.fromPayload((ObjectNode) served))), "GET gives back the spec");
    assertEquals(4, served.at("/workflows/0/jobs").size());
    assertTrue(served.at("/workflows/0/jobs/1/project_credential_id").asText().equals(served.at("/project_credentials/0/id").asText()));

    // openfn pull: the YAML reads back as the same project
    ApiHarness.Reply yaml = api.send(api.api("/api/provision/yaml?id=" + id, api.adminToken).GET());
    assertEquals(200, yaml.status());
    assertTrue(yaml.raw().headers().firstValue("content-type").orElse("").startsWith("text/yaml"));
    LoadedProject pulled = ProjectLoader.parse(yaml.body(), "pulled.yaml", Path.of("."));
    assertTrue(pulled.valid(), pulled.problems() + "\n" + yaml.body());
    assertEquals(spec.workflows().keySet(), pulled.project().workflows().keySet());

    // deploying the same spec again changes nothing
    ProjectState again = deploy(state, spec);
    assertEquals(1, api.count("SELECT count(*) FROM project_snapshots"));

    // remove a job (and the edge into it) from the YAML
    String text = Files.readString(EXAMPLE)
        .replaceAll("(?s)      Notify-CHW-upload-failed:\n.*?notify-failure.js\n", "")
        .replaceAll("(?s)      Send-to-OpenHIM-to-route-to-SHR->Notify-CHW-upload-failed:\n.*?condition_type: on_job_failure\n", "");
    LoadedProject smaller = ProjectLoader.parse(text, "project.yaml", EXAMPLE.getParent());
    assertTrue(smaller.valid(), smaller.problems().toString());
    deploy(again, smaller.project());
    JsonNode after = api.get("/api/provision/" + id).json().get("data");
    assertEquals(3, after.at("/workflows/0/jobs").size());
    assertEquals(3, after.at("/workflows/0/edges").size());
    assertEquals(inline(smaller.project()), inline(StateProjects.toProject(PayloadState.fromPayload((ObjectNode) after))));
    assertEquals(2, api.count("SELECT count(*) FROM project_snapshots"));
  }

  @Test
  void invalidProjectAnswers422InLightningsShapeAndChangesNothing() {
    ProjectState state = deploy(ProjectState.empty(), spec());
    ObjectNode payload = ProjectPayload.from(StateMerge.merge(state, spec()));
    ((ObjectNode) payload.at("/workflows/0/jobs/0")).put("body", " ");
    ((ObjectNode) payload.at("/workflows/0/jobs/1")).put("name", "bad/name");
    ((ObjectNode) payload.at("/workflows/0/edges/0")).put("condition_type", "on_job_success");
    payload.put("foo", "bar");
    ApiHarness.Reply r = api.postJson("/api/provision", api.adminToken, payload.toString());
    assertEquals(422, r.status());
    assertEquals("extraneous parameters: foo", r.json().at("/errors/base/0").asText());

    payload.remove("foo");
    r = api.postJson("/api/provision", api.adminToken, payload.toString());
    assertEquals(422, r.status(), r.body());
    JsonNode wf = r.json().at("/errors/workflows/OpenHIE Workflow");
    assertEquals("job body can't be blank", wf.at("/jobs/FHIR-standard-Data-with-change/body/0").asText(), r.body());
    assertEquals("job name has invalid format", wf.at("/jobs/bad~1name/name/0").asText(), r.body());
    assertEquals("must be :always or :js_expression when source is a trigger",
        wf.at("/edges/webhook->FHIR-standard-Data-with-change/condition_type/0").asText(), r.body());
    assertEquals(1, api.count("SELECT count(*) FROM project_snapshots"));
    assertEquals(0, api.count("SELECT count(*) FROM jobs WHERE name = 'bad/name' OR body = ' '"));
  }

  @Test
  void tokensAndRolesDecide401And403And404() {
    String id = deploy(ProjectState.empty(), spec()).json().get("id").asText();
    assertEquals(401, api.send(api.request("/api/provision/" + id).GET()).status());
    ApiHarness.Reply bad = api.send(api.api("/api/provision/" + id, "lop_not-a-token").GET());
    assertEquals(401, bad.status());
    assertEquals("Unauthorized", bad.json().get("error").asText());

    String outsider = api.plane.tokens().create("outsider", "someone@example.org", false);
    assertEquals(403, api.send(api.api("/api/provision/" + id, outsider).GET()).status());
    ObjectNode newProject = ProjectPayload.from(StateMerge.merge(ProjectState.empty(), spec()));
    ApiHarness.Reply forbidden = api.postJson("/api/provision", outsider, newProject.toString());
    assertEquals(403, forbidden.status());
    assertEquals("Forbidden", forbidden.json().get("error").asText());

    assertEquals(404, api.get("/api/provision/" + java.util.UUID.randomUUID()).status());
    assertEquals(404, api.get("/api/provision/not-a-uuid").status());
    assertEquals(404, api.send(api.api("/api/provision/yaml?id=" + java.util.UUID.randomUUID(), api.adminToken).GET()).status());
    assertEquals(400, api.postJson("/api/provision", api.adminToken, "{\"name\": ").status());
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("projects", api.count("SELECT count(*) FROM projects"));
    assertEquals(Map.of("projects", 1L), counts);
    assertFalse(api.get("/api/provision/" + id).body().contains("t0p"), "credential secrets never leave the server");
  }
}
