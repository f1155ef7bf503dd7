package dev.stratus.constructs.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.monitoring.AlarmPolicy;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IAlias;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.IVersion;
import software.amazon.awscdk.services.sns.SubscriptionFilter;

/**
 * One consumer of an {@link EventDrivenService}: a name, what it wants (an EventBridge event
 * pattern, or an SNS filter policy), and the function that processes it through its own queue. A
 * {@link SecureFunction} consumes through its {@code live} alias; any other {@link IFunction} (a
 * {@code Function}, an {@code Alias}, a {@code Version}, an imported function) is used as given.
 * An immutable value: every setting returns a new one.
 *
 * <pre>{@code
 * EventConsumer.of("SendWelcomeEmail", welcome)
 *         .eventPattern(EventPattern.builder().source(List.of("stratus.users")).detailType(List.of("user.created")).build())
 *         .batchSize(10)
 * }</pre>
 */
public final class EventConsumer {
    /** Never changed once this value holds it: {@link #with} changes a copy. */
    private final Settings s;

    private EventConsumer(Settings settings) {
        this.s = settings;
    }

    /** A consumer named {@code name} (PascalCase: it names the queues) processed by {@code function}'s live alias. */
    public static EventConsumer of(String name, SecureFunction function) {
        Settings settings = new Settings();
        settings.name = name;
        settings.function = function == null ? null : function.getAlias();
        settings.functionTimeout = function == null ? null : function.getTimeout();
        return new EventConsumer(settings);
    }

    /**
     * A consumer named {@code name} processed by {@code function} as given: a {@code Function}, an
     * {@code Alias} or a {@code Version}. The visibility timeout defaults to 6 × the function's
     * timeout when it is known (a {@code Function} of this app, or an alias or version of one); for an
     * imported function set {@link #visibilityTimeout(Duration)}.
     */
    public static EventConsumer of(String name, IFunction function) {
        Settings settings = new Settings();
        settings.name = name;
        settings.function = function;
        settings.functionTimeout = timeoutOf(function);
        return new EventConsumer(settings);
    }

    /** The timeout of {@code function}, of the function behind an alias or version; null when not known here. */
    private static Duration timeoutOf(IFunction function) {
        IFunction lambda = function;
        if (lambda instanceof IAlias alias) {
            lambda = alias.getVersion().getLambda();
        } else if (lambda instanceof IVersion version) {
            lambda = version.getLambda();
        }
        if (lambda instanceof Function owned) {
            return owned.getTimeout() != null ? owned.getTimeout() : Defaults.LAMBDA_DEFAULT_TIMEOUT;
        }
        return null;
    }

    private EventConsumer with(Consumer<Settings> change) {
        Settings copy = s.copy();
        change.accept(copy);
        return new EventConsumer(copy);
    }

    /** The EventBridge events this consumer receives (EventBridge source; required there). */
    public EventConsumer eventPattern(EventPattern pattern) {
        return with(c -> c.eventPattern = pattern);
    }

