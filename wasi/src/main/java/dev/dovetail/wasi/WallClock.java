package dev.dovetail.wasi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The source of {@code wasi:clocks/wall-clock}: the time of day, which may jump. */
public interface WallClock {
    /** {@code wall-clock#now}. */
    Instant now();

    /** {@code wall-clock#resolution}. */
    Duration resolution();

    /** The host's clock ({@link Clock#systemUTC()}), reported at microsecond resolution. */
    static WallClock system() {
        Clock clock = Clock.systemUTC();
        return new WallClock() {
            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public Duration resolution() {
                return Duration.ofNanos(1_000);
            }
        };
    }

    /** A clock that always reads {@code instant} (for reproducible tests). */
    static WallClock fixed(Instant instant) {
        Objects.requireNonNull(instant);
        return new WallClock() {
            @Override
            public Instant now() {
                return instant;
            }

            @Override
            public Duration resolution() {
                return Duration.ofNanos(1);
            }
        };
    }
}
