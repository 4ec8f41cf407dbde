package io.lightningop.operator.git;

import io.lightningop.spec.semver.Semver;
import java.util.Collection;
import java.util.Optional;

/**
 * A version range a git source follows, over the shared npm-style {@link Semver.Range}: it picks
 * the highest tag whose name is a version ({@code v1.2.3} or {@code 1.2.3}) in the range.
 */
public record SemverRange(Semver.Range range) {

  /** Whether a ref is a range rather than a branch, tag or commit name. */
  public static boolean looksLikeRange(String ref) {
    return ref != null && (ref.matches(".*[<>^~*|].*") || ref.matches(".*\\s.*") || ref.matches("[vV]?\\d+(\\.(\\d+|[xX*]))?(\\.[xX*])?"));
  }

  /** @throws IllegalArgumentException naming the part that is not a version comparator */
  public static SemverRange parse(String text) {
    // npm reads an empty range as "any version"; for a git ref that is a mistake, not a wish.
    if (text == null || text.isBlank()) throw new IllegalArgumentException("empty version range");
    return new SemverRange(Semver.Range.parse(text.trim()));
  }

  public boolean matches(Semver v) {
    return range.satisfiedBy(v);
  }

  /** The highest version among {@code tags} (tag names) that matches, with its tag name. */
  public Optional<String> highest(Collection<String> tags) {
    String best = null;
    Semver bestVersion = null;
    for (String tag : tags) {
      Optional<Semver> v = Semver.parse(tag);
      if (v.isEmpty() || !matches(v.get())) continue;
      if (bestVersion == null || v.get().compareTo(bestVersion) > 0) {
        best = tag;
        bestVersion = v.get();
      }
    }
    return Optional.ofNullable(best);
  }

  @Override
  public String toString() {
    return range.text();
  }
}
