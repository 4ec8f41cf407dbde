package io.lightningop.operator.k8s.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** One workflow: its jobs, the triggers that start it and the edges between them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowSpec(
    @Required @Size(min = 1, max = 255)
    @JsonPropertyDescription("Workflow name as Lightning shows it.")
    String name,

    @JsonPropertyDescription("Jobs by key (the job name with spaces replaced by `-`).")
    Map<String, JobSpec> jobs,

    @JsonPropertyDescription("Triggers by key; the key is the trigger type (webhook, cron or kafka), so one trigger per type.")
    Map<String, TriggerSpec> triggers,

    @JsonPropertyDescription("Edges by key, `<source>-><target job key>` where the source is a trigger type or a job key.")
    Map<String, EdgeSpec> edges) {}