    /** The SNS messages this consumer receives (SNS sources). Default: all. */
    public EventConsumer filterPolicy(Map<String, SubscriptionFilter> policy) {
        // a copy that keeps null entries, so that validation can name them
        return with(c -> c.filterPolicy = policy == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(policy)));
    }

    /** A FIFO consumer (SNS FIFO source only): FIFO queue and DLQ. */
    public EventConsumer fifo() {
        return with(c -> c.fifo = true);
    }

    /** Records per invocation: 1–10 for FIFO queues, 1–10000 for standard ones (over 10 needs a batching window). Default: 10. */
    public EventConsumer batchSize(Number size) {
        return with(c -> c.batchSize = size);
    }

    /** How long Lambda may gather records before invoking, up to 5 minutes (standard queues). Default: none. */
    public EventConsumer maxBatchingWindow(Duration window) {
        return with(c -> c.maxBatchingWindow = window);
    }

    /** Concurrent invocations for this queue, 2–1000. Default: no limit besides the function's. */
    public EventConsumer maxConcurrency(Number concurrency) {
        return with(c -> c.maxConcurrency = concurrency);
    }

    /** Deliveries before a message moves to the DLQ, 1–1000. Default: 5. */
    public EventConsumer maxReceiveCount(Number count) {
        return with(c -> c.maxReceiveCount = count);
    }

    /**
     * The queue's visibility timeout: at least 6 × the function timeout (AWS's guidance), at most 12
     * hours. Default: 6 × the function timeout; required when that timeout is unknown (an imported function).
     */
    public EventConsumer visibilityTimeout(Duration timeout) {
        return with(c -> c.visibilityTimeout = timeout);
    }

    /**
     * How long the consumer's queue keeps a message, 1 minute to 13 days: shorter than its DLQ's 14
     * days, because SQS keeps a message's original enqueue time when it moves it to a (standard) DLQ.
     * Default: 4 days.
     */
    public EventConsumer retentionPeriod(Duration retention) {
        return with(c -> c.retentionPeriod = retention);
    }

    /** This consumer's alarms, instead of the service's (a slow consumer's age threshold, say). Default: the service's. */
    public EventConsumer alarms(AlarmPolicy alarms) {
        return with(c -> c.alarms = alarms);
    }

    public String name() {
        return s.name;
    }

    /** This consumer's alarm policy, or null for the service's. */
    public AlarmPolicy alarms() {
        return s.alarms;
    }

    /** The function the event source mapping invokes: a SecureFunction's live alias, or the function as given. */
    public IFunction function() {
        return s.function;
    }

    /** The EventBridge rule's pattern (EventBridge source), or null. */
    public EventPattern eventPattern() {
        return s.eventPattern;
    }

    /** The filter policy, or null for all messages. */
    public Map<String, SubscriptionFilter> filterPolicy() {
        return s.filterPolicy;
    }

    /** Whether the consumer reads a FIFO topic through a FIFO queue. */
    public boolean isFifo() {
        return s.fifo;
    }

    /** Messages per invocation. Default: 10. */
    public Number batchSize() {
        return s.batchSize != null ? s.batchSize : Defaults.BATCH_SIZE;
    }

    /** The batching window, or null for none. */
    public Duration maxBatchingWindow() {
        return s.maxBatchingWindow;
    }

    /** The concurrency limit, or null for none. */
    public Number maxConcurrency() {
        return s.maxConcurrency;
    }

    /** Receives before a message moves to the DLQ. Default: 5. */
    public Number maxReceiveCount() {
        return s.maxReceiveCount != null ? s.maxReceiveCount : Defaults.MAX_RECEIVE_COUNT;
    }

    /** How long the consumer's queue keeps a message. Default: 4 days. */
    public Duration retentionPeriod() {
        return s.retentionPeriod != null ? s.retentionPeriod : Defaults.QUEUE_RETENTION;
    }

    /** The function's timeout, or null when it is not known here (an imported function). */
    Duration functionTimeout() {
        return s.functionTimeout;
    }

    /** The configured visibility timeout, else 6 × the function timeout; null when neither is known. */
    public Duration effectiveVisibilityTimeout() {
        if (s.visibilityTimeout != null) {
            return s.visibilityTimeout;
        }
        if (s.functionTimeout == null || s.functionTimeout.isUnresolved()) {
            return s.functionTimeout;
        }
        return Duration.seconds(s.functionTimeout.toSeconds().longValue() * Defaults.VISIBILITY_TIMEOUT_FACTOR);
    }

    /** The settings of one consumer while a new value is made from an old one. */
    private static final class Settings {
        String name;
        IFunction function;
        Duration functionTimeout;
        EventPattern eventPattern;
        Map<String, SubscriptionFilter> filterPolicy;
        boolean fifo;
        Number batchSize;
        Duration maxBatchingWindow;
        Number maxConcurrency;
        Number maxReceiveCount;
        Duration visibilityTimeout;
        Duration retentionPeriod;
        AlarmPolicy alarms;

        Settings copy() {
            Settings c = new Settings();
            c.name = name;
            c.function = function;
            c.functionTimeout = functionTimeout;
            c.eventPattern = eventPattern;
            c.filterPolicy = filterPolicy;
            c.fifo = fifo;
            c.batchSize = batchSize;
            c.maxBatchingWindow = maxBatchingWindow;
            c.maxConcurrency = maxConcurrency;
            c.maxReceiveCount = maxReceiveCount;
            c.visibilityTimeout = visibilityTimeout;
            c.retentionPeriod = retentionPeriod;
            c.alarms = alarms;
            return c;
        }
    }
}
