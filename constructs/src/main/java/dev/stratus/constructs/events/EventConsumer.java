package dev.stratus.constructs.events;

import java.util.Map;

import dev.stratus.constructs.function.SecureFunction;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.sns.SubscriptionFilter;

/**
 * One consumer of an {@link EventDrivenService}: a name, what it wants (an EventBridge event
 * pattern, or an SNS filter policy), and the {@link SecureFunction} that processes it through its
 * own queue. Every setting returns a new value.
 *
 * <pre>{@code
 * EventConsumer.of("SendWelcomeEmail", welcome)
 *         .eventPattern(EventPattern.builder().source(List.of("stratus.users")).detailType(List.of("user.created")).build())
 *         .batchSize(10)
 * }</pre>
 */
public final class EventConsumer {
    static final int DEFAULT_BATCH_SIZE = 10;
    static final int DEFAULT_MAX_RECEIVE_COUNT = 5;

    private final String name;
    private final SecureFunction function;
    private final EventPattern eventPattern;
    private final Map<String, SubscriptionFilter> filterPolicy;
    private final boolean fifo;
    private final int batchSize;
    private final Duration maxBatchingWindow;
    private final Integer maxConcurrency;
    private final int maxReceiveCount;
    private final Duration visibilityTimeout;

    private EventConsumer(String name, SecureFunction function, EventPattern eventPattern, Map<String, SubscriptionFilter> filterPolicy,
                          boolean fifo, int batchSize, Duration maxBatchingWindow, Integer maxConcurrency, int maxReceiveCount,
                          Duration visibilityTimeout) {
        this.name = name;
        this.function = function;
        this.eventPattern = eventPattern;
        this.filterPolicy = filterPolicy;
        this.fifo = fifo;
        this.batchSize = batchSize;
        this.maxBatchingWindow = maxBatchingWindow;
        this.maxConcurrency = maxConcurrency;
        this.maxReceiveCount = maxReceiveCount;
        this.visibilityTimeout = visibilityTimeout;
    }

    /** A consumer named {@code name} (PascalCase: it names the queues) processed by {@code function}'s live alias. */
    public static EventConsumer of(String name, SecureFunction function) {
        return new EventConsumer(name, function, null, null, false, DEFAULT_BATCH_SIZE, null, null, DEFAULT_MAX_RECEIVE_COUNT, null);
    }

    /** The EventBridge events this consumer receives (EventBridge source; required there). */
    public EventConsumer eventPattern(EventPattern pattern) {
        return new EventConsumer(name, function, pattern, filterPolicy, fifo, batchSize, maxBatchingWindow, maxConcurrency, maxReceiveCount, visibilityTimeout);
    }

    /** The SNS messages this consumer receives (SNS sources). Default: all. */
    public EventConsumer filterPolicy(Map<String, SubscriptionFilter> policy) {
        return new EventConsumer(name, function, eventPattern, Map.copyOf(policy), fifo, batchSize, maxBatchingWindow, maxConcurrency, maxReceiveCount, visibilityTimeout);
    }

    /** A FIFO consumer (SNS FIFO source only): FIFO queue and DLQ. */
    public EventConsumer fifo() {
        return new EventConsumer(name, function, eventPattern, filterPolicy, true, batchSize, maxBatchingWindow, maxConcurrency, maxReceiveCount, visibilityTimeout);
    }

    /** Records per invocation: 1–10 for FIFO queues, 1–10000 for standard ones (over 10 needs a batching window). Default: 10. */
    public EventConsumer batchSize(int size) {
        return new EventConsumer(name, function, eventPattern, filterPolicy, fifo, size, maxBatchingWindow, maxConcurrency, maxReceiveCount, visibilityTimeout);
    }

    /** How long Lambda may gather records before invoking, up to 5 minutes (standard queues). Default: none. */
    public EventConsumer maxBatchingWindow(Duration window) {
        return new EventConsumer(name, function, eventPattern, filterPolicy, fifo, batchSize, window, maxConcurrency, maxReceiveCount, visibilityTimeout);
    }

    /** Concurrent invocations for this queue, 2–1000. Default: no limit besides the function's. */
    public EventConsumer maxConcurrency(int concurrency) {
        return new EventConsumer(name, function, eventPattern, filterPolicy, fifo, batchSize, maxBatchingWindow, concurrency, maxReceiveCount, visibilityTimeout);
    }

    /** Deliveries before a message moves to the DLQ, 1–1000. Default: 5. */
    public EventConsumer maxReceiveCount(int count) {
        return new EventConsumer(name, function, eventPattern, filterPolicy, fifo, batchSize, maxBatchingWindow, maxConcurrency, count, visibilityTimeout);
    }

    /** The queue's visibility timeout: at least 6 × the function timeout (AWS's guidance). Default: 6 × the function timeout. */
    public EventConsumer visibilityTimeout(Duration timeout) {
        return new EventConsumer(name, function, eventPattern, filterPolicy, fifo, batchSize, maxBatchingWindow, maxConcurrency, maxReceiveCount, timeout);
    }

    public String name() {
        return name;
    }

    public SecureFunction function() {
        return function;
    }

    public EventPattern eventPattern() {
        return eventPattern;
    }

    public Map<String, SubscriptionFilter> filterPolicy() {
        return filterPolicy;
    }

    public boolean isFifo() {
        return fifo;
    }

    public int batchSize() {
        return batchSize;
    }

    public Duration maxBatchingWindow() {
        return maxBatchingWindow;
    }

    public Integer maxConcurrency() {
        return maxConcurrency;
    }

    public int maxReceiveCount() {
        return maxReceiveCount;
    }

    /** The configured visibility timeout, or 6 × the function timeout. */
    public Duration effectiveVisibilityTimeout() {
        if (visibilityTimeout != null) {
            return visibilityTimeout;
        }
        return Duration.seconds(function.getTimeout().toSeconds().longValue() * 6);
    }

    Duration visibilityTimeout() {
        return visibilityTimeout;
    }
}
