package io.lightningop.spec.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.spec.LoadedProject;
import io.lightningop.spec.ProjectLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per class of problem: the message, the field path and the line:column. */
class ValidationTest {
  @TempDir Path dir;

  private List<String> problems(String yaml) throws IOException {
    Path file = dir.resolve("project.yaml");
    Files.writeString(file, yaml);
    LoadedProject loaded = ProjectLoader.load(file);
    String prefix = file + ":";
    return loaded.problems().stream().map(p -> {
      String s = p.toString();
      assertTrue(s.startsWith(prefix), s);
      return "project.yaml:" + s.substring(prefix.length());
    }).toList();
  }

  /** A valid project to break: webhook → Transform → Load. */
  static final String VALID = """
      name: demo
      credentials:
        me@x.org-Basic:
          name: Basic
          owner: me@x.org
      workflows:
        wf:
          name: wf
          jobs:
            Transform:
              name: Transform
              adaptor: '@openfn/language-common@latest'
              body: fn(s => s)
            Load:
              name: Load
              adaptor: '@openfn/language-http@6.4.0'
              credential: me@x.org-Basic
              body: fn(s => s)
          triggers:
            webhook:
              type: webhook
          edges:
            webhook->Transform:
              source_trigger: webhook
              target_job: Transform
              condition_type: always
            Transform->Load:
              source_job: Transform
              target_job: Load
              condition_type: on_job_success
      """;

  @Test
  void theBaseProjectIsValid() throws IOException {
    assertEquals(List.of(), problems(VALID));
  }

  @Test
  void yamlSyntax() throws IOException {
    assertEquals(List.of("project.yaml:2:9 invalid YAML: mapping values are not allowed here"),
        problems("name: demo\nfoo: bar: baz\n"));
    assertEquals(List.of("project.yaml:4:1 invalid YAML: found unexpected end of stream (while scanning a quoted scalar at 3:1)"),
        problems("name: demo\nworkflows: {}\n\"unterminated\n"));
  }

  @Test
  void tabsInIndentationAreEachReported() throws IOException {
    assertEquals(List.of(
            "project.yaml:3:1 tab character in indentation; YAML indents with spaces only",
            "project.yaml:4:3 tab character in indentation; YAML indents with spaces only"),
        problems("name: demo\nworkflows:\n\twf:\n  \tname: wf\n"));
  }

  @Test
  void duplicateKeys() throws IOException {
    String yaml = VALID.replace("      Load:\n", "      Transform:\n        name: Again\n        body: x\n      Load:\n");
    assertEquals(List.of(
        "project.yaml:14:7 workflows.wf.jobs.Transform: duplicate key \"Transform\" (first at line 10)"),
        problems(yaml));
  }

  @Test
  void unknownKeys() throws IOException {
    assertEquals(List.of(
        "project.yaml:14:9 workflows.wf.jobs.Transform.bodyy: unknown key \"bodyy\" (expected one of: name, adaptor, body, credential, enabled, globals)"),
        problems(VALID.replace("        body: fn(s => s)\n      Load:", "        body: fn(s => s)\n        bodyy: 1\n      Load:")));
  }

  @Test
  void wrongTypes() throws IOException {
    assertEquals(List.of(
        "project.yaml:13:15 workflows.wf.jobs.Transform.body: expected inline code or {path: file}, found a list",
        "project.yaml:22:18 workflows.wf.triggers.webhook.enabled: expected true or false, found text (sometimes)"),
        problems(VALID.replace("        body: fn(s => s)\n      Load:", "        body: [1, 2]\n      Load:")
            .replace("type: webhook\n", "type: webhook\n        enabled: sometimes\n")));
    assertEquals(List.of("project.yaml:3:7 workflows.wf: expected a map, found text (just text)"),
        problems("name: demo\nworkflows:\n  wf: just text\n"));
  }

  @Test
  void missingRequiredFields() throws IOException {
    assertEquals(List.of(
        "project.yaml:1:1 name: required field is missing (a project must have a name)",
        "project.yaml:9:7 workflows.wf.jobs.Transform.name: required field is missing",
        "project.yaml:21:7 workflows.wf.edges[\"webhook->Transform\"].target_job: required field is missing"),
        problems(VALID.replace("name: demo\n", "").replace("        name: Transform\n", "")
            .replace("        target_job: Transform\n", "")));
    assertEquals(List.of("project.yaml:2:11 workflows: project: must provide at least one workflow"),
        problems("name: demo\nworkflows:\n"));
  }

  @Test
  void danglingEdgeEnds() throws IOException {
    assertEquals(List.of(
        "project.yaml:23:7 workflows.wf.edges[\"webhook->Transform\"]: target_job \"Transfrom\" does not exist",
        "project.yaml:27:7 workflows.wf.edges[\"Transform->Load\"]: source_job \"Nope\" does not exist"),
        problems(VALID.replace("target_job: Transform", "target_job: Transfrom").replace("source_job: Transform", "source_job: Nope")));
    assertEquals(List.of(
        "project.yaml:23:7 workflows.wf.edges[\"webhook->Transform\"]: source_trigger \"cron\" does not exist"),
        problems(VALID.replace("source_trigger: webhook", "source_trigger: cron")));
  }

  @Test
  void twoTriggersOfOneType() throws IOException {
    assertEquals(List.of(
        "project.yaml:23:15 workflows.wf.triggers.hook2.type: two triggers of type webhook (webhook and hook2); a workflow has at most one trigger per type"),
        problems(VALID.replace("        type: webhook\n", "        type: webhook\n      hook2:\n        type: webhook\n")));
  }

