package dev.stratus.functions.bff;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Calls downstreams in parallel, each with its own timeout and circuit breaker. A call that fails,
 * times out, or is skipped because its breaker is open yields a {@link Part} that names the
 * problem instead of failing the whole answer. A call still running at its timeout is cancelled
 * (its thread interrupted): it does not keep a thread and a connection busy after nobody waits for
 * it. The SDK clients' own call timeouts bound what an interrupt cannot stop (a blocking read).
 *
 * <p>Only faults ({@link #faults}: timeouts, throttling, 5xx, an unreachable downstream) count
 * against a breaker; any other answer — an empty one, a 4xx, a malformed item — shows that the
 * downstream is up and counts as a success, although that part is still degraded.
 */
public final class Fanout implements AutoCloseable {
    private final ExecutorService executor;
    private final ScheduledThreadPoolExecutor timer;
    private final Predicate<Throwable> faults;

    public Fanout(Predicate<Throwable> faults) {
        this.faults = faults;
        this.executor = Executors.newCachedThreadPool(runnable -> daemon(runnable, "bff-downstream"));
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> daemon(runnable, "bff-timeouts"));
        this.timer.setRemoveOnCancelPolicy(true);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * The outcome of one downstream call: a value, nothing (the downstream has none, e.g. a user
     * without a profile: {@code problem} null), or the problem that left it without an answer.
     */
    public record Part<T>(String name, Optional<T> value, String problem) {
        public boolean degraded() {
            return problem != null;
        }
    }

    /** Starts {@code call} now; the future completes (never exceptionally) within about {@code timeout}. */
    public <T> CompletableFuture<Part<T>> call(String name, CircuitBreaker breaker, Duration timeout, Supplier<T> call) {
        if (!breaker.tryAcquire()) {
            return CompletableFuture.completedFuture(new Part<>(name, Optional.empty(), "circuit open"));
        }
        CompletableFuture<Part<T>> result = new CompletableFuture<>();
        // whoever settles the call (the call itself or its deadline) records it in the breaker *before*
        // completing the future: a caller that joined sees the breaker's new state
        AtomicBoolean settled = new AtomicBoolean();
        Future<?> running = executor.submit(() -> {
            Part<T> part;
            boolean fault = false;
            try {
                part = new Part<>(name, Optional.ofNullable(call.get()), null);
            } catch (RuntimeException | Error e) {
                fault = faults.test(e);
                part = new Part<>(name, Optional.empty(), fault ? "failed" : "failed (" + e.getClass().getSimpleName() + ")");
            }
            if (settled.compareAndSet(false, true)) {
                if (fault) {
                    breaker.recordFailure();
                } else {
                    breaker.recordSuccess();
                }
                result.complete(part);
            }
        });
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                breaker.recordFailure();
                result.complete(new Part<>(name, Optional.empty(), "timed out after " + timeout.toMillis() + " ms"));
                running.cancel(true);
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((part, ignored) -> deadline.cancel(false));
        return result;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        executor.shutdownNow();
    }
}
