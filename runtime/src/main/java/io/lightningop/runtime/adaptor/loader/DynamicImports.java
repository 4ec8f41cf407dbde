package io.lightningop.runtime.adaptor.loader;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns the dynamic {@code import(x)} expressions of a CommonJS file into calls of a function the
 * wrapper passes in, because GraalJS would hand them to its own ES module loader, which knows
 * nothing of the adaptor packages. The keyword is replaced by an identifier of the same length so
 * every line and column of the file (and so of its stack traces) stays where it was.
 */
final class DynamicImports {
  /** Cheap pre-check: most modules never mention {@code import(} and are not parsed. */
  private static final Pattern CANDIDATE = Pattern.compile("\\bimport\\s*\\(");
  private static final String KEYWORD = "import";
  private static final String PREFIX = "$imp"; // + two characters: as long as the keyword

  /**
   * The file's text with its dynamic imports rewritten, and the parameter name they now call
   * ({@code null} when the text has none).
   */
  record Rewritten(String text, String parameter) {}

  private DynamicImports() {}

  /**
   * @param finder the offsets of the {@code import} keyword of each {@code ImportExpression}
   *     (a real parser: strings, comments and regular expressions may also contain {@code import(})
   * @throws IllegalArgumentException from the finder when the text does not parse
   */
  static Rewritten rewrite(String text, Function<String, int[]> finder) {
    if (!CANDIDATE.matcher(text).find()) return new Rewritten(text, null);
    int[] starts = finder.apply(text);
    if (starts.length == 0) return new Rewritten(text, null);
    String name = unusedName(text);
    char[] chars = text.toCharArray();
    for (int start : starts) {
      if (!text.startsWith(KEYWORD, start)) {
        throw new IllegalStateException("parser offset " + start + " is not an import keyword");
      }
      name.getChars(0, name.length(), chars, start);
    }
    return new Rewritten(new String(chars), name);
  }

  /** An identifier the file never mentions, so it cannot shadow or be shadowed by the module's own. */
  private static String unusedName(String text) {
    String digits = "0123456789abcdefghijklmnopqrstuvwxyz";
    for (char a : digits.toCharArray()) {
      for (char b : digits.toCharArray()) {
        String name = PREFIX + a + b;
        if (!text.contains(name)) return name;
      }
    }
    throw new IllegalStateException("no free identifier for import()"); // 1296 names all used: not a real file
  }
}
