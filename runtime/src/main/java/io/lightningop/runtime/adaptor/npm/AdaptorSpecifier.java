package io.lightningop.runtime.adaptor.npm;

import io.lightningop.spec.semver.Semver;

/**
 * A package as a job or command names it: {@code @openfn/language-http@7.2.10},
 * {@code @openfn/language-common@latest}, {@code @openfn/language-common} (= latest),
 * {@code lodash@^4}.
 */
public record AdaptorSpecifier(String name, String range) {

  public AdaptorSpecifier {
    if (!NpmNames.isValid(name)) throw new IllegalArgumentException("invalid npm package name '" + name + "'");
    if (range == null || range.isBlank()) range = "latest";
  }

  /** @throws IllegalArgumentException naming the specifier when it is malformed */
  public static AdaptorSpecifier parse(String text) {
    String t = text == null ? "" : text.trim();
    int at = t.indexOf('@', t.startsWith("@") ? 1 : 0);
    String name = at < 0 ? t : t.substring(0, at);
    String range = at < 0 ? "latest" : t.substring(at + 1);
    if (!NpmNames.isValid(name)) {
      throw new IllegalArgumentException("invalid adaptor specifier '" + text
          + "': expected <package>[@<version>], e.g. @openfn/language-common@3.3.4");
    }
    if (!isTag(range)) Semver.Range.parse(range); // fail early on a malformed range
    return new AdaptorSpecifier(name, range);
  }

  /** A dist-tag such as {@code latest} or {@code next} rather than a version or range. */
  public static boolean isTag(String range) {
    return range.matches("[A-Za-z][A-Za-z0-9._-]*") && !range.equalsIgnoreCase("x");
  }

  /** The exact version when the specifier names one. */
  public java.util.Optional<Semver> exactVersion() {
    return Semver.parse(range).filter(v -> !range.trim().matches("^[\\^~<>=].*"));
  }

  @Override
  public String toString() {
    return name + "@" + range;
  }
}
