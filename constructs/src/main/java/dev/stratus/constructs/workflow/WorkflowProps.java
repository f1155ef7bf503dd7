package dev.stratus.constructs.workflow;

import java.util.ArrayList;
import java.util.List;

import dev.stratus.constructs.function.SecureFunction;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;

/**
 * Props of a {@link Workflow}: an immutable value built with {@link #builder()}.
 *
 * <p>Required: at least one {@link WorkflowStep}.
 */
public final class WorkflowProps {
    /** A compensation given by step name ({@link Builder#compensation(String, IFunction)}). */
    record Compensation(String step, IFunction function, Duration functionTimeout) {
    }

    private final List<WorkflowStep> steps;
    private final List<Compensation> compensations;
    private final StateMachineType type;
    private final Duration timeout;
    private final IKey encryptionKey;
    private final RetentionDays logRetention;
    private final Boolean includeExecutionData;
    private final Duration dataKeyReusePeriod;
    private final String comment;
    private final Number deliveryRetryAttempts;
    private final Duration deliveryMaxEventAge;
    private final dev.stratus.constructs.monitoring.AlarmPolicy alarms;

    private WorkflowProps(Builder b) {
        this.steps = java.util.Collections.unmodifiableList(new ArrayList<>(b.steps));
        this.compensations = List.copyOf(b.compensations);
        this.type = b.type;
        this.timeout = b.timeout;
        this.encryptionKey = b.encryptionKey;
        this.logRetention = b.logRetention;
        this.includeExecutionData = b.includeExecutionData;
        this.dataKeyReusePeriod = b.dataKeyReusePeriod;
        this.comment = b.comment;
        this.deliveryRetryAttempts = b.deliveryRetryAttempts;
        this.deliveryMaxEventAge = b.deliveryMaxEventAge;
        this.alarms = b.alarms;
    }

    /** Starts a builder; every prop not set keeps the default its getter documents. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with these props, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder().type(type).timeout(timeout).encryptionKey(encryptionKey).logRetention(logRetention)
                .includeExecutionData(includeExecutionData).dataKeyReusePeriod(dataKeyReusePeriod).comment(comment)
                .deliveryRetryAttempts(deliveryRetryAttempts).deliveryMaxEventAge(deliveryMaxEventAge).alarms(alarms);
        b.steps.addAll(steps);
        b.compensations.addAll(compensations);
        return b;
    }

    /** The steps, in the order they run. Required: at least one. */
    public List<WorkflowStep> steps() {
        return steps;
    }

    /** Compensations given by step name, in the order given. */
    List<Compensation> compensations() {
        return compensations;
    }

    /**
     * STANDARD: exactly-once steps, up to a year, history kept 90 days, priced per state transition;
     * EXPRESS: at-least-once, up to 5 minutes, priced per request and duration, history only in the
     * logs. Default: STANDARD.
     */
    public StateMachineType type() {
        return type != null ? type : Defaults.TYPE;
    }

    /**
     * The whole execution's timeout, whole seconds: up to a year (Standard) or 5 minutes (Express).
     * Default: 1 hour (Standard), 5 minutes (Express).
     */
    public Duration timeout() {
        if (timeout != null) {
            return timeout;
        }
        return type() == StateMachineType.EXPRESS ? Defaults.EXPRESS_TIMEOUT : Defaults.STANDARD_TIMEOUT;
    }

    /** The timeout as given, or null. */
    Duration timeoutGiven() {
        return timeout;
    }

    /**
     * Encrypts the execution data (Step Functions' customer-managed key encryption), the log group and
     * the DLQs of {@code startOnEvent}. Default: a new customer-managed key with rotation. An imported
     * key's policy must let CloudWatch Logs and its delivery service use it (see README).
     */
    public IKey encryptionKey() {
        return encryptionKey;
    }

    /** How long the log group keeps the execution logs. Default: one month. */
    public RetentionDays logRetention() {
        return logRetention != null ? logRetention : Defaults.LOG_RETENTION;
    }

    /**
     * Whether the logs carry each state's input and output. Default: false, as the state can carry
     * personal data (orders, payments); the events, errors and causes are logged either way.
     */
    public Boolean includeExecutionData() {
        return includeExecutionData != null ? includeExecutionData : Defaults.INCLUDE_EXECUTION_DATA;
    }

    /** How long Step Functions reuses a data key, 1 to 15 minutes: fewer KMS calls against a shorter exposure. Default: 5 minutes. */
    public Duration dataKeyReusePeriod() {
        return dataKeyReusePeriod != null ? dataKeyReusePeriod : Defaults.DATA_KEY_REUSE_PERIOD;
    }

