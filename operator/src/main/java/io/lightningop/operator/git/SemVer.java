package io.lightningop.operator.git;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version as tags spell it ({@code v1.2.3}, {@code 1.2.3-rc.1+build}), ordered by
 * semver 2.0 precedence (build metadata ignored, a pre-release sorts before its release).
 */
public record SemVer(int major, int minor, int patch, List<String> preRelease) implements Comparable<SemVer> {
  private static final Pattern FORM = Pattern.compile(
      "^[vV]?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-.]+)?$");

  public SemVer {
    preRelease = List.copyOf(preRelease);
  }

  /** The version a tag name spells, or empty when it is not a semantic version. */
  public static Optional<SemVer> parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) return Optional.empty();
    try {
      return Optional.of(new SemVer(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)), m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."))));
    } catch (NumberFormatException e) {
      return Optional.empty(); // a number beyond int
    }
  }

  public boolean isPreRelease() {
    return !preRelease.isEmpty();
  }

  @Override
  public int compareTo(SemVer o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) c = Integer.compare(minor, o.minor);
    if (c == 0) c = Integer.compare(patch, o.patch);
    if (c != 0) return c;
    if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
      return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
    }
    for (int i = 0; i < Math.min(preRelease.size(), o.preRelease.size()); i++) {
      c = comparePart(preRelease.get(i), o.preRelease.get(i));
      if (c != 0) return c;
    }
    return Integer.compare(preRelease.size(), o.preRelease.size());
  }

  /** Numeric identifiers compare as numbers and sort before alphanumeric ones. */
  private static int comparePart(String a, String b) {
    boolean na = a.chars().allMatch(Character::isDigit);
    boolean nb = b.chars().allMatch(Character::isDigit);
    if (na && nb) return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
    if (na != nb) return na ? -1 : 1;
    return a.compareTo(b);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + String.join(".", preRelease));
  }
}
