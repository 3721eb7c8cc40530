package dev.dovetail.wit;

import java.nio.file.Path;

/**
 * Every failure to read, parse or resolve WIT. When the error has a source location,
 * {@link #getMessage()} is rendered like rustc and wit-parser print it:
 *
 * <pre>
 * name `foo` is not defined
 *      --&gt; file.wit:3:12
 *       |
 *     3 |   type x = foo;
 *       |            ^--
 * </pre>
 */
public final class WitException extends RuntimeException {
    private final String reason;
    private final Path file;
    private final int line;
    private final int column;
    private final String snippet;

    WitException(String reason, Path file, int line, int column, String snippet) {
        super(snippet == null ? reason : reason + "\n" + snippet);
        this.reason = reason;
        this.file = file;
        this.line = line;
        this.column = column;
        this.snippet = snippet;
    }

    /** An error without a source location (for example a missing file). */
    public WitException(String reason, Path file) {
        this(reason, file, 0, 0, null);
    }

    /** The same error, its reason prefixed with what was being done ({@code context: reason}). */
    WitException withContext(String context) {
        WitException e = new WitException(context + ": " + reason, file, line, column, snippet);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The error without location or snippet. */
    public String reason() {
        return reason;
    }

    /** The file the error is in, or null. */
    public Path file() {
        return file;
    }

    /** 1-based line, or 0 if the error has no location. */
    public int line() {
        return line;
    }

    /** 1-based column (in characters), or 0 if the error has no location. */
    public int column() {
        return column;
    }

    public boolean hasLocation() {
        return line > 0;
    }
}
