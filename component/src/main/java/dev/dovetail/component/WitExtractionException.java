package dev.dovetail.component;

/**
 * A component (or a {@code component-type} custom section) is well-formed but cannot be described
 * in WIT: an export that is neither a function nor an instance, a name that is not a WIT name, an
 * unnamed record, an index that points nowhere, and the like. Malformed bytes are reported as
 * {@link ComponentFormatException} instead.
 */
public final class WitExtractionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WitExtractionException(String message) {
        super(message);
    }

    /** Adds context in front of the message, as in {@code failed to decode export `x`: ...}. */
    WitExtractionException withContext(String context) {
        WitExtractionException e = new WitExtractionException(context + ": " + getMessage());
        e.setStackTrace(getStackTrace());
        return e;
    }
}
