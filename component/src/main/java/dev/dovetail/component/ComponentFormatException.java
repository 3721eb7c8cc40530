package dev.dovetail.component;

/**
 * A component binary is malformed: it does not match the grammar of Binary.md.
 *
 * <p>Carries the absolute byte offset in the outermost input, the section being read (for
 * example {@code "type section"}, or {@code "preamble"}) and the reason.
 */
public final class ComponentFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String section;
    private final String reason;

    public ComponentFormatException(long offset, String section, String reason) {
        super(reason + " (at byte offset " + offset + (section == null ? "" : ", in " + section) + ")");
        this.offset = offset;
        this.section = section;
        this.reason = reason;
    }

    /** Absolute byte offset in the decoded input. */
    public long offset() {
        return offset;
    }

    /** The section being decoded, or {@code null} outside of any section. */
    public String section() {
        return section;
    }

    /** The reason alone, without offset and section. */
    public String reason() {
        return reason;
    }
}
