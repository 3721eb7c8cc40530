package dev.dovetail.runtime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A host function written against flat core values, for generated bindings: the component's
 * lowered arguments come in as {@code long}s with a {@link FlatContext} to read its memory and
 * handles, and the body returns the flat results (or writes them behind the return pointer and
 * returns {@link FlatContext#NONE}). Define it like any host function, with {@link
 * Linker#func(String, HostFunction)}; instantiation checks the import's type against {@code
 * signature} ({@link FlatFunction#signature}).
 *
 * <p>Only components call it: called through the {@link Val} API (a component re-exporting the
 * import) it fails. An {@code async} lower of it traps.
 */
public final class FlatHostFunction implements HostFunction {

    /** The body: flat arguments in, flat results out. */
    @FunctionalInterface
    public interface Body {
        long[] call(FlatContext cx, long[] args);
    }

    private final String signature;
    private final Body body;

    private FlatHostFunction(String signature, Body body) {
        this.signature = signature;
        this.body = body;
    }

    public static FlatHostFunction of(String signature, Body body) {
        return new FlatHostFunction(Objects.requireNonNull(signature), Objects.requireNonNull(body));
    }

    public String signature() {
        return signature;
    }

    Body body() {
        return body;
    }

    /** Fails at link time when the import it satisfies has another type. */
    void checkType(FuncType type, String where) {
        String actual = FlatFunction.signature(type);
        if (!actual.equals(signature)) {
            throw new ComponentLinkException("import \"" + where + "\" has type " + actual
                    + " but its host function was generated for " + signature);
        }
    }

    @Override
    public Optional<Val> call(List<Val> args) {
        throw new UnsupportedOperationException("a typed host function (" + signature + ") is called by components only");
    }
}
