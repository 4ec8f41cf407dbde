package io.lightningop.operator.k8s.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A step from a trigger or a job to the next job, with the condition under which it is taken. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.sourceTrigger) != has(self.sourceJob)",
    message = "an edge has exactly one of sourceTrigger and sourceJob")
@ValidationRule(value = "!has(self.conditionType) || self.conditionType != 'js_expression' || (has(self.conditionExpression) && has(self.conditionLabel))",
    message = "a js_expression edge needs conditionExpression and conditionLabel")
public record EdgeSpec(
    @JsonPropertyDescription("Trigger key (webhook, cron or kafka) this edge starts from.")
    String sourceTrigger,

    @JsonPropertyDescription("Job key this edge starts from.")
    String sourceJob,

    @Required
    @JsonPropertyDescription("Job key this edge leads to.")
    String targetJob,

    @JsonPropertyDescription("When the edge is taken: always, on_job_success, on_job_failure or js_expression. Defaults to always from a trigger and on_job_success from a job.")
    ConditionType conditionType,

    @Size(max = 255)
    @JsonPropertyDescription("JavaScript expression over `state`, for js_expression edges.")
    String conditionExpression,

    @JsonPropertyDescription("Label shown for a js_expression condition.")
    String conditionLabel,

    @JsonPropertyDescription("Whether the edge is followed. Defaults to true.")
    Boolean enabled) {

  /** Edge conditions, as Lightning spells them. */
  public enum ConditionType {
    @JsonProperty("always") ALWAYS,
    @JsonProperty("on_job_success") ON_JOB_SUCCESS,
    @JsonProperty("on_job_failure") ON_JOB_FAILURE,
    @JsonProperty("js_expression") JS_EXPRESSION;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
