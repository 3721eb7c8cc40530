package dev.dovetail.compose;

/**
 * Why a core module cannot be made a component: it is malformed or carries no usable world, an
 * import is not in the world, a world export is missing or has the wrong core signature, or an
 * adapter does not fit. The message names the import, export or adapter at fault.
 */
public final class ComponentizeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ComponentizeException(String message) {
        super(message);
    }

    public ComponentizeException(String message, Throwable cause) {
        super(message, cause);
    }
}
