package dev.stratus.functions.bff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
    final CircuitBreaker breaker = new CircuitBreaker("orders", 3, Duration.ofSeconds(30), now::get);

    void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertTrue(breaker.tryAcquire());
            breaker.recordFailure();
        }
    }

    @Test
    void opensAfterTheThresholdOfFailuresInARow() {
        fail(2);
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        fail(1);
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire());
    }

    @Test
    void aSuccessResetsTheCount() {
        fail(2);
        assertTrue(breaker.tryAcquire());
        breaker.recordSuccess();
        fail(2);
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    }

    @Test
    void afterTheCoolOffOneTrialGoesThroughAndItsSuccessCloses() {
        fail(3);
        now.set(now.get().plusSeconds(29));
        assertFalse(breaker.tryAcquire());
        now.set(now.get().plusSeconds(1));
        assertTrue(breaker.tryAcquire(), "the trial");
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertFalse(breaker.tryAcquire(), "only one trial at a time");
        breaker.recordSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire());
    }

    @Test
    void aFailedTrialOpensForAnotherCoolOff() {
        fail(3);
        now.set(now.get().plusSeconds(30));
        assertTrue(breaker.tryAcquire());
        breaker.recordFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        now.set(now.get().plusSeconds(29));
        assertFalse(breaker.tryAcquire());
    }

    @Test
    void refusesNonsenseSettings() {
        assertEquals("failureThreshold must be at least 1, but was 0", assertThrows(IllegalArgumentException.class,
                () -> new CircuitBreaker("x", 0, Duration.ofSeconds(1), now::get)).getMessage());
        assertEquals("coolOff must be positive, but was PT0S", assertThrows(IllegalArgumentException.class,
                () -> new CircuitBreaker("x", 1, Duration.ZERO, now::get)).getMessage());
    }
}
