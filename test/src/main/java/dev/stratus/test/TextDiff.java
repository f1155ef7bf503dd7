package dev.stratus.test;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff for failure messages, in unified-diff style ({@code -} expected, {@code +} actual),
 * with a few lines of context around each change. Longest-common-subsequence over lines: quadratic,
 * which is fine for templates of a few thousand lines.
 */
final class TextDiff {
    private TextDiff() {
    }

    static String diff(String expected, String actual, int context, int maxLines) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // the edit script: ' ' keep, '-' expected only, '+' actual only; with line numbers in expected
        List<char[]> ops = new ArrayList<>();
        List<String> text = new ArrayList<>();
        List<Integer> lineNo = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add(new char[] {' '});
                text.add(a.get(i));
                lineNo.add(i + 1);
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new char[] {'-'});
                text.add(a.get(i));
                lineNo.add(i + 1);
                i++;
            } else {
                ops.add(new char[] {'+'});
                text.add(b.get(j));
                lineNo.add(i + 1);
                j++;
            }
        }
        StringBuilder out = new StringBuilder();
        int printed = 0;
        int lastPrinted = -1;
        for (int k = 0; k < ops.size() && printed < maxLines; k++) {
            if (ops.get(k)[0] == ' ') {
                continue;
            }
            int from = Math.max(lastPrinted + 1, k - context);
            if (from > lastPrinted + 1 || lastPrinted < 0) {
                out.append("@@ expected line ").append(lineNo.get(from)).append(" @@\n");
            }
            int to = k;
            // extend the hunk over changes that are within 2*context lines of each other
            for (int end = k; end < ops.size() && end <= to + 2 * context; end++) {
                if (ops.get(end)[0] != ' ') {
                    to = end;
                }
            }
            int until = Math.min(ops.size() - 1, to + context);
            for (int p = from; p <= until && printed < maxLines; p++, printed++) {
                out.append(ops.get(p)[0]).append(' ').append(text.get(p)).append('\n');
            }
            lastPrinted = until;
            k = until;
        }
        if (printed >= maxLines) {
            out.append("... (diff cut after ").append(maxLines).append(" lines)\n");
        }
        return out.toString();
    }
}
