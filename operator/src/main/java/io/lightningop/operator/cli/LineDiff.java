package io.lightningop.operator.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The changed lines between two texts ({@code -} removed, {@code +} added), by longest common
 * subsequence; enough to show what a job body change does without a diff library.
 */
final class LineDiff {
  /** Beyond this many lines on a side, only the line counts are shown. */
  static final int MAX_LINES = 2000;

  private LineDiff() {}

  /** Changed lines in order, or an empty list when either text is too long to compare. */
  static List<String> changes(String before, String after) {
    List<String> a = before == null ? List.of() : before.lines().toList();
    List<String> b = after == null ? List.of() : after.lines().toList();
    if (a.size() > MAX_LINES || b.size() > MAX_LINES) return List.of();
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        i++;
        j++;
      } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] > lcs[i + 1][j])) {
        out.add("+ " + b.get(j++));
      } else {
        out.add("- " + a.get(i++));
      }
    }
    return out;
  }
}