    /** The definition's comment. Default: none. */
    public String comment() {
        return comment;
    }

    /** EventBridge's retries of a StartExecution that fails, 0–185, for {@code startOnEvent}. Default: 8. */
    public Number deliveryRetryAttempts() {
        return deliveryRetryAttempts != null ? deliveryRetryAttempts : Defaults.DELIVERY_RETRY_ATTEMPTS;
    }

    /** How long EventBridge keeps retrying a start, 60 s – 24 h, for {@code startOnEvent}. Default: 24 hours. */
    public Duration deliveryMaxEventAge() {
        return deliveryMaxEventAge != null ? deliveryMaxEventAge : Defaults.DELIVERY_MAX_EVENT_AGE;
    }

    /**
     * The workflow's alarms: {@code ExecutionsFailed}, {@code ExecutionsTimedOut}, {@code ExecutionThrottled}
     * and {@code ExecutionsAborted} (README: "Alarms"). Default: the policy set on a scope above
     * ({@code AlarmPolicy.setDefault}), else {@code AlarmPolicy.defaults()}: all four, notifying the stack's AlarmTopic.
     */
    public dev.stratus.constructs.monitoring.AlarmPolicy alarms() {
        return alarms;
    }

    /** Builds {@link WorkflowProps}; every setter returns the builder. */
    public static final class Builder {
        private final List<WorkflowStep> steps = new ArrayList<>();
        private final List<Compensation> compensations = new ArrayList<>();
        private StateMachineType type;
        private Duration timeout;
        private IKey encryptionKey;
        private RetentionDays logRetention;
        private Boolean includeExecutionData;
        private Duration dataKeyReusePeriod;
        private String comment;
        private Number deliveryRetryAttempts;
        private Duration deliveryMaxEventAge;
        private dev.stratus.constructs.monitoring.AlarmPolicy alarms;

        private Builder() {
        }

        /** Adds steps, in the order they run. @see WorkflowProps#steps() */
        public Builder step(WorkflowStep... steps) {
            if (steps == null) {
                this.steps.add(null);
            } else {
                this.steps.addAll(java.util.Arrays.asList(steps));
            }
            return this;
        }

        /** Sets the compensation of the step named {@code step}, invoked through its live alias. @see WorkflowStep#compensation(SecureFunction) */
        public Builder compensation(String step, SecureFunction compensation) {
            compensations.add(new Compensation(step, compensation == null ? null : compensation.getAlias(),
                    compensation == null ? null : compensation.getTimeout()));
            return this;
        }

        /** Sets the compensation of the step named {@code step}, as given. @see WorkflowStep#compensation(IFunction) */
        public Builder compensation(String step, IFunction compensation) {
            compensations.add(new Compensation(step, compensation, WorkflowStep.timeoutOf(compensation)));
            return this;
        }

        /** @see WorkflowProps#type() */
        public Builder type(StateMachineType type) {
            this.type = type;
            return this;
        }

        /** @see WorkflowProps#timeout() */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** @see WorkflowProps#encryptionKey() */
        public Builder encryptionKey(IKey encryptionKey) {
            this.encryptionKey = encryptionKey;
            return this;
        }

        /** @see WorkflowProps#logRetention() */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        /** @see WorkflowProps#includeExecutionData() */
        public Builder includeExecutionData(Boolean includeExecutionData) {
            this.includeExecutionData = includeExecutionData;
            return this;
        }

        /** @see WorkflowProps#dataKeyReusePeriod() */
        public Builder dataKeyReusePeriod(Duration dataKeyReusePeriod) {
            this.dataKeyReusePeriod = dataKeyReusePeriod;
            return this;
        }

        /** @see WorkflowProps#comment() */
        public Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        /** @see WorkflowProps#deliveryRetryAttempts() */
        public Builder deliveryRetryAttempts(Number deliveryRetryAttempts) {
            this.deliveryRetryAttempts = deliveryRetryAttempts;
            return this;
        }

        /** @see WorkflowProps#deliveryMaxEventAge() */
        public Builder deliveryMaxEventAge(Duration deliveryMaxEventAge) {
            this.deliveryMaxEventAge = deliveryMaxEventAge;
            return this;
        }

        /** @see WorkflowProps#alarms() */
        public Builder alarms(dev.stratus.constructs.monitoring.AlarmPolicy alarms) {
            this.alarms = alarms;
            return this;
        }

        public WorkflowProps build() {
            return new WorkflowProps(this);
        }
    }
}
