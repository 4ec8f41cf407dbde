package io.lightningop.spec.model;

import java.util.Map;

/**
 * A v1 {@code project.yaml} project. Every collection is a map keyed by its local key, in file
 * order; keys are only join keys between spec and state (see {@link Keys}).
 */
public record Project(
    String name,
    String description,
    Map<String, Credential> credentials,
    Map<String, Collection> collections,
    Map<String, Channel> channels,
    Map<String, Workflow> workflows) {

  public Project {
    credentials = Maps.copy(credentials);
    collections = Maps.copy(collections);
    channels = Maps.copy(channels);
    workflows = Maps.copy(workflows);
  }
}
