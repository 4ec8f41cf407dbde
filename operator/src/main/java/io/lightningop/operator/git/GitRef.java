package io.lightningop.operator.git;

/**
 * What a git source follows: the remote's default branch, a branch, a tag, a fixed commit, or the
 * highest tag in a semver range. A plain name is looked up as a branch first, then as a tag.
 */
public sealed interface GitRef {
  record DefaultBranch() implements GitRef {}

  /** {@code refs/heads/…}, or a plain name that may also be a tag. */
  record Named(String name) implements GitRef {}

  record Tag(String name) implements GitRef {}

  /** A full 40-character commit id. */
  record Commit(String sha) implements GitRef {}

  record TagRange(SemverRange range) implements GitRef {}

  /** @throws IllegalArgumentException for an empty name or a malformed range */
  static GitRef parse(String ref) {
    if (ref == null || ref.isBlank() || ref.equals("HEAD")) return new DefaultBranch();
    String r = ref.trim();
    if (r.startsWith("refs/heads/")) return new Named(r.substring("refs/heads/".length()));
    if (r.startsWith("refs/tags/")) return new Tag(r.substring("refs/tags/".length()));
    if (r.matches("[0-9a-fA-F]{40}")) return new Commit(r.toLowerCase(java.util.Locale.ROOT));
    if (SemverRange.looksLikeRange(r)) return new TagRange(SemverRange.parse(r));
    return new Named(r);
  }
}
