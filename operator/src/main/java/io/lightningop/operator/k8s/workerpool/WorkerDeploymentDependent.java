package io.lightningop.operator.k8s.workerpool;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.ArrayList;
import java.util.List;

/**
 * The Deployment of {@code lightning worker} pods. Replicas come from the reconciler's decision;
 * the grace period covers the longest run so a pod removed on scale-down finishes its runs
 * (the worker stops claiming on SIGTERM and exits when idle).
 */
@KubernetesDependent(informer = @Informer(labelSelector = WorkerLabels.SELECTOR))
public class WorkerDeploymentDependent extends CRUDKubernetesDependentResource<Deployment, WorkerPool> {
  /** Time on top of the run timeout for a draining worker to report its last run and disconnect. */
  static final long DRAIN_MARGIN_SECONDS = 30;
  static final int HEALTH_PORT = 2222;

  public WorkerDeploymentDependent() {
    super(Deployment.class);
  }

  @Override
  protected Deployment desired(WorkerPool pool, Context<WorkerPool> context) {
    WorkerPoolContext in = context.managedWorkflowAndDependentResourceContext()
        .getMandatory(WorkerPoolContext.KEY, WorkerPoolContext.class);
    WorkerPoolSpec spec = pool.getSpec();
    long runTimeout = Math.max(1, spec.runTimeoutOrDefault().toSeconds());
    String url = spec.lightningUrl() != null ? spec.lightningUrl() : in.lightningUrl();
    return new DeploymentBuilder()
        .withNewMetadata()
          .withName(WorkerLabels.deploymentName(pool))
          .withNamespace(pool.getMetadata().getNamespace())
          .withLabels(WorkerLabels.all(pool))
        .endMetadata()
        .withNewSpec()
          .withReplicas(in.decision().replicas())
          .withNewSelector().withMatchLabels(WorkerLabels.selector(pool)).endSelector()
          // Never take a pod away before its replacement is up: a rollout must not shrink capacity.
          .withNewStrategy().withType("RollingUpdate")
            .withNewRollingUpdate().withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString(1)).endRollingUpdate()
          .endStrategy()
          .withNewTemplate()
            .withNewMetadata().withLabels(WorkerLabels.all(pool)).endMetadata()
            .withNewSpec()
              .withTerminationGracePeriodSeconds(runTimeout + DRAIN_MARGIN_SECONDS)
              .withNodeSelector(spec.nodeSelector())
              .withTolerations(spec.tolerations())
              .addNewContainer()
                .withName("worker")
                .withImage(spec.image())
                .withImagePullPolicy(spec.imagePullPolicy())
                .withArgs("worker")
                .withEnv(env(pool, spec, url, runTimeout, in.keys()))
                .withResources(spec.resources())
                .addNewPort().withName("health").withContainerPort(HEALTH_PORT).endPort()
                .withNewLivenessProbe()
                  .withNewHttpGet().withPath("/livez").withPort(new IntOrString("health")).endHttpGet()
                  .withPeriodSeconds(10).withFailureThreshold(3)
                .endLivenessProbe()
              .endContainer()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  private static List<EnvVar> env(WorkerPool pool, WorkerPoolSpec spec, String url, long runTimeout, WorkerKeys keys) {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar("WORKER_LIGHTNING_SERVICE_URL", url, null));
    env.add(new EnvVar("WORKER_MAX_RUN_DURATION_SECONDS", Long.toString(runTimeout), null));
    if (spec.queuesOrDefault().isEmpty()) {
      env.add(new EnvVar("WORKER_CAPACITY", Integer.toString(spec.capacityOrDefault()), null));
    } else {
      // One workloop over the pool's queues in order, e.g. "fast>*:5" (Lightning's workloop syntax).
      env.add(new EnvVar("WORKER_WORKLOOPS", String.join(">", spec.queuesOrDefault()) + ":" + spec.capacityOrDefault(), null));
    }
    env.add(new EnvVarBuilder().withName("WORKER_NAME")
        .withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom().build());
    env.add(secretEnv(pool, WorkerKeysSecretDependent.WORKER_SECRET));
    if (keys.lightningPublicKey() != null) {
      env.add(secretEnv(pool, WorkerKeysSecretDependent.PUBLIC_KEY));
    }
    return env;
  }

  private static EnvVar secretEnv(WorkerPool pool, String key) {
    return new EnvVarBuilder().withName(key).withNewValueFrom()
        .withNewSecretKeyRef().withName(WorkerLabels.secretName(pool)).withKey(key).endSecretKeyRef()
        .endValueFrom().build();
  }
}
