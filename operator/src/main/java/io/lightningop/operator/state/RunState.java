package io.lightningop.operator.state;

import java.util.Locale;

/** Lightning's run states; the last seven are final. */
public enum RunState {
  AVAILABLE, CLAIMED, STARTED, SUCCESS, FAILED, CRASHED, CANCELLED, KILLED, EXCEPTION, LOST;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isFinal() {
    return ordinal() > STARTED.ordinal();
  }

  public static RunState fromWire(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown run state: " + s);
    }
  }
}
