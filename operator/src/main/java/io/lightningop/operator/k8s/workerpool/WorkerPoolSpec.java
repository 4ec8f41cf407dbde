package io.lightningop.operator.k8s.workerpool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** Desired shape of a pool of {@code lightning worker} pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.minReplicas) || !has(self.maxReplicas) || self.minReplicas <= self.maxReplicas",
    message = "minReplicas must not be greater than maxReplicas")
@ValidationRule(value = "!has(self.queues) || self.queues.all(q, q.matches('^([a-zA-Z0-9_]+|[*])$'))",
    message = "a queue name has only letters, digits and _, or is *")
public record WorkerPoolSpec(
    @Required
    @JsonPropertyDescription("Container image of the worker; it must run `lightning worker`.")
    String image,

    @Pattern("^(Always|IfNotPresent|Never)$")
    @JsonPropertyDescription("Image pull policy of the worker container (Always, IfNotPresent or Never).")
    String imagePullPolicy,

    @Min(1) @Max(1000) @Default("5")
    @JsonPropertyDescription("Runs one worker pod executes at the same time (WORKER_CAPACITY).")
    Integer capacity,

    @Min(0) @Default("1")
    @JsonPropertyDescription("Fewest worker pods, also when the queue is empty; 0 allows scale to zero.")
    Integer minReplicas,

    @Min(1) @Default("10")
    @JsonPropertyDescription("Most worker pods, however long the queue grows.")
    Integer maxReplicas,

    @JsonPropertyDescription("Queues the workers claim from, in order of preference; `*` (any queue) may only come last. Empty means every queue.")
    List<String> queues,

    @Pattern(DURATION) @Default("5m")
    @JsonPropertyDescription("How long the queue must stay short before pods are removed, e.g. 90s or 5m. Scaling up is immediate.")
    String scaleDownDelay,

    @Pattern(DURATION) @Default("300s")
    @JsonPropertyDescription("Longest run a worker executes (WORKER_MAX_RUN_DURATION_SECONDS); a pod being removed is given this long plus a margin to finish its runs.")
    String runTimeout,

    @JsonPropertyDescription("URL of the control plane's worker channel, e.g. ws://lightning:4000/worker. Defaults to the operator's own service.")
    String lightningUrl,

    @JsonPropertyDescription("CPU and memory requests and limits of each worker container.")
    ResourceRequirements resources,

    @JsonPropertyDescription("Node labels the worker pods must be scheduled on.")
    Map<String, String> nodeSelector,

    @JsonPropertyDescription("Tolerations of the worker pods.")
    List<Toleration> tolerations) {

  /** Go-style durations as Kubernetes users write them: 30s, 5m, 1h30m, 500ms. */
  public static final String DURATION = "^([0-9]+(ms|s|m|h))+$";

  public int capacityOrDefault() {
    return capacity == null ? 5 : capacity;
  }

  public int minReplicasOrDefault() {
    return minReplicas == null ? 1 : minReplicas;
  }

  public int maxReplicasOrDefault() {
    return maxReplicas == null ? 10 : maxReplicas;
  }

  public List<String> queuesOrDefault() {
    return queues == null ? List.of() : queues;
  }

  public java.time.Duration scaleDownDelayOrDefault() {
    return io.lightningop.operator.k8s.Durations.parse(scaleDownDelay == null ? "5m" : scaleDownDelay);
  }

  public java.time.Duration runTimeoutOrDefault() {
    return io.lightningop.operator.k8s.Durations.parse(runTimeout == null ? "300s" : runTimeout);
  }
}
