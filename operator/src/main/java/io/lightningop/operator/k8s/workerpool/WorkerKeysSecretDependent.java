package io.lightningop.operator.k8s.workerpool;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Secret with the worker token secret and the run-token public key the worker pods mount. */
@KubernetesDependent(informer = @Informer(labelSelector = WorkerLabels.SELECTOR))
public class WorkerKeysSecretDependent extends CRUDKubernetesDependentResource<Secret, WorkerPool> {
  static final String WORKER_SECRET = "WORKER_SECRET";
  static final String PUBLIC_KEY = "WORKER_LIGHTNING_PUBLIC_KEY";

  public WorkerKeysSecretDependent() {
    super(Secret.class);
  }

  @Override
  protected Secret desired(WorkerPool pool, Context<WorkerPool> context) {
    WorkerKeys keys = context.managedWorkflowAndDependentResourceContext()
        .getMandatory(WorkerPoolContext.KEY, WorkerPoolContext.class).keys();
    Map<String, String> data = new LinkedHashMap<>();
    data.put(WORKER_SECRET, base64(keys.workerSecret()));
    if (keys.lightningPublicKey() != null) {
      data.put(PUBLIC_KEY, base64(keys.lightningPublicKey()));
    }
    return new SecretBuilder()
        .withNewMetadata()
          .withName(WorkerLabels.secretName(pool))
          .withNamespace(pool.getMetadata().getNamespace())
          .withLabels(WorkerLabels.all(pool))
        .endMetadata()
        .withType("Opaque")
        .withData(data)
        .build();
  }

  // `data`, not `stringData`: the API server turns stringData into data, so only data compares equal.
  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
