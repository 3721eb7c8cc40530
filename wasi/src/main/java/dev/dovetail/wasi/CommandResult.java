package dev.dovetail.wasi;

/**
 * How a command component ended: {@code wasi:cli/run#run} returned {@code ok} (0) or
 * {@code err} (1), or the guest called {@code wasi:cli/exit} (its status).
 *
 * @param exitCode the process-style exit status
 * @param exited whether the guest called {@code exit} (rather than returning from {@code run})
 */
public record CommandResult(int exitCode, boolean exited) {
    /** Whether the command succeeded (exit status 0). */
    public boolean success() {
        return exitCode == 0;
    }
}
