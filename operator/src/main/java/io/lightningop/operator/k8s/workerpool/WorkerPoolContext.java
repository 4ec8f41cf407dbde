package io.lightningop.operator.k8s.workerpool;

import io.lightningop.operator.k8s.workerpool.ReplicaPlanner.Decision;

/**
 * What the reconciler hands to its dependents for one reconciliation: the replica decision, the
 * control plane URL the pods connect to and the keys their Secret holds.
 */
record WorkerPoolContext(Decision decision, String lightningUrl, WorkerKeys keys) {
  static final String KEY = WorkerPoolContext.class.getName();
}
