package io.lightningop.spec.model;

import java.util.Map;

/** A workflow: jobs, triggers (keyed by type) and edges (keyed {@code source->target}). */
public record Workflow(
    String key,
    String name,
    Map<String, Job> jobs,
    Map<String, Trigger> triggers,
    Map<String, Edge> edges) {

  public Workflow {
    jobs = Maps.copy(jobs);
    triggers = Maps.copy(triggers);
    edges = Maps.copy(edges);
  }
}
