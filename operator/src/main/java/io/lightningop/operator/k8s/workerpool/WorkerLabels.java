package io.lightningop.operator.k8s.workerpool;

import java.util.Map;

/** Labels on everything the operator creates for a worker pool; the informers select on them. */
final class WorkerLabels {
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String OPERATOR = "lightning-operator";
  static final String SELECTOR = MANAGED_BY + "=" + OPERATOR;

  private WorkerLabels() {}

  static Map<String, String> selector(WorkerPool pool) {
    return Map.of("app.kubernetes.io/name", "lightning-worker", "app.kubernetes.io/instance", pool.getMetadata().getName());
  }

  static Map<String, String> all(WorkerPool pool) {
    var labels = new java.util.HashMap<>(selector(pool));
    labels.put(MANAGED_BY, OPERATOR);
    labels.put("app.kubernetes.io/component", "worker");
    return Map.copyOf(labels);
  }

  static String secretName(WorkerPool pool) {
    return pool.getMetadata().getName() + "-worker-keys";
  }

  static String deploymentName(WorkerPool pool) {
    return pool.getMetadata().getName() + "-workers";
  }
}
