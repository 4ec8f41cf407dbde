package io.lightningop.operator.k8s.workerpool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** What the operator last observed and decided for a worker pool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerPoolStatus(
    @JsonPropertyDescription("metadata.generation of the spec this status was computed from.")
    Long observedGeneration,

    @JsonPropertyDescription("Replicas the worker Deployment currently has.")
    Integer replicas,

    @JsonPropertyDescription("Replicas the queue asks for, clamp(ceil((available + running) / capacity), min, max).")
    Integer desiredReplicas,

    @JsonPropertyDescription("Runs waiting to be claimed, last time the queue was read.")
    Integer queueDepth,

    @JsonPropertyDescription("Runs claimed or started, last time the queue was read.")
    Integer runningRuns,

    @JsonPropertyDescription("Since when (RFC 3339) the queue has asked for fewer pods than run; pods are removed once scaleDownDelay has passed.")
    String scaleDownPendingSince,

    @JsonPropertyDescription("Conditions: Ready (the Deployment exists with the decided replicas), Scaling (a scale-down is waiting for its delay).")
    List<Condition> conditions) {}
