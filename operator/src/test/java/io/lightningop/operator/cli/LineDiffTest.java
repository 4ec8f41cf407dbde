package io.lightningop.operator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {

  @Test
  void showsRemovedThenAddedLinesAndSkipsCommonOnes() {
    assertEquals(List.of("- b", "+ B", "+ c2", "- e"),
        LineDiff.changes("a\nb\nc\nd\ne\n", "a\nB\nc2\nc\nd\n"));
  }

  @Test
  void fromNothingEveryLineIsAdded() {
    assertEquals(List.of("+ x", "+ y"), LineDiff.changes(null, "x\ny"));
    assertEquals(List.of(), LineDiff.changes("same\n", "same\n"));
  }
}
