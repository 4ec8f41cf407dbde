package io.lightningop.operator.k8s.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How the operator reacts to differences between this resource and the live project. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncPolicy(
    @JsonPropertyDescription("Revert changes made to the live project by other paths (API, UI). When false they are only reported (Drifted=True). Defaults to true.")
    Boolean selfHeal,

    @JsonPropertyDescription("Delete workflows, jobs, triggers and edges that are live but not in this resource. When false they are kept. Defaults to true.")
    Boolean prune,

    @JsonPropertyDescription("Stop applying and healing this project; drift is still reported. Defaults to false.")
    Boolean suspend) {

  public static final SyncPolicy DEFAULT = new SyncPolicy(true, true, false);

  public boolean selfHealOrDefault() {
    return selfHeal == null || selfHeal;
  }

  public boolean pruneOrDefault() {
    return prune == null || prune;
  }

  public boolean suspendOrDefault() {
    return suspend != null && suspend;
  }
}
