package io.lightningop.operator.k8s.project;

import io.lightningop.spec.model.Project;
import io.lightningop.spec.model.Workflow;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code prune: false}: workflows, jobs, triggers and edges that are live but not in the resource
 * are added to what is applied, so nothing is deleted; everything the resource names still wins.
 */
final class KeepLiveObjects {
  private KeepLiveObjects() {}

  static Project addTo(Project desired, Project live) {
    Map<String, Workflow> workflows = new LinkedHashMap<>(desired.workflows());
    live.workflows().forEach((key, lw) -> {
      Workflow dw = workflows.get(key);
      if (dw == null) {
        workflows.put(key, lw);
      } else {
        workflows.put(key, new Workflow(key, dw.name(), union(dw.jobs(), lw.jobs()), union(dw.triggers(), lw.triggers()),
            union(dw.edges(), lw.edges())));
      }
    });
    return new Project(desired.name(), desired.description(), union(desired.credentials(), live.credentials()),
        desired.collections(), desired.channels(), workflows);
  }

  private static <V> Map<String, V> union(Map<String, V> desired, Map<String, V> live) {
    Map<String, V> out = new LinkedHashMap<>(desired);
    live.forEach(out::putIfAbsent);
    return out;
  }
}
