package dev.dovetail.compose;

import java.nio.file.Path;

/** One WAC source text: turns character offsets into spans and spans into located errors. */
final class WacSource {
    private final Path file;
    private final String text;
    private final int[] lineStarts;
    private final boolean hasSupplementary;

    WacSource(Path file, String text) {
        this.file = file;
        this.text = text;
        this.hasSupplementary = text.codePoints().anyMatch(Character::isSupplementaryCodePoint);
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        lineStarts = new int[count];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts[line++] = i + 1;
            }
        }
    }

    Path file() {
        return file;
    }

    String text() {
        return text;
    }

    /** The span of chars [start, end); its column counts code points, 1-based. */
    WacAst.Span span(int start, int end) {
        int s = Math.max(0, Math.min(start, text.length()));
        int li = lineIndex(s);
        int column = text.codePointCount(lineStarts[li], s) + 1;
        return new WacAst.Span(s, Math.max(s, Math.min(end, text.length())), li + 1, column);
    }

    /** Char offset of an ANTLR code point index. */
    int charOffset(int codePointIndex) {
        if (!hasSupplementary) {
            return Math.max(0, Math.min(codePointIndex, text.length()));
        }
        int cps = text.codePointCount(0, text.length());
        return text.offsetByCodePoints(0, Math.max(0, Math.min(codePointIndex, cps)));
    }

    CompositionException error(WacAst.Span span, String message) {
        return error(span, message, null);
    }

    /** An error at {@code span}: the message, then the source line with the span underlined. */
    CompositionException error(WacAst.Span span, String message, Throwable cause) {
        return new CompositionException(message + "\n" + snippet(span), span.location(file), cause);
    }

    private String snippet(WacAst.Span span) {
        int li = span.line() - 1;
        int lineStart = lineStarts[li];
        int lineEnd = text.indexOf('\n', lineStart);
        if (lineEnd < 0) {
            lineEnd = text.length();
        }
        String line = text.substring(lineStart, lineEnd);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        String number = Integer.toString(span.line());
        String gutter = " ".repeat(Math.max(number.length(), 4) + 1);
        if (line.length() > 500) {
            // a hostile or generated line: do not repeat it
            return gutter + "| (line " + number + " is too long to show)";
        }
        // tabs keep their width in the marker line so that the caret lines up
        StringBuilder pad = new StringBuilder();
        int offset = span.start() - lineStart;
        for (int i = 0; i < offset && i < line.length(); ) {
            int cp = line.codePointAt(i);
            pad.append(cp == '\t' ? '\t' : ' ');
            i += Character.charCount(cp);
        }
        int visibleEnd = Math.min(span.end(), lineStart + line.length());
        int width = Math.max(1, text.codePointCount(Math.min(span.start(), visibleEnd), visibleEnd));
        return gutter + "|\n"
                + " ".repeat(gutter.length() - number.length() - 1) + number + " | " + line + "\n"
                + gutter + "| " + pad + "^" + "-".repeat(width - 1);
    }

    private int lineIndex(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
