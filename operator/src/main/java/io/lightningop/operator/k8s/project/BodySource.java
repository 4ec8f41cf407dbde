package io.lightningop.operator.k8s.project;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A job body kept outside the Project resource. */
public record BodySource(
    @Required
    @JsonPropertyDescription("A key of a ConfigMap in the Project's namespace that holds the job's code.")
    ConfigMapKeyRef configMapKeyRef) {

  /** Selects one key of a ConfigMap. */
  public record ConfigMapKeyRef(
      @Required @JsonPropertyDescription("Name of the ConfigMap.") String name,
      @Required @JsonPropertyDescription("Key inside the ConfigMap.") String key) {}
}
