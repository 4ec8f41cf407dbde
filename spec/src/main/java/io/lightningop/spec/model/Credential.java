package io.lightningop.spec.model;

/** A reference to a credential that already exists in Lightning, owned by {@code owner}. */
public record Credential(String key, String name, String owner) {}
