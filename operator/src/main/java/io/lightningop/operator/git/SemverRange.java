package io.lightningop.operator.git;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version range in npm's syntax, for following tags: comparators joined by spaces must all
 * hold ({@code >=1.2.0 <2.0.0}), alternatives are joined by {@code ||}; also {@code ^1.2},
 * {@code ~1.2.3}, {@code 1.2.x}, {@code *} and {@code 1.0.0 - 1.4.0}. As in npm, a pre-release
 * version matches only when a comparator names a pre-release of the same major.minor.patch.
 */
public final class SemverRange {
  private enum Op { GE, GT, LE, LT, EQ }

  private record Comparator(Op op, SemVer version) {
    boolean test(SemVer v) {
      int c = v.compareTo(version);
      return switch (op) {
        case GE -> c >= 0;
        case GT -> c > 0;
        case LE -> c <= 0;
        case LT -> c < 0;
        case EQ -> c == 0;
      };
    }
  }

  private static final Pattern PART = Pattern.compile(
      "^(\\^|~|>=|<=|>|<|=)?\\s*[vV]?(\\*|x|X|\\d+)(?:\\.(\\*|x|X|\\d+))?(?:\\.(\\*|x|X|\\d+))?(?:-([0-9A-Za-z-.]+))?(?:\\+[0-9A-Za-z-.]+)?$");

  private final String text;
  private final List<List<Comparator>> alternatives;

  private SemverRange(String text, List<List<Comparator>> alternatives) {
    this.text = text;
    this.alternatives = alternatives;
  }

  /** Whether a ref is a range rather than a branch, tag or commit name. */
  public static boolean looksLikeRange(String ref) {
    return ref != null && (ref.matches(".*[<>^~*|].*") || ref.matches(".*\\s.*") || ref.matches("[vV]?\\d+(\\.(\\d+|[xX*]))?(\\.[xX*])?"));
  }

  /** @throws IllegalArgumentException naming the part that is not a version comparator */
  public static SemverRange parse(String text) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("empty version range");
    List<List<Comparator>> alternatives = new ArrayList<>();
    for (String alternative : text.split("\\|\\|")) {
      List<Comparator> all = new ArrayList<>();
      String a = alternative.trim();
      Matcher hyphen = Pattern.compile("^(\\S+)\\s+-\\s+(\\S+)$").matcher(a);
      if (hyphen.matches()) {
        all.addAll(expand(">=" + hyphen.group(1), text));
        all.addAll(expand("<=" + hyphen.group(2), text));
      } else {
        // ">= 1.2.0" is one comparator: glue an operator to the version after it.
        for (String part : a.replaceAll("(>=|<=|>|<|=|\\^|~)\\s+", "$1").split("\\s+")) {
          if (!part.isEmpty()) all.addAll(expand(part, text));
        }
      }
      if (all.isEmpty()) all.add(new Comparator(Op.GE, new SemVer(0, 0, 0, List.of())));
      alternatives.add(List.copyOf(all));
    }
    return new SemverRange(text.trim(), List.copyOf(alternatives));
  }

  public boolean matches(SemVer v) {
    for (List<Comparator> all : alternatives) {
      if (!all.stream().allMatch(c -> c.test(v))) continue;
      if (!v.isPreRelease()) return true;
      boolean allowed = all.stream().anyMatch(c -> c.version().isPreRelease() && c.version().major() == v.major()
          && c.version().minor() == v.minor() && c.version().patch() == v.patch());
      if (allowed) return true;
    }
    return false;
  }

  /** The highest version among {@code tags} (tag names) that matches, with its tag name. */
  public Optional<String> highest(Collection<String> tags) {
    String best = null;
    SemVer bestVersion = null;
    for (String tag : tags) {
      Optional<SemVer> v = SemVer.parse(tag);
      if (v.isEmpty() || !matches(v.get())) continue;
      if (bestVersion == null || v.get().compareTo(bestVersion) > 0) {
        best = tag;
        bestVersion = v.get();
      }
    }
    return Optional.ofNullable(best);
  }

  private static List<Comparator> expand(String part, String whole) {
    Matcher m = PART.matcher(part);
    if (!m.matches()) {
      throw new IllegalArgumentException("\"" + part + "\" in version range \"" + whole
          + "\" is not a comparator (e.g. >=1.2.0, ^1.2, ~1.2.3, 1.x)");
    }
    String op = m.group(1) == null ? "" : m.group(1);
    Integer major = number(m.group(2));
    Integer minor = number(m.group(3));
    Integer patch = number(m.group(4));
    List<String> pre = m.group(5) == null ? List.of() : List.of(m.group(5).split("\\."));
    if (major == null) return op.equals("<") || op.equals(">") ? List.of(new Comparator(Op.LT, v(0, 0, 0))) : List.of();
    int mi = minor == null ? 0 : minor;
    int pa = patch == null ? 0 : patch;
    SemVer low = new SemVer(major, mi, pa, pre);
    // The first version past a partial one: 1 → 2.0.0, 1.2 → 1.3.0.
    SemVer next = minor == null ? v(major + 1, 0, 0) : patch == null ? v(major, mi + 1, 0) : null;
    return switch (op) {
      case "^" -> List.of(new Comparator(Op.GE, low), new Comparator(Op.LT,
          major > 0 || minor == null ? v(major + 1, 0, 0) : mi > 0 || patch == null ? v(0, mi + 1, 0) : v(0, 0, pa + 1)));
      case "~" -> List.of(new Comparator(Op.GE, low), new Comparator(Op.LT, minor == null ? v(major + 1, 0, 0) : v(major, mi + 1, 0)));
      case ">=" -> List.of(new Comparator(Op.GE, low));
      case ">" -> List.of(next == null ? new Comparator(Op.GT, low) : new Comparator(Op.GE, next));
      case "<" -> List.of(new Comparator(Op.LT, low));
      case "<=" -> List.of(next == null ? new Comparator(Op.LE, low) : new Comparator(Op.LT, next));
      default -> next == null ? List.of(new Comparator(Op.EQ, low))
          : List.of(new Comparator(Op.GE, low), new Comparator(Op.LT, next));
    };
  }

  private static Integer number(String s) {
    return s == null || s.equalsIgnoreCase("x") || s.equals("*") ? null : Integer.valueOf(s);
  }

  private static SemVer v(int major, int minor, int patch) {
    return new SemVer(major, minor, patch, List.of());
  }

  @Override
  public String toString() {
    return text;
  }
}
