package io.lightningop.spec.validate;

import java.util.regex.Pattern;

/** Builds field paths: {@code a.b-c["d->e"].f}. */
public final class FieldPath {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]+");

  private FieldPath() {}

  public static String child(String parent, String key) {
    String segment =
        PLAIN.matcher(key).matches()
            ? key
            : "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    if (parent == null || parent.isEmpty()) {
      return segment.startsWith("[") ? segment : segment;
    }
    return segment.startsWith("[") ? parent + segment : parent + "." + segment;
  }

  public static String of(String... keys) {
    String path = "";
    for (String k : keys) path = child(path, k);
    return path;
  }

  public static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }
}
