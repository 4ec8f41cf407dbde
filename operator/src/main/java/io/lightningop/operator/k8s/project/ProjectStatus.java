package io.lightningop.operator.k8s.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** What the operator last applied and observed for a Project. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectStatus(
    @JsonPropertyDescription("metadata.generation of the spec this status describes.")
    Long observedGeneration,

    @JsonPropertyDescription("Ready: the project is live. Synced: the live project equals this resource. Drifted: the live project was changed by another path. Stalled: the spec cannot be applied (see message); the last good version keeps running. CredentialsReady: every credential Secret can be read.")
    List<Condition> conditions,

    @JsonPropertyDescription("Lightning's id (UUID) of the project.")
    String projectId,

    @JsonPropertyDescription("Version of the snapshot that is live.")
    Integer snapshotVersion,

    @JsonPropertyDescription("Revision of the source the live snapshot came from: `generation-<n>` of this resource, or a git commit.")
    String sourceRevision,

    @JsonPropertyDescription("When the live snapshot was applied (RFC 3339).")
    String lastAppliedAt,

    @PreserveUnknownFields
    @JsonPropertyDescription("The live project in the shape of OpenFn's projectState.json: every workflow, job, trigger, edge and credential with its id, by key.")
    JsonNode projectState,

    @JsonPropertyDescription("URL of every webhook trigger.")
    List<Webhook> webhooks,

    @JsonPropertyDescription("Problems that keep the spec from being applied, one line each with the field path.")
    List<String> errors,

    @JsonPropertyDescription("Differences between this resource and the live project made by other paths.")
    Drift drift,

    @JsonPropertyDescription("For a project read from git: the revisions fetched, applied and refused.")
    Git git) {

  /** Where a git-sourced project stands: the commit fetched, the one live, and the newest one refused. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Git(
      @JsonPropertyDescription("Commit (full SHA) the ref pointed at when last fetched.") String fetchedRevision,
      @JsonPropertyDescription("Commit (full SHA) that is live: the last good one.") String appliedRevision,
      @JsonPropertyDescription("Newest commit that could not be applied (see errors: file:line); unset once a newer commit is applied.") String failedRevision) {}

  /** The URL that starts a workflow through its webhook trigger. */
  public record Webhook(
      @JsonPropertyDescription("Workflow key.") String workflow,
      @JsonPropertyDescription("Trigger key.") String trigger,
      @JsonPropertyDescription("Trigger id.") String id,
      @JsonPropertyDescription("Full URL to POST to.") String url) {}

  /** Drift found the last time the live project was compared with this resource. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Drift(
      @JsonPropertyDescription("When the drift was first seen (RFC 3339).") String detectedAt,
      @JsonPropertyDescription("Who or what changed the live project, e.g. api:provision.") String source,
      @JsonPropertyDescription("Whether the operator reverted it (selfHeal).") Boolean healed,
      @JsonPropertyDescription("Each object and field that differs.") List<DriftChange> changes) {}

  /** One object (and its fields) that differs between the resource and the live project. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DriftChange(
      @JsonPropertyDescription("Path of the object, e.g. workflows.OpenHIE-Workflow.jobs.Transform.") String path,
      @JsonPropertyDescription("created (live only), updated or deleted (missing live).") String change,
      @JsonPropertyDescription("Fields that differ, for updated objects.") List<String> fields) {}
}
