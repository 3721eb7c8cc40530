package dev.dovetail.wasi;

/** The host object of a {@code wasi:io/poll.pollable}. */
sealed interface Pollable {
    /** {@code pollable#ready}: never blocks. */
    boolean ready();

    /** Always ready: files, host output streams, closed streams. */
    record Ready() implements Pollable {
        static final Ready INSTANCE = new Ready();

        @Override
        public boolean ready() {
            return true;
        }
    }

    /** {@code subscribe-instant} / {@code subscribe-duration}: ready once the clock reaches {@code deadline}. */
    record Timer(MonotonicClock clock, long deadline) implements Pollable {
        @Override
        public boolean ready() {
            return clock.now() - deadline >= 0;
        }
    }

    /** An input stream fed by a reader thread: ready when bytes, end of stream or an error wait. */
    record Readable(PipedInput input) implements Pollable {
        @Override
        public boolean ready() {
            return input.ready();
        }
    }
}
