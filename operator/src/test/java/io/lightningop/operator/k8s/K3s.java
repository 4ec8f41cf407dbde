package io.lightningop.operator.k8s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.Optional;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One k3s cluster (Testcontainers) shared by every k3s suite in the test JVM. Used only by
 * classes annotated {@code @Testcontainers(disabledWithoutDocker = true)}, so it never starts
 * where Docker is absent.
 */
public final class K3s {
  private static K3sContainer container;

  private K3s() {}

  public static synchronized KubernetesClient client() {
    if (container == null) {
      container = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
    }
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(container.getKubeConfigYaml())).build();
  }

  /** A real API server: server-side apply on, as in production. */
  public static OperatorSettings settings() {
    return new OperatorSettings(true, Optional.empty(), "default", "ws://lightning.test:4000/worker",
        "http://lightning.test:4000", Duration.ofMillis(200), Duration.ofSeconds(2));
  }
}
