package dev.dovetail.runtime.core;

/** A core module could not be parsed, linked or instantiated (not a trap). */
public final class CoreLinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CoreLinkException(String message, Throwable cause) {
        super(message, cause);
    }

    public CoreLinkException(String message) {
        super(message);
    }
}
