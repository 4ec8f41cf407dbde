package io.lightningop.runtime.adaptor.npm;

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

  @Test
  void specifiers() {
    assertEquals(new AdaptorSpecifier("@openfn/language-http", "7.2.10"), AdaptorSpecifier.parse("@openfn/language-http@7.2.10"));
    assertEquals(new AdaptorSpecifier("@openfn/language-common", "latest"), AdaptorSpecifier.parse("@openfn/language-common"));
    assertEquals("7.2.10", AdaptorSpecifier.parse("@openfn/language-http@7.2.10").exactVersion().orElseThrow().toString());
    assertTrue(AdaptorSpecifier.parse("lodash@^4").exactVersion().isEmpty());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdaptorSpecifier.parse("../etc/passwd"));
    assertTrue(e.getMessage().contains("invalid adaptor specifier '../etc/passwd'"));
    assertThrows(IllegalArgumentException.class, () -> AdaptorSpecifier.parse("lodash@>=<1"));
  }
}
