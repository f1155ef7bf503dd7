package dev.stratus.constructs.schedule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.function.SecureFunctionProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * Props of a {@link ScheduledTask}: an immutable value built with {@link #builder()}.
 *
 * <p>Required: {@code schedule}, and either {@code function} or {@code functionProps}.
 */
public final class ScheduledTaskProps {
    private final String schedule;
    private final String timeZone;
    private final Duration flexibleTimeWindow;
    private final Boolean enabled;
    private final Map<String, Object> input;
    private final String description;
    private final SecureFunction function;
    private final SecureFunctionProps functionProps;
    private final Number retryAttempts;
    private final Duration maxEventAge;
    private final IQueue deadLetterQueue;

    private ScheduledTaskProps(Builder b) {
        this.schedule = b.schedule;
        this.timeZone = b.timeZone;
        this.flexibleTimeWindow = b.flexibleTimeWindow;
        this.enabled = b.enabled;
        this.input = b.input == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.input));
        this.description = b.description;
        this.function = b.function;
        this.functionProps = b.functionProps;
        this.retryAttempts = b.retryAttempts;
        this.maxEventAge = b.maxEventAge;
        this.deadLetterQueue = b.deadLetterQueue;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with these props, to derive a variant. */
    public Builder toBuilder() {
        return new Builder().schedule(schedule).timeZone(timeZone).flexibleTimeWindow(flexibleTimeWindow)
                .enabled(enabled).input(input).description(description).function(function)
                .functionProps(functionProps).retryAttempts(retryAttempts).maxEventAge(maxEventAge)
                .deadLetterQueue(deadLetterQueue);
    }

    /**
     * When to run, as EventBridge Scheduler writes it: {@code cron(0 2 * * ? *)} (minutes hours
     * day-of-month month day-of-week year, one of the two day fields '?'), {@code rate(1 hour)}
     * (one minute or more), or {@code at(2026-12-24T18:00:00)} for once. Required.
     */
    public String schedule() {
        return schedule;
    }

    /** The IANA time zone of cron and at expressions, e.g. {@code Europe/Berlin}. Default: UTC. */
    public String timeZone() {
        return timeZone != null ? timeZone : Defaults.TIME_ZONE;
    }

    /** A window (1 to 1440 minutes) within which the run may start. Default: none, run on time. */
    public Duration flexibleTimeWindow() {
        return flexibleTimeWindow;
    }

    /** Default: true. */
    public boolean enabled() {
        return enabled != null ? enabled : Defaults.ENABLED;
    }

    /** The JSON payload sent to the function, as a map. Default: none (the function receives {}). */
    public Map<String, Object> input() {
        return input;
    }

    /** Default: none. */
    public String description() {
        return description;
    }

    /** The function to run, invoked through its live alias. Default: none; give this or functionProps. */
    public SecureFunction function() {
        return function;
    }

    /** Props of a SecureFunction to create for the task (id {@code Function}). Default: none. */
    public SecureFunctionProps functionProps() {
        return functionProps;
    }

    /** Retries of an invocation that fails to reach the function, 0 to 185. Default: 3. */
    public Number retryAttempts() {
        return retryAttempts != null ? retryAttempts : Defaults.RETRY_ATTEMPTS;
    }

    /** How long the scheduler keeps trying one run, 60 seconds to 24 hours. Default: 1 hour. */
    public Duration maxEventAge() {
        return maxEventAge != null ? maxEventAge : Defaults.MAX_EVENT_AGE;
    }

    /**
     * Receives runs the scheduler could not deliver after its retries. Default: a new queue encrypted
     * with the function's key, SSL-only, 14-day retention.
     */
    public IQueue deadLetterQueue() {
        return deadLetterQueue;
    }

    /** Builds {@link ScheduledTaskProps}; every setter returns the builder. */
    public static final class Builder {
        private String schedule;
        private String timeZone;
        private Duration flexibleTimeWindow;
        private Boolean enabled;
        private Map<String, Object> input;
        private String description;
        private SecureFunction function;
        private SecureFunctionProps functionProps;
        private Number retryAttempts;
        private Duration maxEventAge;
        private IQueue deadLetterQueue;

        private Builder() {
        }

        /** @see ScheduledTaskProps#schedule() */
        public Builder schedule(String schedule) {
            this.schedule = schedule;
            return this;
        }

        /** @see ScheduledTaskProps#timeZone() */
        public Builder timeZone(String timeZone) {
            this.timeZone = timeZone;
            return this;
        }

        /** @see ScheduledTaskProps#flexibleTimeWindow() */
        public Builder flexibleTimeWindow(Duration window) {
            this.flexibleTimeWindow = window;
            return this;
        }

        /** @see ScheduledTaskProps#enabled() */
        public Builder enabled(Boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** @see ScheduledTaskProps#input() */
        public Builder input(Map<String, ?> input) {
            this.input = input == null ? null : new LinkedHashMap<>(input);
            return this;
        }

        /** @see ScheduledTaskProps#description() */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** @see ScheduledTaskProps#function() */
        public Builder function(SecureFunction function) {
            this.function = function;
            return this;
        }

        /** @see ScheduledTaskProps#functionProps() */
        public Builder functionProps(SecureFunctionProps functionProps) {
            this.functionProps = functionProps;
            return this;
        }

        /** @see ScheduledTaskProps#retryAttempts() */
        public Builder retryAttempts(Number retryAttempts) {
            this.retryAttempts = retryAttempts;
            return this;
        }

        /** @see ScheduledTaskProps#maxEventAge() */
        public Builder maxEventAge(Duration maxEventAge) {
            this.maxEventAge = maxEventAge;
            return this;
        }

        /** @see ScheduledTaskProps#deadLetterQueue() */
        public Builder deadLetterQueue(IQueue deadLetterQueue) {
            this.deadLetterQueue = deadLetterQueue;
            return this;
        }

        public ScheduledTaskProps build() {
            return new ScheduledTaskProps(this);
        }
    }
}
