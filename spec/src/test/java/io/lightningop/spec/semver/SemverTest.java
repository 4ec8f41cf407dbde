package io.lightningop.spec.semver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SemverTest {
  private static boolean sat(String range, String version) {
    return Semver.Range.parse(range).satisfiedBy(Semver.parse(version).orElseThrow());
  }

  @Test
  void rangesLikeNpm() {
    assertTrue(sat("^8.20.0", "8.20.1"));
    assertTrue(sat("^8.20.0", "8.99.0"));
    assertFalse(sat("^8.20.0", "9.0.0"));
    assertFalse(sat("^0.4.0", "0.5.0"));
    assertTrue(sat("^0.4.0||^1.0.0", "1.4.0"));
    assertTrue(sat("~1.2.3", "1.2.9"));
    assertFalse(sat("~1.2.3", "1.3.0"));
    assertTrue(sat("1.x", "1.9.9"));
    assertTrue(sat("*", "3.0.0"));
    assertTrue(sat("", "3.0.0"));
    assertTrue(sat(">=1.2.0 <2", "1.5.0"));
    assertFalse(sat(">=1.2.0 <2", "2.0.0"));
    assertTrue(sat("1.0.0 - 1.2", "1.2.7"));
    assertTrue(sat("3.3.1", "3.3.1"));
    assertFalse(sat("3.3.1", "3.3.4"));
    assertFalse(sat("^1.0.0", "1.1.0-beta.1"), "pre-releases need a comparator on the same version");
    assertTrue(sat("^1.1.0-beta.0", "1.1.0-beta.1"));
  }

  @Test
  void ordering() {
    List<String> sorted = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0", "1.2.0", "10.0.0");
    for (int i = 1; i < sorted.size(); i++) {
      assertTrue(Semver.parse(sorted.get(i - 1)).orElseThrow().compareTo(Semver.parse(sorted.get(i)).orElseThrow()) < 0, sorted.get(i));
    }
  }

  @Test
  void bestPrefersTheLatestTagWhenItMatches() {
    List<Semver> versions = List.of("4.17.20", "4.17.21", "4.18.0", "5.0.0").stream().map(v -> Semver.parse(v).orElseThrow()).toList();
    Semver latest = Semver.parse("4.17.21").orElseThrow();
    assertEquals("4.17.21", Semver.Range.parse("^4.17.0").best(versions, latest).orElseThrow().toString());
    assertEquals("5.0.0", Semver.Range.parse(">=5").best(versions, latest).orElseThrow().toString());
  }

  // Tag-style ranges as git sources use them (these came from the git side's own range class).
  @Test
  void comparatorsJoinedBySpacesMustAllHold() {
    assertTrue(sat(">=1.2.0 <2.0.0", "1.2.0"));
    assertTrue(sat(">=1.2.0 <2.0.0", "v1.9.9"));
    assertFalse(sat(">=1.2.0 <2.0.0", "2.0.0"));
    assertFalse(sat(">=1.2.0 <2.0.0", "1.1.9"));
    assertTrue(sat(">= 1.2.0  < 2.0.0", "1.5.0"), "spaces after operators");
    assertTrue(sat("<1.0.0 || >=3.0.0", "3.1.0"));
    assertFalse(sat("<1.0.0 || >=3.0.0", "2.0.0"));
  }

  @Test
  void caretTildeAndWildcards() {
    assertTrue(sat("^1.2.3", "1.9.0"));
    assertFalse(sat("^1.2.3", "2.0.0"));
    assertFalse(sat("^1.2.3", "1.2.2"));
    assertTrue(sat("^0.2.3", "0.2.9"));
    assertFalse(sat("^0.2.3", "0.3.0"));
    assertFalse(sat("^0.0.3", "0.0.4"));
    assertTrue(sat("~1.2.3", "1.2.9"));
    assertFalse(sat("~1.2.3", "1.3.0"));
    assertTrue(sat("~1", "1.9.9"));
    assertTrue(sat("1.2.x", "1.2.7"));
    assertFalse(sat("1.2.x", "1.3.0"));
    assertTrue(sat("1.x", "1.99.0"));
    assertTrue(sat("*", "42.0.0"));
    assertTrue(sat("1.0.0 - 1.4.0", "1.4.0"));
    assertFalse(sat("1.0.0 - 1.4.0", "1.4.1"));
    assertFalse(sat(">1.2", "1.2.9"), ">1.2 means above every 1.2.x");
    assertFalse(sat(">1.2", "1.3.0-rc.1"), "npm: >1.2 is >=1.3.0, which names no pre-release");
    assertTrue(sat(">1.2", "1.3.0"));
    assertTrue(sat("<=1.2", "1.2.9"));
    assertTrue(sat("1.2.3", "v1.2.3"));
    assertTrue(sat("v1.2.x", "1.2.3"));
  }

  @Test
  void preReleasesOnlyWhenTheRangeNamesOneOfTheSameVersion() {
    assertFalse(sat(">=1.0.0", "1.3.0-rc.1"));
    assertTrue(sat(">=1.3.0-rc.1 <2.0.0", "1.3.0-rc.2"));
    assertFalse(sat(">=1.3.0-rc.1 <2.0.0", "1.4.0-rc.1"));
    assertTrue(Semver.parse("1.0.0-rc.2").orElseThrow().compareTo(Semver.parse("1.0.0-rc.10").orElseThrow()) < 0);
    assertTrue(Semver.parse("1.0.0-rc.1").orElseThrow().compareTo(Semver.parse("1.0.0").orElseThrow()) < 0);
    assertTrue(Semver.parse("1.0.0-99999999999999999999").orElseThrow()
        .compareTo(Semver.parse("1.0.0-100000000000000000000").orElseThrow()) < 0, "numeric identifiers beyond long");
  }

  @Test
  void tagsParseWithAPrefixAndOthersDoNot() {
    assertEquals("1.2.3-rc.1", Semver.parse("v1.2.3-rc.1+build.5").orElseThrow().toString());
    assertEquals("1.2.3", Semver.parse("V1.2.3").orElseThrow().toString());
    assertTrue(Semver.parse("release").isEmpty());
    assertTrue(Semver.parse("1.2").isEmpty());
    assertTrue(Semver.parse("01.2.3").isEmpty(), "leading zeros are not semver");
    assertTrue(Semver.parse("1.2.99999999999").isEmpty(), "beyond int");
  }

  @Test
  void malformedRangesNameTheBadPart() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Semver.Range.parse(">=1.2.0 <banana"));
    assertTrue(e.getMessage().contains("invalid version range '>=1.2.0 <banana': '<banana'"), e.getMessage());
  }
}
