package io.lightningop.runtime.adaptor.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The keyword rewrite on its own (offsets given as a parser would report them). */
class DynamicImportsTest {
  @Test
  void textWithoutImportCallIsNeverParsed() {
    var r = DynamicImports.rewrite("const importer = require('x'); // import x", t -> { throw new AssertionError("parsed"); });
    assertEquals("const importer = require('x'); // import x", r.text());
    assertNull(r.parameter());
  }

  @Test
  void keywordBecomesAnUnusedIdentifierOfTheSameLength() {
    String text = "var $imp00 = 1;\nf(import('a'), \"import('b')\", import ('c'));";
    var r = DynamicImports.rewrite(text, t -> new int[] {t.indexOf("import('a')"), t.lastIndexOf("import (")});
    assertEquals("$imp01", r.parameter());
    assertEquals("var $imp00 = 1;\nf($imp01('a'), \"import('b')\", $imp01 ('c'));", r.text());
  }

  @Test
  void anOffsetThatIsNotTheKeywordIsABug() {
    assertThrows(IllegalStateException.class, () -> DynamicImports.rewrite("x(import('a'))", t -> new int[] {0}));
  }
}
