package io.lightningop.spec.model;

/** HTTP status codes a webhook answers with (deploy 0.13.0+); null means Lightning's default. */
public record WebhookResponseConfig(Integer successCode, Integer errorCode) {}
