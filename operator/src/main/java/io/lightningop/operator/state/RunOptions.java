package io.lightningop.operator.state;

/** Options persisted with a run when it is created (Lightning's RunOptions). */
public record RunOptions(long runTimeoutMs, boolean saveDataclips, boolean enableJobLogs) {
  public static final long DEFAULT_TIMEOUT_MS = 300_000;

  public static RunOptions defaults() {
    return new RunOptions(DEFAULT_TIMEOUT_MS, true, true);
  }
}
