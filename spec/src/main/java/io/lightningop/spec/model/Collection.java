package io.lightningop.spec.model;

/** A project collection (key/value store). */
public record Collection(String key, String name) {}
