package io.lightningop.operator.k8s.project;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lightningop.operator.k8s.K3s;
import io.lightningop.operator.k8s.OperatorSettings;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Project scenarios on a real API server (k3s, server-side apply on); skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class ProjectK3sIT extends ProjectScenarios {
  @Override
  KubernetesClient client() {
    return K3s.client();
  }

  @Override
  OperatorSettings settings() {
    return K3s.settings();
  }
}
