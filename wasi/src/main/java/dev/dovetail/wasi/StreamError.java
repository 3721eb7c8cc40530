package dev.dovetail.wasi;

import java.io.IOException;

/** {@code wasi:io/streams.stream-error}: {@code closed}, or {@code last-operation-failed(error)}. */
final class StreamError extends Exception {
    private static final long serialVersionUID = 1L;

    private static final StreamError CLOSED = new StreamError(null);

    private final transient IoError failure;

    private StreamError(IoError failure) {
        super(failure == null ? "closed" : failure.message(), null, false, false);
        this.failure = failure;
    }

    static StreamError closed() {
        return CLOSED;
    }

    static StreamError failed(IOException e) {
        return new StreamError(new IoError(String.valueOf(e.getMessage()), ErrorCode.of(e)));
    }

    /** The failure, or null for {@code closed}. */
    IoError failure() {
        return failure;
    }
}
