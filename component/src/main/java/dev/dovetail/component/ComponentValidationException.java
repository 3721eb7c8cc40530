package dev.dovetail.component;

/**
 * A well-formed component breaks a validation rule (Binary.md / Explainer.md), e.g. an index out
 * of bounds. {@code path} locates the offending definition, e.g. {@code "section 3 (type section),
 * item 2"}; nested components and types add further segments.
 */
public final class ComponentValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String reason;

    public ComponentValidationException(String path, String reason) {
        super(reason + (path.isEmpty() ? "" : " (at " + path + ")"));
        this.path = path;
        this.reason = reason;
    }

    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
