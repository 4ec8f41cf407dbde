package io.lightningop.operator.k8s.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A Secret (and optionally one key in it) in the resource's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretRef(
    @Required @JsonPropertyDescription("Name of the Secret.") String name,
    @JsonPropertyDescription("Key inside the Secret.") String key) {}
