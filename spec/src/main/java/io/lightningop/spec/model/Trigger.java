package io.lightningop.spec.model;

/**
 * A trigger. Fields that do not apply to the trigger's type are null; {@code enabled} null means
 * "not given" (deploy then keeps the server's value, or true).
 */
public record Trigger(
    String key,
    String type,
    Boolean enabled,
    String cronExpression,
    String cronCursorJob,
    String webhookReply,
    WebhookResponseConfig webhookResponseConfig,
    KafkaConfiguration kafkaConfiguration) {

  public static final String WEBHOOK = "webhook";
  public static final String CRON = "cron";
  public static final String KAFKA = "kafka";

  public static Trigger webhook(boolean enabled) {
    return new Trigger(WEBHOOK, WEBHOOK, enabled, null, null, null, null, null);
  }

  public static Trigger cron(String expression, boolean enabled) {
    return new Trigger(CRON, CRON, enabled, expression, null, null, null, null);
  }
}
