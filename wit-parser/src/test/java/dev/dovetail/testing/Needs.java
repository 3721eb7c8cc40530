package dev.dovetail.testing;

import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The tests' policy for a missing tool: the test fails when {@code CI=true} (CI installs every
 * tool, so a missing one is a broken setup) and is skipped elsewhere.
 */
public final class Needs {
    private Needs() {}

    /** Fails (CI) or skips (elsewhere) the calling test; the return value is for {@code throw}. */
    public static AssertionError missing(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
        return new AssertionError(message);
    }

    /** The result of {@code find}, or {@link #missing} when it throws {@link Tools.MissingToolException}. */
    public static <T> T tool(Supplier<T> find) {
        try {
            return find.get();
        } catch (Tools.MissingToolException e) {
            throw missing(e.getMessage());
        }
    }
}
