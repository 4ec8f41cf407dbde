package io.lightningop.spec.validate;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.Map;
import java.util.Optional;

/**
 * Checks cron expressions the way Lightning accepts them: five-field UNIX cron, plus the
 * {@code @daily}-style shortcuts of Elixir's Crontab.
 */
public final class CronExpressions {
  private static final CronParser UNIX =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final Map<String, String> SHORTCUTS = Map.of(
      "@yearly", "0 0 1 1 *",
      "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *",
      "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *",
      "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");

  private CronExpressions() {}

  /** The five-field form of {@code expression} (shortcuts expanded). */
  public static String normalise(String expression) {
    String trimmed = expression.trim();
    return SHORTCUTS.getOrDefault(trimmed, trimmed);
  }

  /** Why {@code expression} is not valid, or empty when it is. */
  public static Optional<String> problem(String expression) {
    String e = normalise(expression);
    if (e.isEmpty()) return Optional.of("cron expression is empty");
    int fields = e.split("\\s+").length;
    if (fields != 5) {
      return Optional.of("invalid cron expression \"" + expression
          + "\": expected 5 fields (minute hour day-of-month month day-of-week), found " + fields);
    }
    try {
      UNIX.parse(e).validate();
      return Optional.empty();
    } catch (RuntimeException ex) {
      return Optional.of("invalid cron expression \"" + expression + "\": " + ex.getMessage());
    }
  }
}
