package dev.dovetail.runtime;

/**
 * A component could not be instantiated: an import is missing or has the wrong kind, or a core
 * module cannot be linked. (Traps during instantiation, such as a trapping start function, are
 * {@link ComponentTrapException}s.)
 */
public final class ComponentLinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ComponentLinkException(String message) {
        super(message);
    }

    public ComponentLinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
