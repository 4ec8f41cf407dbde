package io.lightningop.operator.k8s.workerpool;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.lightningop.operator.k8s.ApiGroup;

/**
 * A pool of worker pods whose size follows the run queue. The operator owns a Deployment of
 * {@code lightning worker} pods and the Secret with the worker tokens and keys.
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("WorkerPool")
@Plural("workerpools")
@Singular("workerpool")
@ShortNames({"wp", "lwp"})
@AdditionalPrinterColumn(name = "DESIRED", jsonPath = ".status.desiredReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "REPLICAS", jsonPath = ".status.replicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "QUEUE", jsonPath = ".status.queueDepth", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "RUNNING", jsonPath = ".status.runningRuns", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "MIN", jsonPath = ".spec.minReplicas", type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "MAX", jsonPath = ".spec.maxReplicas", type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class WorkerPool extends CustomResource<WorkerPoolSpec, WorkerPoolStatus> implements Namespaced {}
