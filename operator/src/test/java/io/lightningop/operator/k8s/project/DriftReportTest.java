package io.lightningop.operator.k8s.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lightningop.spec.model.Edge;
import io.lightningop.spec.model.Job;
import io.lightningop.spec.model.JobBody;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.model.Trigger;
import io.lightningop.spec.model.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys, Lightning's defaults and prune as drift detection sees them. */
class DriftReportTest {

  /** A resource with its own keys and without the fields Lightning fills in. */
  static Project resource() {
    return new Project("p", null, Map.of(), Map.of(), Map.of(), Map.of("wf1", new Workflow("wf1", "Intake Flow",
        Map.of("a", new Job("a", "Fetch data", null, JobBody.inline("get();"), null)),
        Map.of("hook", new Trigger("hook", "webhook", true, null, null, null, null, null)),
        Map.of("e1", new Edge("e1", "hook", null, "a", null, null, null, true)))));
  }

  /** The same project as Lightning holds it: keyed by names, defaults filled in. */
  static Project live(Map<String, Job> extraJobs) {
    Map<String, Job> jobs = new LinkedHashMap<>();
    jobs.put("Fetch-data", new Job("Fetch-data", "Fetch data", Job.DEFAULT_ADAPTOR, JobBody.inline("get();"), null));
    jobs.putAll(extraJobs);
    return new Project("p", null, Map.of(), Map.of(), Map.of(), Map.of("Intake-Flow", new Workflow("Intake-Flow", "Intake Flow",
        jobs,
        Map.of("webhook", new Trigger("webhook", "webhook", true, null, null, "before_start", null, null)),
        Map.of("webhook->Fetch-data", new Edge("webhook->Fetch-data", "webhook", null, "Fetch-data", "always", null, null, true)))));
  }

  @Test
  void aResourceWithItsOwnKeysMatchesTheLiveProjectExactly() {
    assertEquals(List.of(), DriftReport.between(CanonicalKeys.of(resource()), live(Map.of())));
  }

  @Test
  void aJobAddedLiveIsDriftUnlessPruneIsOff() {
    Project live = live(Map.of("Extra", new Job("Extra", "Extra", Job.DEFAULT_ADAPTOR, JobBody.inline("fn(s => s);"), null)));
    Project desired = CanonicalKeys.of(resource());
    assertEquals(List.of(new ProjectStatus.DriftChange("workflows.Intake-Flow.jobs.Extra", "created", null)),
        DriftReport.between(desired, live));
    assertEquals(List.of(), DriftReport.between(KeepLiveObjects.addTo(desired, live), live));
  }

  @Test
  void aJobDeletedOrChangedLiveIsNamedWithItsFields() {
    Project desired = CanonicalKeys.of(resource());
    Project emptied = new Project("p", null, Map.of(), Map.of(), Map.of(), Map.of("Intake-Flow", new Workflow("Intake-Flow",
        "Intake Flow", Map.of(), live(Map.of()).workflows().get("Intake-Flow").triggers(), Map.of())));
    assertEquals(List.of(
        new ProjectStatus.DriftChange("workflows.Intake-Flow.jobs.Fetch-data", "deleted", null),
        new ProjectStatus.DriftChange("workflows.Intake-Flow.edges[\"webhook->Fetch-data\"]", "deleted", null)),
        DriftReport.between(desired, emptied));

    Project changed = live(Map.of("Fetch-data", new Job("Fetch-data", "Fetch data", "@openfn/language-http@7.0.0",
        JobBody.inline("post();"), null)));
    assertEquals(List.of(new ProjectStatus.DriftChange("workflows.Intake-Flow.jobs.Fetch-data", "updated",
        List.of("adaptor", "body"))), DriftReport.between(desired, changed));
  }
}
