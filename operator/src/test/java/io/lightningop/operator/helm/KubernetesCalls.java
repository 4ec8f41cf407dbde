package io.lightningop.operator.helm;

import java.util.List;
import java.util.Set;

/**
 * The Kubernetes API calls the operator makes, one row per resource, each with the code that makes
 * it. The chart's RBAC must grant exactly these ({@link ChartRbacTest}); the evidence must still
 * be in the sources, and every client call or dependent found in {@code io.lightningop.operator}
 * must have a row. Change this table with the code in the k8s package.
 */
record KubernetesCalls(String apiGroup, String resource, Set<String> verbs, boolean namespaced, List<Evidence> evidence) {

  /** A file under operator/src/main/java/io/lightningop/operator and a text it must contain. */
  record Evidence(String file, String text) {}

  static final String LIGHTNING = "lightningop.io";

  static final List<KubernetesCalls> ALL = List.of(
      // JOSDK informers on the primaries; the Project finalizer (Cleaner) is added and removed by patch.
      cluster(LIGHTNING, "projects", Set.of("get", "list", "watch", "patch"),
          new Evidence("k8s/project/ProjectReconciler.java", "implements Reconciler<Project>, Cleaner<Project>"),
          new Evidence("k8s/project/GitProjectHooks.java", "client.resources(Project.class)")),
      cluster(LIGHTNING, "projects/status", Set.of("patch"),
          new Evidence("k8s/project/ProjectReconciler.java", "UpdateControl.patchStatus")),
      cluster(LIGHTNING, "workerpools", Set.of("get", "list", "watch", "patch"),
          new Evidence("k8s/workerpool/WorkerPoolReconciler.java", "implements Reconciler<WorkerPool>")),
      cluster(LIGHTNING, "workerpools/status", Set.of("patch"),
          new Evidence("k8s/workerpool/WorkerPoolReconciler.java", "UpdateControl.patchStatus")),
      // Dependents carry an owner reference with blockOwnerDeletion to their WorkerPool.
      cluster(LIGHTNING, "workerpools/finalizers", Set.of("update"),
          new Evidence("k8s/workerpool/WorkerDeploymentDependent.java", "CRUDKubernetesDependentResource<Deployment, WorkerPool>")),
      // Informer + create/update without SSA, server-side apply (patch) with it.
      cluster("apps", "deployments", Set.of("get", "list", "watch", "create", "update", "patch"),
          new Evidence("k8s/workerpool/WorkerDeploymentDependent.java", "CRUDKubernetesDependentResource<Deployment, WorkerPool>")),
      // Informer + create/update (JOSDK never applies Secrets server-side); credential Secrets read by name.
      cluster("", "secrets", Set.of("get", "list", "watch", "create", "update"),
          new Evidence("k8s/workerpool/WorkerKeysSecretDependent.java", "CRUDKubernetesDependentResource<Secret, WorkerPool>"),
          new Evidence("k8s/project/SecretCredentials.java", "client.secrets()"),
          new Evidence("k8s/project/GitProjectHooks.java", "client.secrets()")),
      cluster("", "configmaps", Set.of("get"),
          new Evidence("k8s/project/ProjectReconciler.java", "client.configMaps()")),
      cluster("", "events", Set.of("create"),
          new Evidence("k8s/KubernetesEvents.java", "client.v1().events()")),
      // fabric8's LeaseLock (get, create, update) in the operator's namespace.
      new KubernetesCalls("coordination.k8s.io", "leases", Set.of("get", "create", "update"), true,
          List.of(new Evidence("k8s/LightningOperator.java", "new LeaderElectionConfiguration("))));

  private static KubernetesCalls cluster(String group, String resource, Set<String> verbs, Evidence... evidence) {
    return new KubernetesCalls(group, resource, verbs, false, List.of(evidence));
  }

  /** The kind a source line's client call or dependent type refers to, as a plural resource. */
  static final java.util.Map<String, String> RESOURCE_OF = java.util.Map.of(
      "configMaps", "configmaps", "secrets", "secrets", "events", "events",
      "Deployment", "deployments", "Secret", "secrets", "ConfigMap", "configmaps",
      "Project", "projects", "WorkerPool", "workerpools");
}
