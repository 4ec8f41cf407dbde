package io.lightningop.operator.k8s;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the reconcilers run.
 *
 * @param serverSideApply patch the primaries' status and create/update/match dependents with
 *     server-side apply (JOSDK's default, and what a real API server wants). Off only against
 *     API servers without SSA, such as fabric8's CRUD mock server.
 * @param leaderElectionLease name of the Lease used for leader election, empty to run without
 *     (a single replica, or tests)
 * @param leaseNamespace namespace of that Lease
 * @param lightningWorkerUrl worker-channel URL worker pods connect to, unless a WorkerPool names one
 * @param publicBaseUrl base URL webhooks are reached at, e.g. https://lightning.example.org
 * @param queuePollInterval how often a WorkerPool re-reads the run queue
 * @param driftResyncInterval how often a Project is compared with the live state without a
 *     notification, unless the Project sets {@code spec.interval}
 */
public record OperatorSettings(
    boolean serverSideApply,
    Optional<String> leaderElectionLease,
    String leaseNamespace,
    String lightningWorkerUrl,
    String publicBaseUrl,
    Duration queuePollInterval,
    Duration driftResyncInterval) {

  public OperatorSettings {
    Objects.requireNonNull(leaderElectionLease);
    Objects.requireNonNull(lightningWorkerUrl);
    Objects.requireNonNull(publicBaseUrl);
    Objects.requireNonNull(queuePollInterval);
    Objects.requireNonNull(driftResyncInterval);
  }

  /** Production defaults: SSA on, leader election on the {@code lightning-operator} Lease. */
  public static OperatorSettings defaults(String namespace, String lightningWorkerUrl, String publicBaseUrl) {
    return new OperatorSettings(true, Optional.of("lightning-operator"), namespace, lightningWorkerUrl, publicBaseUrl,
        Duration.ofSeconds(5), Duration.ofMinutes(5));
  }

  public OperatorSettings withServerSideApply(boolean on) {
    return new OperatorSettings(on, leaderElectionLease, leaseNamespace, lightningWorkerUrl, publicBaseUrl,
        queuePollInterval, driftResyncInterval);
  }

  public OperatorSettings withoutLeaderElection() {
    return new OperatorSettings(serverSideApply, Optional.empty(), leaseNamespace, lightningWorkerUrl, publicBaseUrl,
        queuePollInterval, driftResyncInterval);
  }

  public OperatorSettings withIntervals(Duration queuePoll, Duration driftResync) {
    return new OperatorSettings(serverSideApply, leaderElectionLease, leaseNamespace, lightningWorkerUrl, publicBaseUrl,
        queuePoll, driftResync);
  }
}
