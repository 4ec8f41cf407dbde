package io.lightningop.operator.k8s.project;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A key-value collection of the project. */
public record CollectionSpec(
    @Required @JsonPropertyDescription("Collection name.") String name) {}
