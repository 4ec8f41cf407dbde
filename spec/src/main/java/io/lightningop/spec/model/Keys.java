package io.lightningop.spec.model;

import java.util.regex.Pattern;

/**
 * Local keys, derived as OpenFn's deploy derives them (lightning-protocols §1.8): every run of
 * whitespace becomes one hyphen. Lightning's exporter replaces each single space instead; the
 * two agree unless a name holds tabs or repeated spaces. The whitespace class is JavaScript's
 * {@code \s}, not Java's.
 */
public final class Keys {
  private static final Pattern WHITESPACE = Pattern.compile(
      "[\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]+");

  private Keys() {}

  /** deploy's {@code hyphenate}: each run of whitespace becomes {@code -}. */
  public static String hyphenate(String s) {
    return WHITESPACE.matcher(s).replaceAll("-");
  }

  /** Lightning's exporter: each single space becomes {@code -}. */
  public static String lightningHyphenate(String s) {
    return s.replace(" ", "-");
  }

  public static String workflow(String name) {
    return hyphenate(name);
  }

  public static String job(String name) {
    return hyphenate(name);
  }

  /** Triggers are keyed by their type, so a workflow has at most one trigger per type. */
  public static String trigger(String type) {
    return type;
  }

  /** {@code source} is a trigger type or a source job's name; the target is a job name. */
  public static String edge(String source, String targetJobName) {
    return hyphenate(source + "->" + hyphenate(targetJobName));
  }

  public static String credential(String owner, String name) {
    return hyphenate(owner + " " + name);
  }

  public static String collection(String name) {
    return hyphenate(name);
  }

  public static String channel(String name) {
    return hyphenate(name);
  }
}
