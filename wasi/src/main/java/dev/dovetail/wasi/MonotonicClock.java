package dev.dovetail.wasi;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The source of {@code wasi:clocks/monotonic-clock}: nanoseconds that never go back, and the
 * waiting behind its pollables ({@code subscribe-instant}, {@code subscribe-duration}).
 */
public interface MonotonicClock {
    /** {@code monotonic-clock#now}, in nanoseconds. */
    long now();

    /** {@code monotonic-clock#resolution}, in nanoseconds. */
    long resolution();

    /**
     * Waits until {@link #now()} reaches {@code instant}; returns at once if it has. A simulated
     * clock just moves its time forward.
     */
    void sleepUntil(long instant) throws InterruptedException;

    /**
     * The host's {@link System#nanoTime()}, shifted so that it reads one second at the clock's
     * creation (never negative): real time, real waiting.
     */
    static MonotonicClock system() {
        long origin = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
        return new MonotonicClock() {
            @Override
            public long now() {
                return System.nanoTime() - origin;
            }

            @Override
            public long resolution() {
                return 1;
            }

            @Override
            public void sleepUntil(long instant) throws InterruptedException {
                long left;
                while ((left = instant - now()) > 0) {
                    LockSupport.parkNanos(this, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
            }
        };
    }

    /**
     * A simulated clock for reproducible tests: starts at {@code start}, advances by {@code step}
     * nanoseconds on every reading, and jumps forward instead of waiting.
     */
    static MonotonicClock simulated(long start, long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must not be negative");
        }
        AtomicLong time = new AtomicLong(start);
        return new MonotonicClock() {
            @Override
            public long now() {
                return time.getAndAdd(step);
            }

            @Override
            public long resolution() {
                return Math.max(step, 1);
            }

            @Override
            public void sleepUntil(long instant) {
                time.accumulateAndGet(instant, Math::max);
            }
        };
    }
}
