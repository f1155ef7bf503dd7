package dev.stratus.functions.bff;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Stops calling a downstream that keeps failing, and tries it again after a cool-off.
 *
 * <p>Closed: every call goes through; {@code failureThreshold} failures in a row open it. Open:
 * no call goes through until {@code coolOff} has passed, then one trial call is let through
 * (half-open). The trial's success closes the breaker; its failure opens it for another cool-off.
 * Thread-safe; one instance per downstream, kept across invocations of a warm function.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final String name;
    private final int failureThreshold;
    private final Duration coolOff;
    private final Supplier<Instant> clock;
    private final Runnable onOpen;

    private State state = State.CLOSED;
    private int failures;
    private Instant openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(String name, int failureThreshold, Duration coolOff, Supplier<Instant> clock) {
        this(name, failureThreshold, coolOff, clock, () -> { });
    }

    /** @param onOpen called each time the breaker opens (from closed or half-open), e.g. to count it; must not block */
    public CircuitBreaker(String name, int failureThreshold, Duration coolOff, Supplier<Instant> clock, Runnable onOpen) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1, but was " + failureThreshold);
        }
        if (coolOff.isNegative() || coolOff.isZero()) {
            throw new IllegalArgumentException("coolOff must be positive, but was " + coolOff);
        }
        this.name = name;
        this.failureThreshold = failureThreshold;
        this.coolOff = coolOff;
        this.clock = clock;
        this.onOpen = onOpen;
    }

    /** Whether a call may go through now; in half-open state, only one trial at a time. */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (!clock.get().isBefore(openedAt.plus(coolOff))) {
                    state = State.HALF_OPEN;
                    trialInFlight = true;
                    return true;
                }
                return false;
            default:
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
        }
    }

    public synchronized void recordSuccess() {
        state = State.CLOSED;
        failures = 0;
        trialInFlight = false;
    }

    public void recordFailure() {
        boolean opened;
        synchronized (this) {
            trialInFlight = false;
            failures++;
            opened = state != State.OPEN && (state == State.HALF_OPEN || failures >= failureThreshold);
            if (state == State.HALF_OPEN || failures >= failureThreshold) {
                state = State.OPEN;
                openedAt = clock.get();
            }
        }
        if (opened) {
            onOpen.run();
        }
    }

    public synchronized State state() {
        return state;
    }

    public String name() {
        return name;
    }
}
