package io.lightningop.operator.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The java-operator-sdk operator with Lightning's reconcilers registered under {@link OperatorSettings}. */
public final class LightningOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LightningOperator.class);
  private final Operator operator;

  public LightningOperator(KubernetesClient client, OperatorSettings settings, List<Reconciler<?>> reconcilers) {
    this(client, settings, reconcilers, null);
  }

  /** With {@code registry}, reconciliation counts and timings are recorded there (per controller, not per resource). */
  public LightningOperator(KubernetesClient client, OperatorSettings settings, List<Reconciler<?>> reconcilers,
      MeterRegistry registry) {
    this.operator = new Operator(o -> {
      if (registry != null) {
        o.withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
      }
      o.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          // The CRDs are installed by the Helm chart (or a test); do not fail start-up on their absence.
          .checkingCRDAndValidateLocalModel(false)
          .withUseSSAToPatchPrimaryResource(settings.serverSideApply())
          .withSSABasedCreateUpdateMatchForDependentResources(settings.serverSideApply());
      settings.leaderElectionLease().ifPresent(lease ->
          o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(lease, settings.leaseNamespace())));
    });
    reconcilers.forEach(operator::register);
  }

  public void start() {
    operator.start();
    LOG.info("operator started with {} controllers", operator.getRegisteredControllersNumber());
  }

  @Override
  public void close() {
    operator.stop();
  }
}
