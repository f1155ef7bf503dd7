package dev.stratus.functions.bff;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Calls downstreams in parallel, each with its own timeout and circuit breaker. A call that fails,
 * times out, or is skipped because its breaker is open yields an empty {@link Part} that names the
 * problem instead of failing the whole answer.
 */
public final class Fanout implements AutoCloseable {
    private final ExecutorService executor;

    public Fanout() {
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "bff-downstream");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The outcome of one downstream call: a value, or the reason there is none. */
    public record Part<T>(String name, Optional<T> value, String problem) {
        public boolean degraded() {
            return value.isEmpty();
        }
    }

    /** Starts {@code call} now; the future completes (never exceptionally) within about {@code timeout}. */
    public <T> CompletableFuture<Part<T>> call(String name, CircuitBreaker breaker, Duration timeout, Supplier<T> call) {
        if (!breaker.tryAcquire()) {
            return CompletableFuture.completedFuture(new Part<>(name, Optional.empty(), "circuit open"));
        }
        return CompletableFuture.supplyAsync(call, executor)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((value, failure) -> {
                    if (failure == null && value != null) {
                        breaker.recordSuccess();
                        return new Part<>(name, Optional.of(value), null);
                    }
                    breaker.recordFailure();
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                    String problem = cause == null ? "no answer"
                            : cause instanceof TimeoutException ? "timed out after " + timeout.toMillis() + " ms"
                            : "failed";
                    return new Part<>(name, Optional.empty(), problem);
                });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
