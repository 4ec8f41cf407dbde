package io.lightningop.runtime.compile;

/** Job source the compiler rejects: a syntax error or a misuse of lazy state ({@code $}). */
public final class CompileException extends Exception {
  private final String kind;
  private final int line;
  private final int column;

  public CompileException(String kind, String message, int line, int column) {
    super(message);
    this.kind = kind;
    this.line = line;
    this.column = column;
  }

  /** {@code SyntaxError} or {@code LazyStateError}. */
  public String kind() { return kind; }
  public int line() { return line; }
  public int column() { return column; }
}
