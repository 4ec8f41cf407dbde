package io.lightningop.spec.semver;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * npm's semantic versions and ranges, shared by npm adaptor resolution and git tag ranges:
 * exact versions (a leading {@code v} or {@code =} allowed, as in tags like {@code v1.2.3}),
 * comparators ({@code >= < <= > =}), caret, tilde, x-ranges, hyphen ranges and {@code ||}.
 * Ordered by semver 2.0 precedence (build metadata ignored). Pre-release versions only match
 * comparators on the same major.minor.patch, like npm.
 */
public record Semver(int major, int minor, int patch, List<String> pre) implements Comparable<Semver> {

  private static final Pattern VERSION = Pattern.compile(
      "^\\s*[=vV]*\\s*(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?\\s*$");
  private static final Pattern PARTIAL = Pattern.compile(
      "^[=vV]*(\\d+|[xX*])(?:\\.(\\d+|[xX*]))?(?:\\.(\\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?$");

  public Semver {
    pre = List.copyOf(pre);
  }

  /** Parses a full version such as {@code 1.2.3-beta.1} or {@code v1.2.3}; empty when it is not one. */
  public static Optional<Semver> parse(String text) {
    Matcher m = VERSION.matcher(text == null ? "" : text);
    if (!m.matches()) return Optional.empty();
    try {
      return Optional.of(new Semver(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)), m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."))));
    } catch (NumberFormatException e) {
      return Optional.empty(); // a number beyond int is no version we can order
    }
  }

  public boolean isPrerelease() {
    return !pre.isEmpty();
  }

