package io.lightningop.spec.state;

/**
 * An error OpenFn's deploy raises, with its name ({@code VALIDATION_ERROR}, {@code STATE_ERROR},
 * ...) and message, so users see the words they know.
 */
public final class DeployError extends RuntimeException {
  public static final String VALIDATION_ERROR = "VALIDATION_ERROR";
  public static final String STATE_ERROR = "STATE_ERROR";

  private final String code;

  public DeployError(String message, String code) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return code + ": " + getMessage();
  }
}
