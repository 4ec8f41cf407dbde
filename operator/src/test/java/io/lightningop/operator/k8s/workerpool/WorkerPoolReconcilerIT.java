package io.lightningop.operator.k8s.workerpool;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.lightningop.operator.k8s.KubernetesMock;
import io.lightningop.operator.k8s.OperatorSettings;

/** WorkerPool scenarios on fabric8's CRUD mock server (server-side apply off). */
@EnableKubernetesMockClient(crud = true)
class WorkerPoolReconcilerIT extends WorkerPoolScenarios {
  static KubernetesClient mockClient;

  @Override
  KubernetesClient client() {
    return mockClient;
  }

  @Override
  OperatorSettings settings() {
    return KubernetesMock.settings();
  }
}
