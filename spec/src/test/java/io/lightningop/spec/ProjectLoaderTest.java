package io.lightningop.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.spec.model.Edge;
import io.lightningop.spec.model.Job;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.model.Workflow;
import io.lightningop.spec.validate.Location;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectLoaderTest {

  @Test
  void openhieExampleParsesWithoutProblems() throws Exception {
    LoadedProject loaded = ProjectLoader.load(Examples.OPENHIE_YAML);
    assertEquals(List.of(), loaded.problems());
    Project p = loaded.project();
    assertEquals("openhie-project", p.name());
    assertEquals(List.of("jane-smith@test.com-HAPI-FHIR"), List.copyOf(p.credentials().keySet()));
    assertEquals("jane-smith@test.com", p.credentials().get("jane-smith@test.com-HAPI-FHIR").owner());

    Workflow wf = p.workflows().get("OpenHIE-Workflow");
    assertEquals("OpenHIE Workflow", wf.name());
    assertEquals(List.of("FHIR-standard-Data-with-change", "Send-to-OpenHIM-to-route-to-SHR",
        "Notify-CHW-upload-successful", "Notify-CHW-upload-failed"), List.copyOf(wf.jobs().keySet()));

    Job fhir = wf.jobs().get("FHIR-standard-Data-with-change");
    assertEquals("@openfn/language-http@latest", fhir.adaptor());
    assertEquals("./jobs/fhir-standard-data.js", fhir.body().path());
    assertEquals(Files.readString(Examples.OPENHIE.resolve("jobs/fhir-standard-data.js")), fhir.bodyText());
    assertNull(fhir.credential());
    assertTrue(fhir.credentialGiven());

    Job send = wf.jobs().get("Send-to-OpenHIM-to-route-to-SHR");
    assertEquals("jane-smith@test.com-HAPI-FHIR", send.credential());

    Job ok = wf.jobs().get("Notify-CHW-upload-successful");
    assertFalse(ok.body().fromFile());
    assertTrue(ok.bodyText().startsWith("fn(state => {\n  console.log("));

    assertEquals("webhook", wf.triggers().get("webhook").type());
    assertEquals(Boolean.TRUE, wf.triggers().get("webhook").enabled());

    Edge first = wf.edges().get("webhook->FHIR-standard-Data-with-change");
    assertEquals("webhook", first.sourceTrigger());
    assertNull(first.sourceJob());
    assertEquals("FHIR-standard-Data-with-change", first.targetJob());
    assertEquals(Edge.ALWAYS, first.conditionType());
    assertEquals(Edge.ON_JOB_FAILURE,
        wf.edges().get("Send-to-OpenHIM-to-route-to-SHR->Notify-CHW-upload-failed").conditionType());
  }

  @Test
  void keepsTheLineAndColumnOfEveryField() throws Exception {
    LoadedProject loaded = ProjectLoader.load(Examples.OPENHIE_YAML);
    List<String> lines = Files.readAllLines(Examples.OPENHIE_YAML);
    String path = "workflows.OpenHIE-Workflow.edges[\"webhook->FHIR-standard-Data-with-change\"].target_job";
    Location at = loaded.sources().value(path);
    assertEquals("        target_job: FHIR-standard-Data-with-change", lines.get(at.line() - 1));
    assertEquals(21, at.column());
    Location key = loaded.sources().key("workflows.OpenHIE-Workflow.jobs.Notify-CHW-upload-failed");
    assertEquals("      Notify-CHW-upload-failed:", lines.get(key.line() - 1));
    assertEquals(7, key.column());
  }

  @Test
  void inlineYamlWithoutFilesParses() {
    LoadedProject loaded = ProjectLoader.parse("""
        name: p
        workflows:
          wf:
            name: wf
            jobs:
              a:
                name: a
                body: fn(s => s)
            triggers:
              cron:
                type: cron
                cron_expression: '*/5 * * * *'
                cron_cursor_job: a
            edges:
              cron->a:
                source_trigger: cron
                target_job: a
                condition_type: always
        """, "inline.yaml", null);
    assertEquals(List.of(), loaded.problems());
    Job a = loaded.project().workflows().get("wf").jobs().get("a");
    assertNull(a.adaptor());
    assertFalse(a.credentialGiven());
    assertEquals("a", loaded.project().workflows().get("wf").triggers().get("cron").cronCursorJob());
  }

  @Test
  void missingFileIsAProblemNotAnException() {
    LoadedProject loaded = ProjectLoader.load(Examples.OPENHIE.resolve("nope.yaml"));
    assertFalse(loaded.valid());
    assertEquals(1, loaded.problems().size());
    assertTrue(loaded.problems().get(0).toString().endsWith("nope.yaml:1:1 file not found"),
        loaded.problems().get(0).toString());
  }
}
