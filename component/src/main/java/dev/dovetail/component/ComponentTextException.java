package dev.dovetail.component;

/**
 * Component text (Explainer.md's text format) that {@link ComponentText} cannot read: malformed
 * text, an unknown identifier, or a definition outside the supported subset (type definitions
 * only).
 *
 * <p>Carries the file name given to {@link ComponentText#parse}, the 1-based line and column (in
 * Unicode code points) where the problem is, and the reason alone.
 */
public final class ComponentTextException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final int line;
    private final int column;
    private final String reason;

    public ComponentTextException(String fileName, int line, int column, String reason) {
        super(fileName + ":" + line + ":" + column + ": " + reason);
        this.fileName = fileName;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** The file name given to the reader (for messages only). */
    public String fileName() {
        return fileName;
    }

    /** 1-based line. */
    public int line() {
        return line;
    }

    /** 1-based column, counted in Unicode code points. */
    public int column() {
        return column;
    }

    /** The reason alone, without location. */
    public String reason() {
        return reason;
    }
}
