package dev.stratus.functions.bff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * One breaker serves every request of a warm function: the dashboards call it from the fan-out's
     * threads at once. Counted effects, not shapes: every failure counts towards opening it (no lost
     * update of the count), and of the callers racing at the end of a cool-off exactly one is let
     * through as the trial.
     */
    @Test
    void concurrentFailuresAreAllCountedAndExactlyOneRacingCallerGetsTheTrial() throws Exception {
        int threads = 8;
        int failuresEach = 100_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // closed until the very last of threads × failuresEach failures
            CircuitBreaker counting = new CircuitBreaker("orders", threads * failuresEach, Duration.ofSeconds(30), now::get);
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < failuresEach; i++) {
                        counting.recordFailure();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(CircuitBreaker.State.OPEN, counting.state(), "a failure was lost: the count never reached the threshold");

            int rounds = 2000;
            int doubleTrials = 0;
            for (int round = 0; round < rounds; round++) {
                CircuitBreaker racing = new CircuitBreaker("users", 1, Duration.ofSeconds(30), now::get);
                racing.tryAcquire();
                racing.recordFailure();
                now.set(now.get().plusSeconds(30));   // the cool-off is over for every caller at once
                CyclicBarrier race = new CyclicBarrier(threads);
                AtomicInteger admitted = new AtomicInteger();
                List<Future<?>> callers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    callers.add(pool.submit(() -> {
                        race.await();
                        if (racing.tryAcquire()) {
                            admitted.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : callers) {
                    f.get(60, TimeUnit.SECONDS);
                }
                if (admitted.get() != 1) {
                    doubleTrials++;
                }
            }
            assertEquals(0, doubleTrials, "rounds in which not exactly one racing caller got the half-open trial");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesNonsenseSettings() {
        assertEquals("failureThreshold must be at least 1, but was 0", assertThrows(IllegalArgumentException.class,
                () -> new CircuitBreaker("x", 0, Duration.ofSeconds(1), now::get)).getMessage());
        assertEquals("coolOff must be positive, but was PT0S", assertThrows(IllegalArgumentException.class,
                () -> new CircuitBreaker("x", 1, Duration.ZERO, now::get)).getMessage());
    }
}
