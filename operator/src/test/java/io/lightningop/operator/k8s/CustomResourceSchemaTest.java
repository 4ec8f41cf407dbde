package io.lightningop.operator.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Custom resources (examples/ and the test fixtures) checked against the generated CRD schemas. */
class CustomResourceSchemaTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void everyCustomResourceUnderExamplesIsValid() throws IOException {
    Map<String, JsonNode> crds = crdsByKind();
    Path examples = Path.of("../examples");
    List<String> problems = new ArrayList<>();
    int checked = 0;
    if (Files.isDirectory(examples)) {
      try (Stream<Path> files = Files.walk(examples)) {
        for (Path file : files.filter(CustomResourceSchemaTest::isYaml).sorted().toList()) {
          for (JsonNode doc : documents(file)) {
            JsonNode crd = crds.get(doc.path("kind").asText());
            if (crd != null && doc.path("apiVersion").asText().startsWith(ApiGroup.GROUP + "/")) {
              checked++;
              CrdSchemaValidator.validate(crd, doc).forEach(p -> problems.add(file + ": " + p));
            }
          }
        }
      }
    }
    System.out.println("custom resources under examples/ checked against the CRDs: " + checked);
    assertEquals(List.of(), problems);
  }

  @Test
  void validFixturesPass() throws IOException {
    Map<String, JsonNode> crds = crdsByKind();
    for (String fixture : List.of("project-valid.yaml", "workerpool-valid.yaml")) {
      JsonNode doc = documents(fixture(fixture)).getFirst();
      assertEquals(List.of(), CrdSchemaValidator.validate(crds.get(doc.path("kind").asText()), doc), fixture);
    }
  }

  @Test
  void invalidProjectIsRejectedWithEveryProblemNamed() throws IOException {
    JsonNode doc = documents(fixture("project-invalid.yaml")).getFirst();
    List<String> problems = CrdSchemaValidator.validate(crdsByKind().get("Project"), doc);
    assertEquals(List.of(
        "spec.workflows.intake.jobs.Transform.name: \"Trans/form\" does not match ^[a-zA-Z0-9_\\- ]*$",
        "spec.workflows.intake.jobs.Transform.colour: unknown field",
        "spec.workflows.intake.triggers.webhook.type: \"email\" is not one of [cron, kafka, webhook]",
        "spec.workflows.intake.edges.webhook->Transform.targetJob: required",
        "spec.workflows.intake.edges.webhook->Transform.conditionType: \"sometimes\" is not one of [always, js_expression, on_job_failure, on_job_success]",
        "spec.syncPolicy.selfHeal: must be true or false",
        "spec.interval: \"soon\" does not match ^([0-9]+(ms|s|m|h))+$"), problems);
  }

  @Test
  void invalidWorkerPoolIsRejected() throws IOException {
    JsonNode doc = documents(fixture("workerpool-invalid.yaml")).getFirst();
    List<String> problems = CrdSchemaValidator.validate(crdsByKind().get("WorkerPool"), doc);
    assertEquals(List.of(
        "spec.image: required",
        "spec.capacity: must be at least 1.0",
        "spec.minReplicas: must be an integer",
        "spec.scaleDownDelay: \"5 minutes\" does not match ^([0-9]+(ms|s|m|h))+$"), problems);
  }

  static Map<String, JsonNode> crdsByKind() throws IOException {
    Map<String, JsonNode> byKind = new HashMap<>();
    for (Path f : CrdFilesTest.crdFiles(CrdFilesTest.GENERATED)) {
      JsonNode crd = YAML.readTree(f.toFile());
      byKind.put(crd.at("/spec/names/kind").asText(), crd);
    }
    assertTrue(byKind.containsKey("Project") && byKind.containsKey("WorkerPool"), "generated CRDs: " + byKind.keySet());
    return byKind;
  }

  private static Path fixture(String name) {
    return Path.of("src/test/resources/k8s", name);
  }

  private static boolean isYaml(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  private static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode n = it.next();
        if (n != null && n.isObject()) {
          docs.add(n);
        }
      }
    } catch (IOException e) {
      // A YAML file that is not parseable is not ours to judge here (the spec validator reports it).
      if (file.startsWith("src")) {
        throw e;
      }
    }
    return docs;
  }
}
