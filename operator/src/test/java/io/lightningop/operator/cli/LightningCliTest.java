package io.lightningop.operator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightningop.spec.ProjectLoader;
import io.lightningop.spec.state.ProjectState;
import io.lightningop.spec.state.StateMerge;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LightningCliTest {
  static final Path EXAMPLE = Path.of("..", "examples", "openhie");
  static final String YAML = EXAMPLE.resolve("project.yaml").toString();
  static final String STATE = EXAMPLE.resolve("projectState.json").toString();

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = LightningCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void validateAcceptsTheExample() {
    Run r = run("validate", YAML);
    assertEquals(0, r.exit(), r.err());
    assertEquals(YAML + ": valid, project \"openhie-project\": 1 workflow, 4 jobs, 1 trigger, 4 edges, 1 credential\n",
        r.out());
  }

  @Test
  void validateListsEveryProblemAndExitsOne() throws Exception {
    Path bad = dir.resolve("project.yaml");
    Files.createDirectories(dir.resolve("jobs"));
    try (var jobs = Files.list(EXAMPLE.resolve("jobs"))) {
      for (Path js : jobs.toList()) Files.copy(js, dir.resolve("jobs").resolve(js.getFileName()));
    }
    Files.writeString(bad, Files.readString(Path.of(YAML))
        .replace("target_job: Notify-CHW-upload-failed", "target_job: Nowhere")
        .replace("path: ./jobs/notify-failure.js", "path: ../../secret.js"));
    Run r = run("validate", bad.toString());
    assertEquals(1, r.exit());
    String[] lines = r.err().split("\n");
    assertEquals(3, lines.length, r.err());
    assertTrue(lines[0].startsWith(bad + ":40:17 workflows.OpenHIE-Workflow.jobs.Notify-CHW-upload-failed.body.path: path \"../../secret.js\" escapes the project folder"), lines[0]);
    assertEquals(bad + ":58:7 workflows.OpenHIE-Workflow.edges[\"Send-to-OpenHIM-to-route-to-SHR->Notify-CHW-upload-failed\"]: target_job \"Nowhere\" does not exist", lines[1]);
    assertEquals("2 problems found.", lines[2]);
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, run("validate").exit());
    assertEquals(2, run("plan", YAML, "--bogus").exit());
    assertEquals(2, run().exit());
  }

  @Test
  void planAgainstTheExampleStateShowsDeletesUpdatesAndCreates() {
    Run r = run("plan", YAML, "--state", STATE);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("\n    - job FHIR-standard-Data  55016dda-42e3-4ee1-8a9c-24e3f23d42f1  (delete: true)\n"), r.out());
    assertTrue(r.out().contains("\n    ~ job Send-to-OpenHIM-to-route-to-SHR  977b87ff-f347-42b5-832f-6ae2ca726f32\n        body: changed (3 lines → 4 lines)\n"), r.out());
    assertTrue(r.out().endsWith("Plan: 5 to create, 3 to update, 3 to delete.\n"), r.out());
  }

  @Test
  void planWithoutStateCreatesEverything() {
    Run r = run("plan", YAML);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().endsWith("Plan: 11 to create, 0 to update, 0 to delete.\n"), r.out());
  }

  @Test
  void planAsJson() throws Exception {
    Run r = run("plan", YAML, "--state", STATE, "--json");
    assertEquals(0, r.exit(), r.err());
    JsonNode plan = new ObjectMapper().readTree(r.out());
    assertEquals(5, plan.path("summary").path("create").asInt());
    assertEquals("8deff39d-8189-4bd7-9dc7-f9f08e7f2c60", plan.path("project_id").asText());
    JsonNode first = plan.path("changes").path(0);
    assertEquals("update", first.path("action").asText());
    assertEquals("description", first.path("fields").path(0).path("field").asText());
  }

  @Test
  void planOfAnAlreadyDeployedProjectHasNoChanges() throws Exception {
    Path state = dir.resolve("projectState.json");
    StateMerge.merge(ProjectState.read(Path.of(STATE)), ProjectLoader.load(Path.of(YAML)).orThrow()).write(state);
    Run r = run("plan", YAML, "--state", state.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().endsWith("No changes to deploy.\n"), r.out());
  }

  @Test
  void planReportsDeploysErrors() throws Exception {
    Path state = dir.resolve("projectState.json");
    Files.writeString(state, Files.readString(Path.of(STATE)).replace("\"OpenHIE-Workflow\": {", "\"Old-Workflow\": {"));
    Run r = run("plan", YAML, "--state", state.toString());
    assertEquals(1, r.exit());
    assertEquals("STATE_ERROR: Critical error! Cannot continue: workflow found in project state but not spec: "
        + "OpenHIE Workflow (27ae2937-0959-48b8-a597-b1646aae8c14)\n", r.err());
    Run json = run("plan", YAML, "--state", state.toString(), "--json");
    assertEquals(1, json.exit());
    assertEquals("STATE_ERROR", new ObjectMapper().readTree(json.out()).path("error").path("name").asText());
  }
}
