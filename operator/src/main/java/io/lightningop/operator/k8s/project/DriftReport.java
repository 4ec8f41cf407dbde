package io.lightningop.operator.k8s.project;

import io.lightningop.spec.diff.Change;
import io.lightningop.spec.diff.FieldChange;
import io.lightningop.spec.diff.ProjectDiff;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.validate.FieldPath;
import java.util.List;

/** What differs between a Project resource (desired) and the live project, per object and field. */
final class DriftReport {
  private DriftReport() {}

  /**
   * Compares from live to desired, so a field the resource leaves unset (Lightning keeps the live
   * value) is not drift; then words each change from the live side: {@code created} exists only
   * live, {@code deleted} is missing live, {@code updated} differs in the listed fields.
   */
  static List<ProjectStatus.DriftChange> between(Project desired, Project live) {
    return ProjectDiff.between(live, desired).changes().stream().map(DriftReport::change).toList();
  }

  private static ProjectStatus.DriftChange change(Change c) {
    String change = switch (c.type()) {
      case CREATE -> "deleted";
      case DELETE -> "created";
      case UPDATE -> "updated";
    };
    List<String> fields = c.type() == Change.Type.UPDATE ? c.fields().stream().map(FieldChange::field).toList() : null;
    return new ProjectStatus.DriftChange(path(c), change, fields);
  }

  private static String path(Change c) {
    return switch (c.kind()) {
      case PROJECT -> "project";
      case WORKFLOW -> FieldPath.of("workflows", c.key());
      case JOB, TRIGGER, EDGE -> FieldPath.of("workflows", c.workflow(), c.kind().word() + "s", c.key());
      case CREDENTIAL -> FieldPath.of("credentials", c.key());
      case COLLECTION -> FieldPath.of("collections", c.key());
      case CHANNEL -> FieldPath.of("channels", c.key());
    };
  }
}
