package io.lightningop.spec.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.spec.ProjectLoader;
import io.lightningop.spec.diff.Change.Kind;
import io.lightningop.spec.diff.Change.Type;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.state.ProjectState;
import io.lightningop.spec.state.StateMerge;
import io.lightningop.spec.state.StateProjects;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectDiffTest {
  static final Path DIR = Path.of("..", "examples", "openhie");

  private static List<String> summary(ProjectDiff diff) {
    return diff.changes().stream()
        .map(c -> c.type() + " " + c.kind().word() + " " + c.qualifiedKey()
            + c.fields().stream().map(FieldChange::field).toList())
        .toList();
  }

  @Test
  void openhieSpecAgainstItsDeployedState() throws Exception {
    Project deployed = StateProjects.toProject(ProjectState.read(DIR.resolve("projectState.json")));
    Project wanted = ProjectLoader.load(DIR.resolve("project.yaml")).orThrow();
    ProjectDiff diff = ProjectDiff.between(deployed, wanted);
    String wf = "OpenHIE-Workflow/";
    assertEquals(List.of(
        "UPDATE project openhie-project[description]",
        "DELETE job " + wf + "FHIR-standard-Data[]",
        "UPDATE job " + wf + "Send-to-OpenHIM-to-route-to-SHR[body]",
        "UPDATE job " + wf + "Notify-CHW-upload-successful[body]",
        "CREATE job " + wf + "FHIR-standard-Data-with-change[name, adaptor, body]",
        "CREATE job " + wf + "Notify-CHW-upload-failed[name, adaptor, body]",
        "DELETE edge " + wf + "webhook->FHIR-standard-Data[]",
        "DELETE edge " + wf + "FHIR-standard-Data->Send-to-OpenHIM-to-route-to-SHR[]",
        "CREATE edge " + wf + "webhook->FHIR-standard-Data-with-change[source_trigger, target_job, condition_type]",
        "CREATE edge " + wf + "FHIR-standard-Data-with-change->Send-to-OpenHIM-to-route-to-SHR[source_job, target_job, condition_type]",
        "CREATE edge " + wf + "Send-to-OpenHIM-to-route-to-SHR->Notify-CHW-upload-failed[source_job, target_job, condition_type]"),
        summary(diff));
    assertEquals(5, diff.count(Type.CREATE));
  }

  @Test
  void aProjectAgainstItsOwnMergedStateHasNoChanges() throws Exception {
    Project wanted = ProjectLoader.load(DIR.resolve("project.yaml")).orThrow();
    ProjectState state = StateMerge.merge(ProjectState.read(DIR.resolve("projectState.json")), wanted);
    assertTrue(ProjectDiff.between(StateProjects.toProject(state), wanted).isEmpty(),
        () -> summary(ProjectDiff.between(StateProjects.toProject(state), wanted)).toString());
  }

  @Test
  void nothingDeployedMeansEverythingIsCreated() throws Exception {
    Project wanted = ProjectLoader.load(DIR.resolve("project.yaml")).orThrow();
    ProjectDiff diff = ProjectDiff.between(null, wanted);
    assertEquals(0, diff.count(Type.UPDATE) + diff.count(Type.DELETE));
    assertEquals(1, diff.of(Kind.WORKFLOW).size());
    assertEquals(4, diff.of(Kind.JOB).size());
    assertEquals(1, diff.of(Kind.CREDENTIAL).size());
  }

  @Test
  void changedFieldsCarryBeforeAndAfter() {
    Project a = ProjectLoader.parse("name: p\nworkflows:\n  w:\n    name: w\n    jobs:\n      j: {name: j, body: x, adaptor: '@openfn/language-http@1.0.0'}\n    triggers:\n      cron: {type: cron, cron_expression: '0 * * * *'}\n", "a.yaml", null).orThrow();
    Project b = ProjectLoader.parse("name: p\nworkflows:\n  w:\n    name: w\n    jobs:\n      j: {name: j, body: x, adaptor: '@openfn/language-http@2.0.0'}\n    triggers:\n      cron: {type: cron, cron_expression: '5 * * * *', enabled: false}\n", "b.yaml", null).orThrow();
    ProjectDiff diff = ProjectDiff.between(a, b);
    assertEquals(List.of(new FieldChange("adaptor", "@openfn/language-http@1.0.0", "@openfn/language-http@2.0.0")),
        diff.of(Kind.JOB).get(0).fields());
    assertEquals(List.of(new FieldChange("enabled", null, false), new FieldChange("cron_expression", "0 * * * *", "5 * * * *")),
        diff.of(Kind.TRIGGER).get(0).fields());
  }
}
