package io.lightningop.spec.model;

/** A channel (deploy 0.13.0+); {@code destinationCredential} is a credential key or null. */
public record Channel(
    String key, String name, String destinationUrl, Boolean enabled, String destinationCredential) {}
