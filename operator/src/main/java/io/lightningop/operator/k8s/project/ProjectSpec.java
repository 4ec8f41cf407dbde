package io.lightningop.operator.k8s.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/**
 * A project.yaml (v1) in custom-resource form: the same keyed maps of workflows, jobs, triggers,
 * edges and credentials, with camelCase field names, job bodies inline or from a ConfigMap and
 * credential secrets from Kubernetes Secrets. A git-sourced project sets {@code source.git}
 * instead of {@code workflows}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.workflows) || has(self.source)",
    message = "a Project needs workflows, or a source to read them from")
@ValidationRule(value = "!(has(self.workflows) && has(self.source))",
    message = "a Project has either workflows or a source, not both")
public record ProjectSpec(
    @Size(min = 1, max = 255)
    @JsonPropertyDescription("Project name as Lightning shows it. Defaults to metadata.name.")
    String name,

    @JsonPropertyDescription("Free-text description of the project.")
    String description,

    @JsonPropertyDescription("Credentials the jobs use, by key (`<owner>-<name>` in project.yaml). Their values come from Secrets and are read only when a run needs them.")
    Map<String, CredentialSpec> credentials,

    @JsonPropertyDescription("Collections of the project, by key.")
    Map<String, CollectionSpec> collections,

    @JsonPropertyDescription("Workflows by key (the workflow name with spaces replaced by `-`).")
    Map<String, WorkflowSpec> workflows,

    @JsonPropertyDescription("Where to read the project from instead of `workflows` (a git repository).")
    SourceSpec source,

    @JsonPropertyDescription("How the operator keeps the live project equal to this resource.")
    SyncPolicy syncPolicy,

    @Pattern("^([0-9]+(ms|s|m|h))+$")
    @JsonPropertyDescription("How often the live project is compared with this resource even without a change notification, e.g. 1m. Defaults to 5m.")
    String interval) {

  public SyncPolicy syncPolicyOrDefault() {
    return syncPolicy == null ? SyncPolicy.DEFAULT : syncPolicy;
  }
}
