package dev.stratus.constructs.workflow;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.stepfunctions.JitterType;

/**
 * How a step (and its compensation) retries a transient error: Lambda's service errors, and the
 * errors the step declares with {@link WorkflowStep#transientErrors}. The n-th retry waits
 * {@code interval × backoffRate^(n-1)}, at most {@code maxDelay}, and with full jitter a random
 * time up to that. An immutable value built with {@link #builder()}.
 *
 * <pre>{@code
 * StepRetry.builder().interval(Duration.seconds(1)).maxAttempts(5).build()
 * }</pre>
 */
public final class StepRetry {
    private final Duration interval;
    private final Number backoffRate;
    private final Number maxAttempts;
    private final JitterType jitter;
    private final Duration maxDelay;

    private StepRetry(Builder b) {
        this.interval = b.interval;
        this.backoffRate = b.backoffRate;
        this.maxAttempts = b.maxAttempts;
        this.jitter = b.jitter;
        this.maxDelay = b.maxDelay;
    }

    /** The defaults: 2 s, doubling, 3 retries, full jitter, at most 30 s between two attempts. */
    public static StepRetry defaults() {
        return builder().build();
    }

    /** Starts a builder; every prop not set keeps the default its getter documents. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these values, to change some of them. */
    public Builder toBuilder() {
        return new Builder().interval(interval).backoffRate(backoffRate).maxAttempts(maxAttempts).jitter(jitter).maxDelay(maxDelay);
    }

    /** Before the first retry, whole seconds, 1 s to 99,999,999 s. Default: 2 seconds. */
    public Duration interval() {
        return interval != null ? interval : Defaults.RETRY_INTERVAL;
    }

    /** What each further wait is multiplied by, 1.0 or more. Default: 2.0. */
    public Number backoffRate() {
        return backoffRate != null ? backoffRate : Defaults.RETRY_BACKOFF_RATE;
    }

    /** Retries after the first attempt, 0 (none) to 99,999,999. Default: 3. */
    public Number maxAttempts() {
        return maxAttempts != null ? maxAttempts : Defaults.RETRY_MAX_ATTEMPTS;
    }

    /**
     * {@code FULL}: wait a random time up to the computed one, so that executions that failed together
     * do not retry together; {@code NONE}: exactly the computed time. Default: FULL.
     */
    public JitterType jitter() {
        return jitter != null ? jitter : Defaults.RETRY_JITTER;
    }

    /** The longest wait between two attempts, at least {@link #interval()}, at most 366 days. Default: 30 seconds. */
    public Duration maxDelay() {
        return maxDelay != null ? maxDelay : Defaults.RETRY_MAX_DELAY;
    }

    /** Builds a {@link StepRetry}; every setter returns the builder. */
    public static final class Builder {
        private Duration interval;
        private Number backoffRate;
        private Number maxAttempts;
        private JitterType jitter;
        private Duration maxDelay;

        private Builder() {
        }

        /** @see StepRetry#interval() */
        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        /** @see StepRetry#backoffRate() */
        public Builder backoffRate(Number backoffRate) {
            this.backoffRate = backoffRate;
            return this;
        }

        /** @see StepRetry#maxAttempts() */
        public Builder maxAttempts(Number maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** @see StepRetry#jitter() */
        public Builder jitter(JitterType jitter) {
            this.jitter = jitter;
            return this;
        }

        /** @see StepRetry#maxDelay() */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
            return this;
        }

        /** Builds the immutable {@link StepRetry}. */
        public StepRetry build() {
            return new StepRetry(this);
        }
    }
}
