package io.lightningop.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightningop.spec.diff.Change;
import io.lightningop.spec.state.ProjectState;

/** The server id of a changed entity: the new UUID deploy would send, or the deployed one. */
final class PlanIds {
  private PlanIds() {}

  static String of(PlanCommand.Plan plan, Change c) {
    ProjectState s = c.type() == Change.Type.CREATE ? plan.after() : plan.before();
    JsonNode root = s.json();
    JsonNode node = switch (c.kind()) {
      case PROJECT -> root;
      case CREDENTIAL -> root.path("project_credentials").path(c.key());
      case COLLECTION -> root.path("collections").path(c.key());
      case CHANNEL -> root.path("channels").path(c.key());
      case WORKFLOW -> root.path("workflows").path(c.key());
      case JOB -> root.path("workflows").path(c.workflow()).path("jobs").path(c.key());
      case TRIGGER -> root.path("workflows").path(c.workflow()).path("triggers").path(c.key());
      case EDGE -> root.path("workflows").path(c.workflow()).path("edges").path(c.key());
    };
    JsonNode id = node.get("id");
    return id == null || !id.isTextual() ? null : id.textValue();
  }
}