  @Override
  public int compareTo(Semver o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) c = Integer.compare(minor, o.minor);
    if (c == 0) c = Integer.compare(patch, o.patch);
    if (c != 0) return c;
    if (pre.isEmpty() || o.pre.isEmpty()) return Boolean.compare(pre.isEmpty(), o.pre.isEmpty());
    for (int i = 0; i < Math.min(pre.size(), o.pre.size()); i++) {
      String a = pre.get(i), b = o.pre.get(i);
      boolean an = a.chars().allMatch(Character::isDigit), bn = b.chars().allMatch(Character::isDigit);
      int d = an && bn ? new BigInteger(a).compareTo(new BigInteger(b))
          : an ? -1 : bn ? 1 : a.compareTo(b);
      if (d != 0) return d;
    }
    return Integer.compare(pre.size(), o.pre.size());
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (pre.isEmpty() ? "" : "-" + String.join(".", pre));
  }

  /** A range: a union of comparator sets. */
  public record Range(String text, List<List<Comparator>> sets) {

    /** @throws IllegalArgumentException naming the range when it cannot be parsed */
    public static Range parse(String text) {
      String t = text == null ? "" : text.trim();
      List<List<Comparator>> sets = new ArrayList<>();
      for (String alt : t.split("\\|\\|", -1)) {
        sets.add(parseSet(alt.trim(), text));
      }
      return new Range(text, List.copyOf(sets));
    }

    public boolean satisfiedBy(Semver v) {
      for (List<Comparator> set : sets) {
        if (set.stream().allMatch(c -> c.test(v)) && (!v.isPrerelease() || set.stream()
            .anyMatch(c -> c.version.isPrerelease() && c.version.major == v.major
                && c.version.minor == v.minor && c.version.patch == v.patch))) {
          return true;
        }
      }
      return false;
    }

    /** The highest version satisfying the range, preferring {@code preferred} (npm's latest tag) when it does. */
    public Optional<Semver> best(Collection<Semver> versions, Semver preferred) {
      if (preferred != null && satisfiedBy(preferred)) return Optional.of(preferred);
      return versions.stream().filter(this::satisfiedBy).max(Semver::compareTo);
    }

    private static List<Comparator> parseSet(String set, String whole) {
      List<Comparator> out = new ArrayList<>();
      if (set.isEmpty() || set.equals("*") || set.equalsIgnoreCase("x") || set.equals("latest")) {
        out.add(new Comparator(">=", new Semver(0, 0, 0, List.of())));
        return out;
      }
      Matcher hyphen = Pattern.compile("^(\\S+)\\s+-\\s+(\\S+)$").matcher(set);
      if (hyphen.matches()) {
        out.addAll(expand(">=", hyphen.group(1), whole));
        out.addAll(expand("<=", hyphen.group(2), whole));
        return out;
      }
      // "> = 1.2" style spacing between operator and version is legal in npm
      String normalized = set.replaceAll("(>=|<=|>|<|=|\\^|~>?)\\s+", "$1");
      for (String token : normalized.split("\\s+")) {
        Matcher op = Pattern.compile("^(>=|<=|>|<|=|\\^|~>?)?(.*)$").matcher(token);
        op.matches();
        out.addAll(expand(op.group(1) == null ? "" : op.group(1), op.group(2), whole));
      }
      return out;
    }

    private static List<Comparator> expand(String op, String partial, String whole) {
      Matcher m = PARTIAL.matcher(partial);
      if (!m.matches()) {
        throw new IllegalArgumentException("invalid version range '" + whole + "': '" + op + partial
            + "' is not a comparator (e.g. >=1.2.0, ^1.2, ~1.2.3, 1.x)");
      }
      Integer ma = num(m.group(1)), mi = num(m.group(2)), pa = num(m.group(3));
      List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
      int a = ma == null ? 0 : ma, b = mi == null ? 0 : mi, c = pa == null ? 0 : pa;
      Semver low = new Semver(a, b, c, pre);
      if (ma == null) {
        return op.equals("<") || op.equals(">") ? List.of(new Comparator("<", new Semver(0, 0, 0, List.of())))
            : List.of(new Comparator(">=", new Semver(0, 0, 0, List.of())));
      }
      Semver nextMajor = new Semver(a + 1, 0, 0, List.of("0"));
      Semver nextMinor = new Semver(a, b + 1, 0, List.of("0"));
      switch (op) {
        case "^" -> {
          Semver upper = a > 0 || mi == null ? nextMajor
              : b > 0 || pa == null ? nextMinor : new Semver(0, 0, c + 1, List.of("0"));
          return List.of(new Comparator(">=", low), new Comparator("<", upper));
        }
        case "~", "~>" -> {
          return List.of(new Comparator(">=", low), new Comparator("<", mi == null ? nextMajor : nextMinor));
        }
        case "", "=" -> {
          if (mi == null) return List.of(new Comparator(">=", low), new Comparator("<", nextMajor));
          if (pa == null) return List.of(new Comparator(">=", low), new Comparator("<", nextMinor));
          return List.of(new Comparator("=", low));
        }
        case ">" -> {
          // npm: ">1.2" is ">=1.3.0", without "-0", so 1.3.0's pre-releases stay out
          if (mi == null) return List.of(new Comparator(">=", new Semver(a + 1, 0, 0, List.of())));
          if (pa == null) return List.of(new Comparator(">=", new Semver(a, b + 1, 0, List.of())));
          return List.of(new Comparator(">", low));
        }
        case "<=" -> {
          if (mi == null) return List.of(new Comparator("<", nextMajor));
          if (pa == null) return List.of(new Comparator("<", nextMinor));
          return List.of(new Comparator("<=", low));
        }
        default -> {
          return List.of(new Comparator(op, low));
        }
      }
    }

    private static Integer num(String s) {
      return s == null || s.equalsIgnoreCase("x") || s.equals("*") ? null : Integer.valueOf(s);
    }
  }

  /** One comparator such as {@code >=1.2.3}. */
  public record Comparator(String op, Semver version) {
    boolean test(Semver v) {
      int c = v.compareTo(version);
      return switch (op) {
        case ">=" -> c >= 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        case "<" -> c < 0;
        default -> c == 0;
      };
    }
  }
}
