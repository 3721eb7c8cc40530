package dev.dovetail.wasi;

import java.util.Optional;

/**
 * The guest called {@code wasi:cli/exit#exit} or {@code exit-with-code}. Thrown from the host
 * function, it unwinds the guest (the runtime reports it as the cause of a
 * {@link dev.dovetail.runtime.ComponentTrapException}, and the instance may not be used again);
 * {@link WasiCommand} turns it into a {@link CommandResult}. The JVM never exits.
 */
public final class WasiExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    public WasiExit(int code) {
        super("guest exited with status " + code, null, false, false);
        this.code = code;
    }

    /** The exit status: 0 for {@code exit(ok)}, 1 for {@code exit(err)}, else {@code exit-with-code}'s. */
    public int code() {
        return code;
    }

    /** The exit in {@code t}'s chain of causes, if the guest exited. */
    public static Optional<WasiExit> in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof WasiExit e) {
                return Optional.of(e);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return Optional.empty();
    }
}
