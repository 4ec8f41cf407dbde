package io.lightningop.operator.k8s;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Status conditions as Kubernetes expects them: one per type, transition time kept while unchanged. */
public final class Conditions {
  public static final String TRUE = "True";
  public static final String FALSE = "False";

  private Conditions() {}

  /** {@code existing} with the condition of {@code type} replaced; the list is a new one. */
  public static List<Condition> set(List<Condition> existing, String type, boolean status, String reason,
      String message, Long generation, Instant now) {
    List<Condition> out = new ArrayList<>(existing == null ? List.of() : existing);
    String s = status ? TRUE : FALSE;
    Optional<Condition> old = find(out, type);
    String since = old.filter(c -> s.equals(c.getStatus())).map(Condition::getLastTransitionTime)
        .orElse(Timestamps.format(now));
    Condition c = new ConditionBuilder().withType(type).withStatus(s).withReason(reason).withMessage(message)
        .withObservedGeneration(generation).withLastTransitionTime(since).build();
    old.ifPresentOrElse(o -> out.set(out.indexOf(o), c), () -> out.add(c));
    return out;
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
  }
}
