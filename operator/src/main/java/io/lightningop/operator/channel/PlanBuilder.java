package io.lightningop.operator.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.operator.state.Run;
import io.lightningop.spec.worker.PhoenixFrame;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the {@code fetch:plan} reply (§4.6) from the project snapshot the run was created with,
 * never from the live workflow. The snapshot document is the project as the provisioning API
 * serves it (§3.3), with or without its {@code data} envelope.
 */
final class PlanBuilder {

  private PlanBuilder() {}

  /**
   * @param credentialIds project-credential id → credential id, to name credentials as the worker
   *     must ask for them
   */
  static ObjectNode plan(Run run, UUID projectId, UUID workflowId, JsonNode snapshotDocument,
      Map<String, String> credentialIds) {
    JsonNode workflow = workflow(snapshotDocument, workflowId);
    ObjectNode plan = PhoenixFrame.object();
    plan.put("id", run.id().toString());
    plan.put("project_id", projectId.toString());
    plan.put("dataclip_id", run.dataclipId().toString());
    plan.put("starting_node_id",
        (run.startingTriggerId() != null ? run.startingTriggerId() : run.startingJobId()).toString());
    ArrayNode triggers = plan.putArray("triggers");
    for (JsonNode t : workflow.path("triggers")) triggers.addObject().put("id", t.path("id").asText());
    ArrayNode jobs = plan.putArray("jobs");
    for (JsonNode j : workflow.path("jobs")) {
      ObjectNode job = jobs.addObject();
      job.put("id", j.path("id").asText());
      job.put("name", j.path("name").asText());
      job.put("adaptor", j.path("adaptor").asText());
      String pc = j.path("project_credential_id").asText(null);
      job.put("credential_id", pc == null ? null : credentialIds.get(pc));
      job.put("body", j.path("body").asText(""));
    }
    ArrayNode edges = plan.putArray("edges");
    for (JsonNode e : workflow.path("edges")) {
      ObjectNode edge = edges.addObject();
      edge.put("id", e.path("id").asText());
      edge.put("source_trigger_id", e.path("source_trigger_id").asText(null));
      edge.put("source_job_id", e.path("source_job_id").asText(null));
      edge.put("target_job_id", e.path("target_job_id").asText());
      String type = e.path("condition_type").asText("always");
      edge.put("condition", "js_expression".equals(type) ? e.path("condition_expression").asText() : type);
      edge.put("enabled", e.path("enabled").asBoolean(true));
    }
    ObjectNode options = plan.putObject("options");
    options.put("output_dataclips", run.options().saveDataclips());
    options.put("run_timeout_ms", run.options().runTimeoutMs());
    if (!run.options().enableJobLogs()) options.put("job_log_level", "none");
    return plan;
  }

  /** The project-credential ids the workflow's jobs use. */
  static java.util.Set<String> projectCredentialIds(JsonNode snapshotDocument, UUID workflowId) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (JsonNode j : workflow(snapshotDocument, workflowId).path("jobs")) {
      if (j.hasNonNull("project_credential_id")) ids.add(j.get("project_credential_id").asText());
    }
    return ids;
  }

  /** True when the job is part of the workflow in this snapshot. */
  static boolean hasJob(JsonNode snapshotDocument, UUID workflowId, String jobId) {
    for (JsonNode j : workflow(snapshotDocument, workflowId).path("jobs")) {
      if (jobId.equals(j.path("id").asText())) return true;
    }
    return false;
  }

  private static JsonNode workflow(JsonNode document, UUID workflowId) {
    JsonNode project = document.has("data") ? document.get("data") : document;
    for (JsonNode w : project.path("workflows")) {
      if (workflowId.toString().equals(w.path("id").asText())) return w;
    }
    throw new IllegalStateException("workflow " + workflowId + " is not in the run's snapshot");
  }
}
