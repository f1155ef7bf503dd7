package dev.stratus.local.dynamodb;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A failure to inject into chosen requests, deterministically: by count ({@link #times},
 * {@link #after}) or by a seeded probability ({@link #withProbability}). Register it with
 * {@link Faults#inject}. A fault matches a request when the operation and, if given, one of the
 * tables the request touches match.
 *
 * <pre>{@code
 * db.faults().inject(Fault.throttle().on("PutItem").table("orders").times(2));
 * db.faults().inject(Fault.transactionConflict().on("TransactWriteItems").times(1));
 * db.faults().inject(Fault.delay(Duration.ofMillis(200)).on("Query"));
 * db.faults().inject(Fault.internalError().withProbability(0.05, 42));
 * }</pre>
 */
public final class Fault {
    /** What the fault does to a request it matches. */
    public enum Kind {
        /** {@code ProvisionedThroughputExceededException} (HTTP 400; the SDK retries it). */
        PROVISIONED_THROUGHPUT_EXCEEDED,
        /** {@code ThrottlingException} (HTTP 400; the SDK retries it). */
        THROTTLING,
        /** {@code InternalServerError} (HTTP 500; the SDK retries it). */
        INTERNAL_SERVER_ERROR,
        /**
         * A conflicting transaction: {@code TransactionCanceledException} with reason
         * {@code TransactionConflict} on the items of the matching tables for TransactWriteItems and
         * TransactGetItems, {@code TransactionConflictException} for single-item writes.
         */
        TRANSACTION_CONFLICT,
        /** The request is answered normally, after a delay. */
        DELAY,
        /**
         * BatchWriteItem and BatchGetItem answer every request of the matching tables as unprocessed
         * ({@code UnprocessedItems}/{@code UnprocessedKeys}) and do nothing with them.
         */
        UNPROCESSED
    }

    private final Kind kind;
    private final Duration delay;
    private final Set<String> operations;
    private final Set<String> tables;
    private final int skip;
    private final int times;
    private final double probability;
    private final long seed;

    private Fault(Kind kind, Duration delay, Set<String> operations, Set<String> tables, int skip, int times,
                  double probability, long seed) {
        this.kind = kind;
        this.delay = delay;
        this.operations = operations;
        this.tables = tables;
        this.skip = skip;
        this.times = times;
        this.probability = probability;
        this.seed = seed;
    }

    private static Fault of(Kind kind, Duration delay) {
        return new Fault(kind, delay, Set.of(), Set.of(), 0, Integer.MAX_VALUE, 1.0, 0);
    }

    /** {@code ProvisionedThroughputExceededException}. */
    public static Fault throttle() {
        return of(Kind.PROVISIONED_THROUGHPUT_EXCEEDED, Duration.ZERO);
    }

    /** {@code ThrottlingException}. */
    public static Fault throttling() {
        return of(Kind.THROTTLING, Duration.ZERO);
    }

    /** {@code InternalServerError}. */
    public static Fault internalError() {
        return of(Kind.INTERNAL_SERVER_ERROR, Duration.ZERO);
    }

    /** A conflicting transaction (see {@link Kind#TRANSACTION_CONFLICT}). */
    public static Fault transactionConflict() {
        return of(Kind.TRANSACTION_CONFLICT, Duration.ZERO);
    }

    /** Answers normally after {@code delay}. */
    public static Fault delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, but was " + delay);
        }
        return of(Kind.DELAY, delay);
    }

    /** Batch requests come back unprocessed (see {@link Kind#UNPROCESSED}). */
    public static Fault unprocessed() {
        return of(Kind.UNPROCESSED, Duration.ZERO);
    }

    /** Only these operations (e.g. {@code "PutItem"}). Default: every operation. */
    public Fault on(String... operations) {
        return new Fault(kind, delay, Set.copyOf(List.of(operations)), tables, skip, times, probability, seed);
    }

    /** Only requests touching one of these tables. Default: any table, and requests without one. */
    public Fault table(String... tables) {
        return new Fault(kind, delay, operations, Set.copyOf(List.of(tables)), skip, times, probability, seed);
    }

    /** Fire on at most {@code n} matching requests, then stop. Default: unlimited. */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1, but was " + n);
        }
        return new Fault(kind, delay, operations, tables, skip, n, probability, seed);
    }

    /** Let the first {@code n} matching requests through untouched. Default: 0. */
    public Fault after(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("after must not be negative, but was " + n);
        }
        return new Fault(kind, delay, operations, tables, n, times, probability, seed);
    }

    /**
     * Fire on each matching request with probability {@code p}, drawn from a generator seeded with
     * {@code seed}, so that a run repeats exactly. Default: every matching request.
     */
    public Fault withProbability(double p, long seed) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be in (0, 1], but was " + p);
        }
        return new Fault(kind, delay, operations, tables, skip, times, p, seed);
    }

    /** What the fault does. */
    public Kind kind() {
        return kind;
    }

    /** The delay of a delay fault, or null. */
    public Duration delayDuration() {
        return delay;
    }

    /** The operations it fires on; empty for all. */
    public Set<String> operations() {
        return operations;
    }

    /** The tables it fires on; empty for all. */
    public Set<String> tables() {
        return tables;
    }

    /** Matching requests let through before it fires. Default: 0. */
    public int skip() {
        return skip;
    }

    /** How many times it fires at most. Default: unbounded. */
    public int maxTimes() {
        return times;
    }

    /** The probability it fires on a matching request. Default: 1. */
    public double probability() {
        return probability;
    }

    /** The seed of the generator drawing against {@link #probability()}. */
    public long seed() {
        return seed;
    }

    @Override
    public String toString() {
        return kind + (operations.isEmpty() ? "" : " on " + operations) + (tables.isEmpty() ? "" : " for " + tables)
                + (skip > 0 ? " after " + skip : "") + (times < Integer.MAX_VALUE ? " times " + times : "")
                + (probability < 1 ? " p=" + probability + " seed=" + seed : "");
    }
}
