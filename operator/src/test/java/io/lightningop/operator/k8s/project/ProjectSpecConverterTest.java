package io.lightningop.operator.k8s.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lightningop.spec.ProjectLoader;
import io.lightningop.spec.diff.ProjectDiff;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProjectSpecConverterTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static Project read(String fixture) throws IOException {
    return YAML.readValue(Path.of("src/test/resources/k8s", fixture).toFile(), Project.class);
  }

  @Test
  void theCustomResourceIsTheSameProjectAsItsProjectYaml() throws IOException {
    Project cr = read("project-valid.yaml");
    cr.getMetadata().setNamespace("default");
    var converted = new ProjectSpecConverter((ns, name, key) ->
        ns.equals("default") && name.equals("openhie-jobs") && key.equals("load.js")
            ? Optional.of("post('/fhir', state => state.data);\n") : Optional.empty()).convert(cr);
    assertEquals(List.of(), converted.messages());

    var yaml = ProjectLoader.parse("""
        name: openhie-project
        description: Intake from a webhook into a FHIR server
        credentials:
          admin@example.org-FHIR-server:
            name: FHIR server
            owner: admin@example.org
        workflows:
          intake:
            name: intake
            jobs:
              Transform:
                name: Transform
                adaptor: '@openfn/language-common@latest'
                body: |
                  fn(state => ({ ...state, data: { ok: true } }));
              Load:
                name: Load
                adaptor: '@openfn/language-http@latest'
                credential: admin@example.org-FHIR-server
                body: |
                  post('/fhir', state => state.data);
            triggers:
              webhook:
                type: webhook
                enabled: true
                webhook_reply: before_start
            edges:
              webhook->Transform:
                source_trigger: webhook
                target_job: Transform
                condition_type: always
              Transform->Load:
                source_job: Transform
                target_job: Load
                condition_type: js_expression
                condition_label: has-data
                condition_expression: '!!state.data'
        """, "project.yaml", Path.of("."));
    assertTrue(yaml.valid(), yaml.problems().toString());
    assertEquals(List.of(), ProjectDiff.between(yaml.project(), converted.project()).changes());
  }

  @Test
  void projectNameDefaultsToTheResourceName() throws IOException {
    Project cr = read("project-valid.yaml");
    cr.getMetadata().setNamespace("default");
    cr.setSpec(new ProjectSpec(null, null, null, null, Map.of("w", new WorkflowSpec("w", Map.of(), Map.of(), Map.of())),
        null, null, null));
    var converted = new ProjectSpecConverter((ns, n, k) -> Optional.empty()).convert(cr);
    assertEquals("openhie", converted.project().name());
  }

  @Test
  void problemsNameTheResourceAndTheCustomResourceFieldPath() throws IOException {
    Project cr = read("project-valid.yaml");
    cr.getMetadata().setNamespace("default");
    var wf = cr.getSpec().workflows().get("intake");
    var edges = new java.util.LinkedHashMap<>(wf.edges());
    edges.put("Transform->Nowhere", new EdgeSpec(null, "Transform", "Nowhere", EdgeSpec.ConditionType.ON_JOB_SUCCESS, null, null, null));
    cr.setSpec(new ProjectSpec(cr.getSpec().name(), null, cr.getSpec().credentials(), null,
        Map.of("intake", new WorkflowSpec("intake", wf.jobs(), wf.triggers(), edges)), null, null, null));
    var converted = new ProjectSpecConverter((ns, n, k) -> Optional.empty()).convert(cr);
    assertEquals(List.of(
        "spec.workflows.intake.jobs.Load.bodyFrom.configMapKeyRef: ConfigMap default/openhie-jobs has no key \"load.js\"",
        "spec.workflows.intake.edges[\"Transform->Nowhere\"]: targetJob \"Nowhere\" does not exist"),
        converted.messages().stream().filter(m -> !m.contains("body")  || m.contains("ConfigMap")).toList());
    assertEquals("Project default/openhie", converted.problems().getFirst().file());
  }

  @Test
  void aGitSourcedProjectIsNotConvertedHere() {
    Project cr = new Project();
    cr.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("g").withNamespace("n").build());
    cr.setSpec(new ProjectSpec(null, null, null, null, null,
        new SourceSpec(new SourceSpec.Git("https://example.org/r.git", null, null, null, null, null)), null, null));
    var converted = new ProjectSpecConverter((ns, n, k) -> Optional.empty()).convert(cr);
    assertNull(converted.project());
    assertEquals(List.of("spec.workflows: git sources are applied by the git source controller, not inline"), converted.messages());
  }
}
