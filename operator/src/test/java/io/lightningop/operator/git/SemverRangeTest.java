package io.lightningop.operator.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.spec.semver.Semver;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SemverRangeTest {
  private static boolean in(String range, String version) {
    return SemverRange.parse(range).matches(Semver.parse(version).orElseThrow());
  }

  @Test
  void tagRangesUseTheSharedNpmRules() {
    assertTrue(in(">=1.2.0 <2.0.0", "v1.9.9"));
    assertFalse(in(">=1.2.0 <2.0.0", "2.0.0"));
    assertFalse(in(">=1.0.0", "1.3.0-rc.1"));
    assertTrue(in(">=1.3.0-rc.1 <2.0.0", "v1.3.0-rc.2"));
    assertEquals(">=1.0.0 <2.0.0", SemverRange.parse(" >=1.0.0 <2.0.0 ").toString());
  }

  @Test
  void highestPicksTheGreatestMatchingTagAndIgnoresOtherNames() {
    SemverRange r = SemverRange.parse(">=1.0.0 <2.0.0");
    assertEquals(Optional.of("v1.10.0"), r.highest(List.of("v1.2.0", "v1.10.0", "v1.9.0", "v2.0.0", "latest", "v1.11.0-rc.1")));
    assertEquals(Optional.empty(), r.highest(List.of("v0.9.0", "release")));
    assertEquals(Optional.of("1.3.0-rc.2"), SemverRange.parse(">=1.3.0-rc.1 <1.4.0").highest(List.of("v1.2.0", "1.3.0-rc.2", "v1.3.0-rc.1")));
  }

  @Test
  void malformedRangesNameTheBadPart() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SemverRange.parse(">=1.2.0 <banana"));
    assertTrue(e.getMessage().contains("<banana"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SemverRange.parse("  "));
    assertThrows(IllegalArgumentException.class, () -> GitSource.of("s", "file:///x", ">=1.2.0 <banana", null));
  }

  @Test
  void refsAreReadAsBranchTagCommitOrRange() {
    assertEquals(new GitRef.DefaultBranch(), GitRef.parse(null));
    assertEquals(new GitRef.Named("main"), GitRef.parse("main"));
    assertEquals(new GitRef.Named("release/1.x"), GitRef.parse("refs/heads/release/1.x"));
    assertEquals(new GitRef.Tag("v1.2.0"), GitRef.parse("refs/tags/v1.2.0"));
    assertEquals(new GitRef.Named("v1.2.0"), GitRef.parse("v1.2.0"));
    String sha = "0123456789abcdef0123456789abcdef01234567";
    assertEquals(new GitRef.Commit(sha), GitRef.parse(sha.toUpperCase()));
    assertTrue(GitRef.parse(">=1.2.0 <2.0.0") instanceof GitRef.TagRange);
    assertTrue(GitRef.parse("^1.2") instanceof GitRef.TagRange);
  }
}
