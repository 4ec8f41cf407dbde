package io.lightningop.operator.k8s.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** What starts a workflow: a webhook, a cron schedule or a Kafka topic. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.type != 'cron' || has(self.cronExpression)",
    message = "a cron trigger needs cronExpression")
@ValidationRule(value = "self.type == 'webhook' || !has(self.webhookReply)",
    message = "webhookReply applies to webhook triggers only")
public record TriggerSpec(
    @Required
    @JsonPropertyDescription("Trigger type: webhook, cron or kafka.")
    Type type,

    @JsonPropertyDescription("Whether the trigger starts runs. Defaults to true.")
    Boolean enabled,

    @Pattern("^\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+$")
    @JsonPropertyDescription("Five-field cron schedule (minute hour day-of-month month day-of-week), for cron triggers.")
    String cronExpression,

    @JsonPropertyDescription("Key of the job whose last successful final state is the input of the next cron run.")
    String cronCursorJob,

    @JsonPropertyDescription("When a webhook call is answered: before_start (default) or after_completion.")
    WebhookReply webhookReply) {

  /** Trigger types, as Lightning spells them. */
  public enum Type {
    @JsonProperty("webhook") WEBHOOK,
    @JsonProperty("cron") CRON,
    @JsonProperty("kafka") KAFKA;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** When Lightning answers a webhook call. */
  public enum WebhookReply {
    @JsonProperty("before_start") BEFORE_START,
    @JsonProperty("after_completion") AFTER_COMPLETION;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
