package dev.dovetail.component;

/**
 * A broken validation rule, thrown inside the validator without location; {@link
 * ComponentValidator} adds where it happened and rethrows it as {@link
 * ComponentValidationException}.
 */
final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String reason) {
        super(reason, null, false, false);
    }

    /** The same failure explained by an outer rule, e.g. "type mismatch in record field `x`: ...". */
    Invalid context(String outer) {
        return new Invalid(outer + ": " + getMessage());
    }
}
