package io.lightningop.operator.k8s.project;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.lightningop.operator.k8s.KubernetesMock;
import io.lightningop.operator.k8s.OperatorSettings;

/** Project scenarios on fabric8's CRUD mock server (server-side apply off). */
@EnableKubernetesMockClient(crud = true)
class ProjectReconcilerIT extends ProjectScenarios {
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
