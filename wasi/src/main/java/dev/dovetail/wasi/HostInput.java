package dev.dovetail.wasi;

/** The host object of a {@code wasi:io/streams.input-stream}. */
sealed interface HostInput permits PipedInput, FileInput {
    /** The most one read hands back, whatever the guest asks for (the spec allows fewer). */
    int MAX_READ = 1 << 20;

    /** {@code input-stream#read}: what is available now, maybe nothing. */
    byte[] read(long len) throws StreamError;

    /** {@code input-stream#blocking-read}: at least one byte, unless {@code len} is 0. */
    byte[] blockingRead(long len) throws StreamError, InterruptedException;

    /** {@code input-stream#subscribe}. */
    Pollable subscribe();
}
