package dev.dovetail.wasi;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The tests' access to the guests and tools of {@link GuestBuilder}: a missing tool fails the
 * test when {@code CI=true} and skips it elsewhere.
 */
public final class Guests {
    private Guests() {}

    /** The outcome of a finished process. */
    public record Result(int exit, String out, String err) {
        public String describe() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** Fails (CI) or skips (elsewhere) a caller that needs a tool that is not installed. */
    public static AssertionError missing(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
        return new AssertionError(message);
    }

    private static <T> T needing(Supplier<T> s) {
        try {
            return s.get();
        } catch (GuestBuilder.MissingToolException e) {
            throw missing(e.getMessage());
        }
    }

    /** The Rust probe as a command component. */
    public static Path rustProbe() {
        return needing(GuestBuilder::rustProbe);
    }

    /** The Go probe as a command component. */
    public static Path goProbe() {
        return needing(GuestBuilder::goProbe);
    }

    /** {@code interop/node_modules/.bin/jco}. */
    public static Path jco() {
        return needing(GuestBuilder::jco);
    }

    /** {@code wasi/target/guests}. */
    public static Path guests() {
        return GuestBuilder.guests();
    }

    /** Runs a command with {@code stdin} (a file, or null for none), at most {@code timeoutSeconds}. */
    public static Result run(java.util.List<String> command, java.util.Map<String, String> env, Path stdin,
            int timeoutSeconds) {
        GuestBuilder.Result r = GuestBuilder.run(command, env, stdin, timeoutSeconds);
        return new Result(r.exit(), r.out(), r.err());
    }

    static java.util.List<String> command(Object... parts) {
        return GuestBuilder.command(parts);
    }
}
