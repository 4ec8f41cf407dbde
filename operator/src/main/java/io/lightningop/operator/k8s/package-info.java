/**
 * Kubernetes side of the control plane: the {@code Project} and {@code WorkerPool} custom
 * resources (their CRDs are generated from these types at build time into {@code crds/}) and
 * the java-operator-sdk reconcilers that drive Lightning state and worker Deployments from them.
 */
package io.lightningop.operator.k8s;
