package io.lightningop.spec.validate;

/**
 * One thing wrong with a project, printed as {@code file:line:col field.path: message}. The
 * path uses dots for plain keys and {@code ["..."]} for keys with other characters, e.g.
 * {@code workflows.OpenHIE-Workflow.edges["webhook->Transform"]}.
 */
public record Problem(String file, Location location, String path, String message) {

  @Override
  public String toString() {
    String where = file + ":" + location;
    return path == null || path.isEmpty()
        ? where + " " + message
        : where + " " + path + ": " + message;
  }
}
