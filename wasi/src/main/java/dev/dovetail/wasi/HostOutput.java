package dev.dovetail.wasi;

/** The host object of a {@code wasi:io/streams.output-stream}. */
sealed interface HostOutput permits JavaOutput, FileOutput {
    /** What {@code check-write} permits at a time. */
    long PERMIT = 1 << 20;

    /** {@code output-stream#check-write}. */
    long checkWrite() throws StreamError;

    /** {@code output-stream#write}: the caller has checked the permit. */
    void write(byte[] bytes) throws StreamError;

    /** {@code output-stream#flush} (host streams flush synchronously). */
    void flush() throws StreamError;

    /** {@code output-stream#subscribe}: host output streams are always ready. */
    default Pollable subscribe() {
        return Pollable.Ready.INSTANCE;
    }
}
