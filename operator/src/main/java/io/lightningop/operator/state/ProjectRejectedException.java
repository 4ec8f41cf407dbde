package io.lightningop.operator.state;

/** A project failed validation; nothing was changed. Carries Lightning's error map. */
public final class ProjectRejectedException extends RuntimeException {
  private final transient ValidationErrors errors;

  public ProjectRejectedException(ValidationErrors errors) {
    super("project rejected: " + errors);
    this.errors = errors;
  }

  public ValidationErrors errors() {
    return errors;
  }
}
