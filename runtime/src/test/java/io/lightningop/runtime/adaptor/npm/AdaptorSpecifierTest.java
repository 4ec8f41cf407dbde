package io.lightningop.runtime.adaptor.npm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdaptorSpecifierTest {
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
