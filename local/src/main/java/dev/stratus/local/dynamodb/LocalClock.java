package dev.stratus.local.dynamodb;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The engine's clock: what time-to-live expiry, stream record times and table creation times read.
 * It follows the system clock until a test moves it: {@link #advance} shifts it (and keeps it
 * running), {@link #freeze} stops it at an instant. Thread-safe.
 */
public final class LocalClock {
    private volatile Instant frozen;
    private volatile Duration offset = Duration.ZERO;

    /** The current time of the engine. */
    public Instant now() {
        Instant at = frozen;
        return at != null ? at : Instant.now().plus(offset);
    }

    /** Moves the clock forward (or back, with a negative duration); a frozen clock stays frozen. */
    public synchronized LocalClock advance(Duration by) {
        Objects.requireNonNull(by, "by");
        if (frozen != null) {
            frozen = frozen.plus(by);
        } else {
            offset = offset.plus(by);
        }
        return this;
    }

    /** Stops the clock at {@code at}: it stays there until moved or {@linkplain #resume() resumed}. */
    public synchronized LocalClock freeze(Instant at) {
        frozen = Objects.requireNonNull(at, "at");
        return this;
    }

    /** Lets a frozen clock run again from the instant it shows. */
    public synchronized LocalClock resume() {
        if (frozen != null) {
            offset = Duration.between(Instant.now(), frozen);
            frozen = null;
        }
        return this;
    }
}
