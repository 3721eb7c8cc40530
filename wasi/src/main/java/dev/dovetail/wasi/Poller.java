package dev.dovetail.wasi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code wasi:io/poll#poll}: waits until at least one pollable is ready. */
final class Poller {
    private Poller() {}

    private static final Object LOCK = new Object();
    private static long generation;

    /** Wakes pollers: a reader thread has something new. */
    static void wake() {
        synchronized (LOCK) {
            generation++;
            LOCK.notifyAll();
        }
    }

    /**
     * The indices of the ready pollables, after blocking until there is at least one. Only timers:
     * the clock sleeps until the earliest deadline (a simulated clock jumps). Otherwise: waits for a
     * reader thread's signal, re-checking timers at least every 10 ms.
     */
    static List<Integer> poll(List<Pollable> in) throws InterruptedException {
        if (in.isEmpty()) {
            throw new IllegalArgumentException("poll: the list of pollables is empty");
        }
        while (true) {
            long seen;
            synchronized (LOCK) {
                seen = generation;
            }
            List<Integer> ready = new ArrayList<>();
            for (int i = 0; i < in.size(); i++) {
                if (in.get(i).ready()) {
                    ready.add(i);
                }
            }
            if (!ready.isEmpty()) {
                return ready;
            }
            Pollable.Timer earliest = null;
            boolean onlyTimers = true;
            for (Pollable p : in) {
                if (p instanceof Pollable.Timer t) {
                    if (earliest == null || t.deadline() - earliest.deadline() < 0) {
                        earliest = t;
                    }
                } else {
                    onlyTimers = false;
                }
            }
            if (onlyTimers) {
                earliest.clock().sleepUntil(earliest.deadline());
                continue;
            }
            long waitNanos = TimeUnit.MILLISECONDS.toNanos(10);
            if (earliest == null) {
                waitNanos = TimeUnit.SECONDS.toNanos(1);
            }
            synchronized (LOCK) {
                if (generation == seen) {
                    TimeUnit.NANOSECONDS.timedWait(LOCK, waitNanos);
                }
            }
        }
    }

    /** {@code pollable#block}. */
    static void block(Pollable p) throws InterruptedException {
        poll(List.of(p));
    }
}
