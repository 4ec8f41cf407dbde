package io.lightningop.operator.k8s.workerpool;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.lightningop.operator.k8s.Conditions;
import io.lightningop.operator.k8s.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observe (queue depth, current Deployment) → decide ({@link ReplicaPlanner}) → reconcile the
 * keys Secret and the worker Deployment → record status. Re-runs when runs are enqueued and
 * every poll interval (runs finishing send no notice).
 */
@ControllerConfiguration(name = "workerpool")
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = "worker-keys", type = WorkerKeysSecretDependent.class),
    @Dependent(name = "worker-deployment", type = WorkerDeploymentDependent.class, dependsOn = "worker-keys")})
public class WorkerPoolReconciler implements Reconciler<WorkerPool> {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPoolReconciler.class);

  private final QueueDepthSource queue;
  private final WorkerKeys keys;
  private final String lightningUrl;
  private final Duration pollInterval;
  private final Clock clock;

  public WorkerPoolReconciler(QueueDepthSource queue, WorkerKeys keys, String lightningUrl, Duration pollInterval,
      Clock clock) {
    this.queue = Objects.requireNonNull(queue);
    this.keys = Objects.requireNonNull(keys);
    this.lightningUrl = Objects.requireNonNull(lightningUrl);
    this.pollInterval = Objects.requireNonNull(pollInterval);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public List<EventSource<?, WorkerPool>> prepareEventSources(EventSourceContext<WorkerPool> context) {
    SimpleInboundEventSource<WorkerPool> workAvailable = new SimpleInboundEventSource<>("work-available");
    // New runs re-plan every pool at once: scaling up must not wait for the next poll.
    queue.onWorkAvailable(() -> context.getPrimaryCache().keys().forEach(workAvailable::propagateEvent));
    return List.of(workAvailable);
  }

  @Override
  public UpdateControl<WorkerPool> reconcile(WorkerPool pool, Context<WorkerPool> context) {
    Instant now = clock.instant();
    WorkerPoolStatus old = pool.getStatus();
    QueueDepth depth = queue.depth(pool.getSpec().queuesOrDefault());
    Integer current = context.getSecondaryResource(Deployment.class).map(d -> d.getSpec().getReplicas()).orElse(null);
    Instant pendingSince = old == null ? null : Timestamps.parse(old.scaleDownPendingSince());
    ReplicaPlanner.Decision decision = ReplicaPlanner.plan(pool.getSpec(), depth, current, pendingSince, now);
    if (current != null && decision.replicas() != current) {
      LOG.info("worker pool {}/{}: {} -> {} replicas (available {}, running {})", pool.getMetadata().getNamespace(),
          pool.getMetadata().getName(), current, decision.replicas(), depth.available(), depth.running());
    }

    var workflow = context.managedWorkflowAndDependentResourceContext();
    workflow.put(WorkerPoolContext.KEY, new WorkerPoolContext(decision, lightningUrl, keys));
    workflow.reconcileManagedWorkflow();

    Long generation = pool.getMetadata().getGeneration();
    List<Condition> conditions = old == null ? null : old.conditions();
    conditions = Conditions.set(conditions, "Ready", true, "DeploymentReconciled",
        "Deployment " + WorkerLabels.deploymentName(pool) + " has " + decision.replicas() + " replicas", generation, now);
    conditions = decision.scaleDownPendingSince() == null
        ? Conditions.set(conditions, "Scaling", false, "Stable", "replicas follow the queue", generation, now)
        : Conditions.set(conditions, "Scaling", true, "ScaleDownDelayed",
            "queue asks for " + decision.desired() + " replicas; removing pods after the scale-down delay", generation, now);
    WorkerPoolStatus status = new WorkerPoolStatus(generation, decision.replicas(), decision.desired(),
        depth.available(), depth.running(),
        decision.scaleDownPendingSince() == null ? null : Timestamps.formatMillis(decision.scaleDownPendingSince()),
        conditions);

    Duration next = decision.recheckIn() == null || decision.recheckIn().compareTo(pollInterval) > 0
        ? pollInterval : decision.recheckIn();
    if (status.equals(old)) {
      return UpdateControl.<WorkerPool>noUpdate().rescheduleAfter(next);
    }
    WorkerPool patch = new WorkerPool();
    patch.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
        .withName(pool.getMetadata().getName()).withNamespace(pool.getMetadata().getNamespace()).build());
    patch.setStatus(status);
    return UpdateControl.patchStatus(patch).rescheduleAfter(next);
  }
}
