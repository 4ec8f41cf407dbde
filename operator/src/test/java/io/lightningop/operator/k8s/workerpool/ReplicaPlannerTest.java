package io.lightningop.operator.k8s.workerpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaPlannerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final WorkerPoolSpec spec = new WorkerPoolSpec("img", null, 4, 1, 6, List.of(), "60s", null, null, null, null, null);

  @Test
  void desiredIsCeilOfWorkOverCapacityClampedToMinMax() {
    assertEquals(1, ReplicaPlanner.desired(new QueueDepth(0, 0), 4, 1, 6));
    assertEquals(0, ReplicaPlanner.desired(new QueueDepth(0, 0), 4, 0, 6));
    assertEquals(1, ReplicaPlanner.desired(new QueueDepth(3, 1), 4, 0, 6));
    assertEquals(2, ReplicaPlanner.desired(new QueueDepth(3, 2), 4, 0, 6));
    assertEquals(6, ReplicaPlanner.desired(new QueueDepth(1000, 0), 4, 0, 6));
    assertEquals(6, ReplicaPlanner.desired(new QueueDepth(Integer.MAX_VALUE, Integer.MAX_VALUE), 1, 0, 6));
  }

  @Test
  void scalesUpAtOnce() {
    var d = ReplicaPlanner.plan(spec, new QueueDepth(17, 0), 1, null, T0);
    assertEquals(5, d.replicas());
    assertNull(d.scaleDownPendingSince());
  }

  @Test
  void scalesDownOnlyAfterTheDelayAndAGrowingQueueCancelsIt() {
    var first = ReplicaPlanner.plan(spec, new QueueDepth(0, 2), 5, null, T0);
    assertEquals(5, first.replicas());
    assertEquals(1, first.desired());
    assertEquals(T0, first.scaleDownPendingSince());
    assertEquals(Duration.ofSeconds(60), first.recheckIn());

    var during = ReplicaPlanner.plan(spec, new QueueDepth(0, 2), 5, T0, T0.plusSeconds(59));
    assertEquals(5, during.replicas());
    assertEquals(Duration.ofSeconds(1), during.recheckIn());

    var after = ReplicaPlanner.plan(spec, new QueueDepth(0, 2), 5, T0, T0.plusSeconds(60));
    assertEquals(1, after.replicas());
    assertNull(after.scaleDownPendingSince());

    var busyAgain = ReplicaPlanner.plan(spec, new QueueDepth(20, 0), 5, T0, T0.plusSeconds(30));
    assertEquals(5, busyAgain.replicas());
    assertNull(busyAgain.scaleDownPendingSince());
  }

  @Test
  void createsTheDeploymentWithTheDesiredCountStraightAway() {
    var d = ReplicaPlanner.plan(spec, new QueueDepth(0, 0), null, null, T0);
    assertEquals(1, d.replicas());
  }
}
