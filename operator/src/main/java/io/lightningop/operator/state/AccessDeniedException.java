package io.lightningop.operator.state;

/** The actor may not do this to this project (HTTP 403). */
public final class AccessDeniedException extends RuntimeException {
  public AccessDeniedException(String message) {
    super(message);
  }
}
