package dev.dovetail.wasi;

import dev.dovetail.testing.Needs;
import dev.dovetail.testing.Processes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The tests' access to the guests and tools of {@link GuestBuilder}: a missing tool fails the
 * test when {@code CI=true} and skips it elsewhere ({@link Needs}).
 */
public final class Guests {
    private Guests() {}

    /** The Rust probe as a command component. */
    public static Path rustProbe() {
        return Needs.tool(GuestBuilder::rustProbe);
    }

    /** The Go probe as a command component. */
    public static Path goProbe() {
        return Needs.tool(GuestBuilder::goProbe);
    }

    /** {@code interop/node_modules/.bin/jco}. */
    public static Path jco() {
        return Needs.tool(GuestBuilder::jco);
    }

    /** {@code wasi/target/guests}. */
    public static Path guests() {
        return GuestBuilder.guests();
    }

    /** Runs a command with {@code stdin} (a file, or null for none), at most {@code timeoutSeconds}. */
    public static Processes.Result run(List<String> command, Map<String, String> env, Path stdin, int timeoutSeconds) {
        return GuestBuilder.run(command, env, stdin, timeoutSeconds);
    }
}
