package dev.dovetail.wit;

import java.nio.file.Path;

/** One WIT source text and its path, able to turn offsets into line:column and render errors. */
final class Source {
    private final Path path;
    private final String text;
    private int[] lineStarts;

    private final boolean hasSupplementary;

    Source(Path path, String text) {
        this.path = path;
        this.text = text;
        this.hasSupplementary = text.codePoints().anyMatch(Character::isSupplementaryCodePoint);
    }

    /** Converts an ANTLR code point index into a char offset of {@link #text()}. */
    int charOffset(int codePointIndex) {
        if (codePointIndex <= 0) {
            return 0;
        }
        if (!hasSupplementary) {
            return Math.min(codePointIndex, text.length());
        }
        int cps = text.codePointCount(0, text.length());
        return text.offsetByCodePoints(0, Math.min(codePointIndex, cps));
    }

    /** Char offset of 1-based {@code line} and 0-based code point column (as ANTLR reports them). */
    int offsetOf(int line, int column) {
        int[] starts = lineStarts();
        int start = starts[Math.max(0, Math.min(line - 1, starts.length - 1))];
        int cps = text.codePointCount(start, text.length());
        return text.offsetByCodePoints(start, Math.min(column, cps));
    }

    Path path() {
        return path;
    }

    String text() {
        return text;
    }

    private int[] lineStarts() {
        if (lineStarts == null) {
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    count++;
                }
            }
            int[] starts = new int[count];
            int line = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts[line++] = i + 1;
                }
            }
            lineStarts = starts;
        }
        return lineStarts;
    }

    /** 0-based line index of a char offset. */
    private int lineIndex(int offset) {
        int[] starts = lineStarts();
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** An error at {@code span}, rendered as wit-parser does: message, location, line and caret. */
    WitException error(String message, Span span) {
        int offset = Math.min(Math.max(span.start(), 0), text.length());
        int li = lineIndex(offset);
        int lineStart = lineStarts()[li];
        int lineEnd = text.indexOf('\n', lineStart);
        if (lineEnd < 0) {
            lineEnd = text.length();
        }
        String lineText = text.substring(lineStart, lineEnd);
        if (lineText.endsWith("\r")) {
            lineText = lineText.substring(0, lineText.length() - 1);
        }
        int line = li + 1;
        // Columns count characters (code points), 1-based.
        int column = text.codePointCount(lineStart, offset) + 1;
        int width = Math.max(1, Math.min(span.end(), lineStart + lineText.length()) - offset);
        String location = path + ":" + line + ":" + column;
        String snippet;
        if (lineText.length() > 1000) {
            // do not print enormous lines (hostile or generated input)
            snippet = "     --> " + location;
        } else {
            String number = Integer.toString(line);
            String gutter = " ".repeat(Math.max(number.length(), 4) + 2);
            snippet = "     --> " + location + "\n"
                    + gutter + "|\n"
                    + String.format("%5s", number) + " | " + lineText + "\n"
                    + gutter + "| " + " ".repeat(column - 1) + "^" + "-".repeat(width - 1);
        }
        return new WitException(message, path, line, column, snippet);
    }
}
