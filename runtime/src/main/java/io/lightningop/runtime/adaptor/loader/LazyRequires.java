package io.lightningop.runtime.adaptor.loader;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Defers evaluating a required module until its export is first read, for the one CommonJS shape
 * Babel emits for {@code import x from "m"}: {@code var _x = _interopRequireDefault(require("m"));}
 * where {@code _x} is then only ever read as {@code _x.default}. Applied only when the required
 * module's package declares {@code "sideEffects": false}, so not evaluating a module early is
 * unobservable; date-fns (about 300 such modules, of which a job uses a handful) is the case that
 * matters: each Context otherwise evaluates all of them.
 *
 * <p>The declaration is replaced, on the same line, by an object whose {@code default} getter
 * requires the module on first read and then caches the value (Babel's interop semantics:
 * {@code m.__esModule ? m.default : m}). Any other use of {@code _x} leaves that line untouched.
 */
public final class LazyRequires {
  private static final Pattern DECLARATION =
      Pattern.compile("var (_[A-Za-z0-9_$]*) = _interopRequireDefault\\(require\\((\"[^\"\\\\]+\")\\)\\);");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![A-Za-z0-9_$.])[A-Za-z_$][A-Za-z0-9_$]*(\\.default(?![A-Za-z0-9_$]))?");

  private LazyRequires() {}

  /**
   * @param deferrable whether a request (the string literal's content) names a module that may be
   *     evaluated late (its package is side-effect free)
   */
  public static String rewrite(String text, Predicate<String> deferrable) {
    if (!text.contains("_interopRequireDefault(require(")) return text;
    Map<String, int[]> uses = new HashMap<>(); // name -> {all uses, uses as name.default}
    Matcher id = IDENTIFIER.matcher(text);
    while (id.find()) {
      String name = id.group(1) == null ? id.group() : id.group().substring(0, id.group().length() - 8);
      if (!name.startsWith("_")) continue;
      int[] n = uses.computeIfAbsent(name, k -> new int[2]);
      n[0]++;
      if (id.group(1) != null) n[1]++;
    }
    StringBuilder out = new StringBuilder(text.length() + 1024);
    Matcher m = DECLARATION.matcher(text);
    int last = 0;
    while (m.find()) {
      String name = m.group(1);
      String literal = m.group(2);
      int[] n = uses.get(name);
      boolean onlyDefault = n != null && n[0] == n[1] + 1; // the declaration, then only name.default
      if (!onlyDefault || !deferrable.test(literal.substring(1, literal.length() - 1))) continue;
      out.append(text, last, m.start())
          .append("var ").append(name).append(" = { get default() { const m = require(").append(literal)
          .append("); const v = m && m.__esModule ? m.default : m; Object.defineProperty(this, 'default', { value: v }); return v; } };");
      last = m.end();
    }
    if (last == 0) return text;
    return out.append(text, last, text.length()).toString();
  }
}
