package io.lightningop.operator.git;

/** A source could not be fetched or read: unreachable remote, unknown ref, refused credentials. */
public final class GitSourceException extends RuntimeException {
  public GitSourceException(String message) {
    super(message);
  }

  public GitSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
