package io.lightningop.operator.state;

import java.util.UUID;

/** What a webhook request needs to know about its trigger. */
public record WebhookTrigger(
    UUID id, UUID workflowId, UUID projectId, boolean enabled, boolean workflowLive, String webhookReply, boolean hasAuth) {}