  @Test
  void bodyPathThatDoesNotExistOrEscapesTheFolder() throws IOException {
    Files.writeString(dir.getParent().resolve("outside.js"), "fn(s => s)");
    Files.createDirectories(dir.resolve("jobs"));
    Files.writeString(dir.resolve("jobs/t.js"), "fn(s => s)");
    List<String> found = problems(VALID
        .replace("        body: fn(s => s)\n      Load:", "        body:\n          path: jobs/missing.js\n      Load:")
        .replace("        credential: me@x.org-Basic\n        body: fn(s => s)", "        credential: me@x.org-Basic\n        body:\n          path: ../outside.js"));
    assertEquals(2, found.size(), found.toString());
    assertTrue(found.get(0).startsWith("project.yaml:14:17 workflows.wf.jobs.Transform.body.path: file \"jobs/missing.js\" does not exist"), found.get(0));
    assertTrue(found.get(1).startsWith("project.yaml:20:17 workflows.wf.jobs.Load.body.path: path \"../outside.js\" escapes the project folder"), found.get(1));
    assertEquals(List.of(), problems(VALID.replace("        body: fn(s => s)\n      Load:", "        body:\n          path: ./jobs/t.js\n      Load:")));
  }

  @Test
  void invalidCron() throws IOException {
    String cron = VALID.replace("      webhook:\n        type: webhook\n", "      cron:\n        type: cron\n        cron_expression: '61 * * * *'\n")
        .replace("webhook->Transform", "cron->Transform").replace("source_trigger: webhook", "source_trigger: cron");
    List<String> found = problems(cron);
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).startsWith("project.yaml:22:26 workflows.wf.triggers.cron.cron_expression: invalid cron expression \"61 * * * *\""), found.get(0));
    assertEquals(List.of("project.yaml:22:26 workflows.wf.triggers.cron.cron_expression: invalid cron expression \"0 0 * *\": expected 5 fields (minute hour day-of-month month day-of-week), found 4"),
        problems(cron.replace("'61 * * * *'", "'0 0 * *'")));
    assertEquals(List.of(), problems(cron.replace("'61 * * * *'", "'@daily'")));
    assertEquals(List.of(), problems(cron.replace("'61 * * * *'", "'*/15 9-17 * * 1-5'")));
  }

  @Test
  void invalidAdaptorSpecifiers() throws IOException {
    assertEquals(List.of(
        "project.yaml:12:18 workflows.wf.jobs.Transform.adaptor: invalid adaptor \"@openfn/Language Common@latest\": invalid package name \"Language Common\" (lower-case letters, digits, - . _ ~); expected e.g. @openfn/language-http@latest",
        "project.yaml:16:18 workflows.wf.jobs.Load.adaptor: invalid adaptor \"@openfn/language-http@\": version after @ is empty; expected e.g. @openfn/language-http@latest"),
        problems(VALID.replace("'@openfn/language-common@latest'", "'@openfn/Language Common@latest'")
            .replace("'@openfn/language-http@6.4.0'", "'@openfn/language-http@'")));
  }

  @Test
  void cycles() throws IOException {
    String cyclic = VALID + """
              Load->Transform:
                source_job: Load
                target_job: Transform
                condition_type: always
        """;
    assertEquals(List.of(
        "project.yaml:27:7 workflows.wf.edges[\"Transform->Load\"]: edges form a cycle: Transform -> Load -> Transform; a workflow must not loop"),
        problems(cyclic));
  }

  @Test
  void undeclaredCredential() throws IOException {
    assertEquals(List.of(
        "project.yaml:17:21 workflows.wf.jobs.Load.credential: credential \"me@x.org-Other\" is not declared under credentials"),
        problems(VALID.replace("credential: me@x.org-Basic", "credential: me@x.org-Other")));
  }

  @Test
  void edgeConditionRules() throws IOException {
    assertEquals(List.of(
        "project.yaml:26:25 workflows.wf.edges[\"webhook->Transform\"].condition_type: an edge from a trigger can only be always or js_expression, not on_job_failure",
        "project.yaml:27:7 workflows.wf.edges[\"Transform->Load\"]: condition_expression is required for js_expression",
        "project.yaml:27:7 workflows.wf.edges[\"Transform->Load\"]: condition_label is required for js_expression"),
        problems(VALID.replace("condition_type: always", "condition_type: on_job_failure")
            .replace("condition_type: on_job_success", "condition_type: js_expression")));
  }

  @Test
  void namesMustBeUnique() throws IOException {
    String twice = VALID + """
          wf2:
            name: wf
            jobs:
              T:
                name: T
                body: x
              T2:
                name: T
                body: x
        """;
    assertEquals(List.of(
        "project.yaml:32:11 workflows.wf2.name: workflow name \"wf\" is also used by workflow wf; names must be unique within a project",
        "project.yaml:38:15 workflows.wf2.jobs.T2.name: job name \"T\" is also used by job T; names must be unique within a workflow"),
        problems(twice));
  }

  @Test
  void everyProblemIsReportedAtOnce() throws IOException {
    List<String> found = problems(VALID.replace("target_job: Transform", "target_job: Transfrom")
        .replace("'@openfn/language-http@6.4.0'", "'not a specifier!'")
        .replace("        type: webhook\n", "        type: webhook\n        colour: red\n"));
    assertEquals(3, found.size(), found.toString());
  }
}
