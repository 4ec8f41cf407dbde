package io.lightningop.operator.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Shared set-up for reconciler tests on fabric8's CRUD mock server. */
public final class KubernetesMock {
  // Strong references: JUL keeps loggers weakly, a collected logger would forget its level.
  private static final Logger[] QUIET = {
      Logger.getLogger("io.fabric8.mockwebserver"), Logger.getLogger("io.fabric8.kubernetes.client.server.mock"),
      Logger.getLogger("okhttp3.mockwebserver")};

  static {
    // The mock logs every request at INFO through java.util.logging.
    for (Logger l : QUIET) {
      l.setLevel(Level.WARNING);
    }
  }

  private KubernetesMock() {}

  /** Creates the generated CRDs in the mock, as the Helm chart does in a cluster. */
  public static void createCrds(KubernetesClient client) {
    for (String crd : new String[] {"projects.lightningop.io-v1.yml", "workerpools.lightningop.io-v1.yml"}) {
      try (InputStream in = KubernetesMock.class.getResourceAsStream("/META-INF/fabric8/" + crd)) {
        client.apiextensions().v1().customResourceDefinitions().resource(
            client.apiextensions().v1().customResourceDefinitions().load(in).item()).createOr(c -> c.update());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** The CRDs and a namespace, what every scenario class needs before its operator starts. */
  public static void prepare(KubernetesClient client, String namespace) {
    createCrds(client);
    client.resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(namespace)
        .endMetadata().build()).createOr(n -> n.update());
  }

  /** Settings for the mock: no server-side apply (it answers 415/404), no leader election, fast polls. */
  public static OperatorSettings settings() {
    return new OperatorSettings(false, Optional.empty(), "default", "ws://lightning.test:4000/worker",
        "http://lightning.test:4000", Duration.ofMillis(200), Duration.ofSeconds(2));
  }
}
