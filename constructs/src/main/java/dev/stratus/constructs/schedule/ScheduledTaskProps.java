package dev.stratus.constructs.schedule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.function.SecureFunctionProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;

import dev.stratus.constructs.monitoring.AlarmPolicy;

/**
 * Props of a {@link ScheduledTask}: an immutable value built with {@link #builder()}.
 *
 * <p>Required: {@code schedule}, and one of {@code function} (a {@link SecureFunction}, or any
 * {@link IFunction} such as an alias) or {@code functionProps}.
 */
public final class ScheduledTaskProps {
    private final String schedule;
    private final String timeZone;
    private final Duration flexibleTimeWindow;
    private final Boolean enabled;
    private final Map<String, Object> input;
    private final String description;
    private final SecureFunction secureFunction;
    private final IFunction function;
    private final SecureFunctionProps functionProps;
    private final IKey encryptionKey;
    private final Number retryAttempts;
    private final Duration maxEventAge;
    private final IQueue deadLetterQueue;
    private final AlarmPolicy alarms;

    private ScheduledTaskProps(Builder b) {
        this.schedule = b.schedule;
        this.timeZone = b.timeZone;
        this.flexibleTimeWindow = b.flexibleTimeWindow;
        this.enabled = b.enabled;
        this.input = b.input == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.input));
        this.description = b.description;
        this.secureFunction = b.secureFunction;
        this.function = b.function;
        this.functionProps = b.functionProps;
        this.encryptionKey = b.encryptionKey;
        this.retryAttempts = b.retryAttempts;
        this.maxEventAge = b.maxEventAge;
        this.deadLetterQueue = b.deadLetterQueue;
        this.alarms = b.alarms;
    }

    /** Starts a builder; every prop not set keeps the default its getter documents. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with these props, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder().schedule(schedule).timeZone(timeZone).flexibleTimeWindow(flexibleTimeWindow)
                .enabled(enabled).description(description).function(secureFunction).function(function)
                .functionProps(functionProps).encryptionKey(encryptionKey).retryAttempts(retryAttempts)
                .maxEventAge(maxEventAge).deadLetterQueue(deadLetterQueue).alarms(alarms);
        b.input = input == null ? null : new LinkedHashMap<>(input);
        return b;
    }

    /**
     * When to run, as EventBridge Scheduler writes it: {@code cron(0 2 * * ? *)} (minutes hours
     * day-of-month month day-of-week year, one of the two day fields '?'; it must match some day to
     * come), {@code rate(1 hour)} (one minute or more), or {@code at(2026-12-24T18:00:00)} for once (in
     * the future, in {@link #timeZone()}). Required.
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
    public Boolean enabled() {
        return enabled != null ? enabled : Defaults.ENABLED;
    }

    /**
     * The JSON payload sent to the function, as a map (nested maps and lists allowed); rendered with
     * its keys sorted, so that the template does not depend on the map's iteration order. Default:
     * none (the function receives {}).
     */
    public Map<String, Object> input() {
        return input;
    }

    /** Default: none. */
    public String description() {
        return description;
    }

    /**
     * The SecureFunction to run, invoked through its {@code live} alias. Default: none; give one of
     * this, {@link #function()} or {@link #functionProps()}.
     */
    public SecureFunction secureFunction() {
        return secureFunction;
    }

    /**
     * Any Lambda function, alias or version to run, invoked exactly as given (pass an alias to run a
     * published version). Default: none; give one of this, {@link #secureFunction()} or
     * {@link #functionProps()}.
     */
    public IFunction function() {
        return function;
    }

    /** Props of a SecureFunction to create for the task (id {@code Function}). Default: none. */
    public SecureFunctionProps functionProps() {
        return functionProps;
    }

    /**
     * The key that encrypts the schedule (its input) and the dead-letter queue created here. Default:
     * the SecureFunction's key; for another {@code IFunction}, a new customer-managed key with rotation.
     */
    public IKey encryptionKey() {
        return encryptionKey;
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
     * with {@link #encryptionKey()}, SSL-only, 14-day retention.
     */
    public IQueue deadLetterQueue() {
        return deadLetterQueue;
    }

    /**
     * The task's alarms: {@code TargetErrors}, {@code DeadLetterQueue} and, for an enabled
     * {@code rate(...)} of at most 12 hours, {@code MissedRuns} (README: "Alarms"). A function created
     * from {@link #functionProps()} has its own ({@code SecureFunctionProps.alarms}). Default: the
     * policy set on a scope above ({@link AlarmPolicy#setDefault}), else {@link AlarmPolicy#defaults()}.
     */
    public AlarmPolicy alarms() {
        return alarms;
    }

    /** Builds {@link ScheduledTaskProps}; every setter returns the builder. */
    public static final class Builder {
        private String schedule;
        private String timeZone;
        private Duration flexibleTimeWindow;
        private Boolean enabled;
        private Map<String, Object> input;
        private String description;
        private SecureFunction secureFunction;
        private IFunction function;
        private SecureFunctionProps functionProps;
        private IKey encryptionKey;
        private Number retryAttempts;
        private Duration maxEventAge;
        private IQueue deadLetterQueue;
        private AlarmPolicy alarms;

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

        /** The zone as core's {@code TimeZone} constant, e.g. {@code TimeZone.EUROPE_BERLIN}. @see ScheduledTaskProps#timeZone() */
        public Builder timeZone(TimeZone timeZone) {
            this.timeZone = timeZone == null ? null : timeZone.getTimezoneName();
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

        /** Sets the payload (a null map means none). @see ScheduledTaskProps#input() */
        public Builder input(Map<String, ?> input) {
            this.input = input == null ? null : new LinkedHashMap<>(input);
            return this;
        }

        /** @see ScheduledTaskProps#description() */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** @see ScheduledTaskProps#secureFunction() */
        public Builder function(SecureFunction function) {
            this.secureFunction = function;
            return this;
        }

        /** @see ScheduledTaskProps#function() */
        public Builder function(IFunction function) {
            this.function = function;
            return this;
        }

        /** @see ScheduledTaskProps#functionProps() */
        public Builder functionProps(SecureFunctionProps functionProps) {
            this.functionProps = functionProps;
            return this;
        }

        /** @see ScheduledTaskProps#encryptionKey() */
        public Builder encryptionKey(IKey encryptionKey) {
            this.encryptionKey = encryptionKey;
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

        /** @see ScheduledTaskProps#alarms() */
        public Builder alarms(AlarmPolicy alarms) {
            this.alarms = alarms;
            return this;
        }

        public ScheduledTaskProps build() {
            return new ScheduledTaskProps(this);
        }
    }
}
