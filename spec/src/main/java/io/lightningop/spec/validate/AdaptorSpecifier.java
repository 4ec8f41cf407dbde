package io.lightningop.spec.validate;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An npm-style adaptor specifier, {@code [@scope/]name[@version]}, e.g.
 * {@code @openfn/language-http@latest} or {@code @openfn/language-common@2.1.0}.
 */
public record AdaptorSpecifier(String name, String version) {
  private static final Pattern NAME_PART = Pattern.compile("[a-z0-9][a-z0-9._~-]*");
  // a dist-tag (latest, next), an exact version or a range; no whitespace.
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9.^~<>=*|+_-]+");

  /** Parses {@code spec}, or explains why it is not an adaptor specifier. */
  public static Parsed parse(String spec) {
    if (spec == null || spec.isBlank()) return Parsed.error("adaptor is empty");
    String s = spec;
    String scope = null;
    if (s.startsWith("@")) {
      int slash = s.indexOf('/');
      if (slash < 0) return Parsed.error(bad(spec, "a scoped name needs @scope/name"));
      scope = s.substring(1, slash);
      s = s.substring(slash + 1);
      if (!NAME_PART.matcher(scope).matches()) return Parsed.error(bad(spec, "invalid scope \"" + scope + "\""));
    }
    String name = s;
    String version = null;
    int at = s.indexOf('@');
    if (at >= 0) {
      name = s.substring(0, at);
      version = s.substring(at + 1);
      if (version.isEmpty()) return Parsed.error(bad(spec, "version after @ is empty"));
      if (!VERSION.matcher(version).matches()) return Parsed.error(bad(spec, "invalid version \"" + version + "\""));
    }
    if (!NAME_PART.matcher(name).matches()) {
      return Parsed.error(bad(spec, "invalid package name \"" + name
          + "\" (lower-case letters, digits, - . _ ~)"));
    }
    return new Parsed(new AdaptorSpecifier(scope == null ? name : "@" + scope + "/" + name, version), null);
  }

  private static String bad(String spec, String why) {
    return "invalid adaptor \"" + spec + "\": " + why
        + "; expected e.g. @openfn/language-http@latest";
  }

  /** A parse result: a specifier or an error message. */
  public record Parsed(AdaptorSpecifier specifier, String error) {
    static Parsed error(String message) {
      return new Parsed(null, message);
    }

    public Optional<String> problem() {
      return Optional.ofNullable(error);
    }
  }
}
