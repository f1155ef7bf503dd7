package dev.stratus.constructs.stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.table.SecureTable;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * Props of a {@link StreamProcessor}: an immutable value built with {@link #builder()}. A function is
 * required; the source is {@code table} (its DynamoDB stream), {@code kinesisStream}, or neither (a
 * new Kinesis data stream).
 */
public final class StreamProcessorProps {
    private final SecureTable table;
    private final IStream kinesisStream;
    private final IFunction function;
    private final StartingPosition startingPosition;
    private final Number startingPositionTimestamp;
    private final Number batchSize;
    private final Duration maxBatchingWindow;
    private final Boolean bisectBatchOnError;
    private final Number retryAttempts;
    private final Duration maxRecordAge;
    private final Boolean reportBatchItemFailures;
    private final Number parallelizationFactor;
    private final List<Map<String, Object>> filters;
    private final IQueue onFailureQueue;
    private final IKey encryptionKey;
    private final dev.stratus.constructs.monitoring.AlarmPolicy alarms;

    private StreamProcessorProps(Builder b) {
        this.table = b.table;
        this.kinesisStream = b.kinesisStream;
        this.function = b.function;
        this.startingPosition = b.startingPosition;
        this.startingPositionTimestamp = b.startingPositionTimestamp;
        this.batchSize = b.batchSize;
        this.maxBatchingWindow = b.maxBatchingWindow;
        this.bisectBatchOnError = b.bisectBatchOnError;
        this.retryAttempts = b.retryAttempts;
        this.maxRecordAge = b.maxRecordAge;
        this.reportBatchItemFailures = b.reportBatchItemFailures;
        this.parallelizationFactor = b.parallelizationFactor;
        // not List.copyOf: a null filter must reach validation, not end in a NullPointerException
        this.filters = Collections.unmodifiableList(new ArrayList<>(b.filters));
        this.onFailureQueue = b.onFailureQueue;
        this.encryptionKey = b.encryptionKey;
        this.alarms = b.alarms;
    }

    /** Starts a builder; every prop not set keeps the default its getter documents. */
    public static Builder builder() {
        return new Builder();
    }

    /** The source when it is a DynamoDB stream: the table's stream (the table needs {@code stream(...)}). Default: none. */
    public SecureTable table() {
        return table;
    }

    /** An existing Kinesis data stream to read. Default: without {@code table}, a new on-demand stream encrypted with the key. */
    public IStream kinesisStream() {
        return kinesisStream;
    }

    /** Required: the function the mapping invokes (a SecureFunction's {@code live} alias, or the function as given). */
    public IFunction function() {
        return function;
    }

    /** Where reading starts. Default: {@code TRIM_HORIZON}, the oldest record the stream holds. {@code AT_TIMESTAMP} is Kinesis only. */
    public StartingPosition startingPosition() {
        return startingPosition != null ? startingPosition : Defaults.STARTING_POSITION;
    }

    /** Epoch seconds to start from with {@code AT_TIMESTAMP} (required there, refused otherwise). Default: none. */
    public Number startingPositionTimestamp() {
        return startingPositionTimestamp;
    }

    /** Records per invocation, 1–10000. Default: 100. */
    public Number batchSize() {
        return batchSize != null ? batchSize : Defaults.BATCH_SIZE;
    }

    /** How long Lambda gathers records before invoking, up to 5 minutes. Default: none. */
    public Duration maxBatchingWindow() {
        return maxBatchingWindow;
    }

    /** Split a failing batch in two and retry each half, to isolate a poison record. Default: true. */
    public boolean bisectBatchOnError() {
        return bisectBatchOnError == null || bisectBatchOnError;
    }

    /** Retries of a failed batch, 0–10000 (never infinite: -1 is refused). Default: 10. */
    public Number retryAttempts() {
        return retryAttempts != null ? retryAttempts : Defaults.RETRY_ATTEMPTS;
    }

    /**
     * Records older than this are sent to the failure queue unprocessed: 60 s to 24 h for a DynamoDB
     * stream (which keeps records 24 h), to 7 days for Kinesis. Default: 24 hours.
     */
    public Duration maxRecordAge() {
        return maxRecordAge != null ? maxRecordAge : Defaults.MAX_RECORD_AGE;
    }

    /** The function answers {@code batchItemFailures} and only those records are retried. Default: true. */
    public boolean reportBatchItemFailures() {
        return reportBatchItemFailures == null || reportBatchItemFailures;
    }

    /** Concurrent batches per shard, 1–10 (records of one key stay in order). Default: 1. */
    public Number parallelizationFactor() {
        return parallelizationFactor != null ? parallelizationFactor : Defaults.PARALLELIZATION_FACTOR;
    }

    /** Event filters ({@code FilterCriteria.filter(...)}), at most 5; a record no filter matches is dropped. Default: none. */
    public List<Map<String, Object>> filters() {
        return filters;
    }

    /** Where Lambda sends the metadata of records it gave up on (a standard queue). Default: a new encrypted queue, 14-day retention. */
    public IQueue onFailureQueue() {
        return onFailureQueue;
    }

    /** Encrypts the created Kinesis stream and failure queue. Default: a new customer-managed key, rotation on. */
    public IKey encryptionKey() {
        return encryptionKey;
    }

    /**
     * The processor's alarms: {@code IteratorAge} (5 minutes, in milliseconds, for 3 minutes),
     * {@code FailureQueue} and, unless the function is a SecureFunction's (which alarms on its own
     * errors), {@code Errors} (README: "Alarms"). Default: the policy set on a scope above
     * ({@code AlarmPolicy.setDefault}), else {@code AlarmPolicy.defaults()}, notifying the stack's AlarmTopic.
     */
    public dev.stratus.constructs.monitoring.AlarmPolicy alarms() {
        return alarms;
    }

    /** Builds {@link StreamProcessorProps}; every setter returns the builder. */
    public static final class Builder {
        private SecureTable table;
        private IStream kinesisStream;
        private IFunction function;
        private StartingPosition startingPosition;
        private Number startingPositionTimestamp;
        private Number batchSize;
        private Duration maxBatchingWindow;
        private Boolean bisectBatchOnError;
        private Number retryAttempts;
        private Duration maxRecordAge;
        private Boolean reportBatchItemFailures;
        private Number parallelizationFactor;
        private final List<Map<String, Object>> filters = new ArrayList<>();
        private IQueue onFailureQueue;
        private IKey encryptionKey;
        private dev.stratus.constructs.monitoring.AlarmPolicy alarms;

        private Builder() {
        }

        /** @see StreamProcessorProps#table() */
        public Builder table(SecureTable table) {
            this.table = table;
            return this;
        }

        /** @see StreamProcessorProps#kinesisStream() */
        public Builder kinesisStream(IStream stream) {
            this.kinesisStream = stream;
            return this;
        }

        /** The function's {@code live} alias. @see StreamProcessorProps#function() */
        public Builder function(SecureFunction function) {
            this.function = function == null ? null : function.getAlias();
            return this;
        }

        /** A {@code Function}, {@code Alias} or {@code Version}, used as given. @see StreamProcessorProps#function() */
        public Builder function(IFunction function) {
            this.function = function;
            return this;
        }

        /** @see StreamProcessorProps#startingPosition() */
        public Builder startingPosition(StartingPosition position) {
            this.startingPosition = position;
            return this;
        }

        /** @see StreamProcessorProps#startingPositionTimestamp() */
        public Builder startingPositionTimestamp(Number epochSeconds) {
            this.startingPositionTimestamp = epochSeconds;
            return this;
        }

        /** @see StreamProcessorProps#batchSize() */
        public Builder batchSize(Number size) {
            this.batchSize = size;
            return this;
        }

        /** @see StreamProcessorProps#maxBatchingWindow() */
        public Builder maxBatchingWindow(Duration window) {
            this.maxBatchingWindow = window;
            return this;
        }

        /** @see StreamProcessorProps#bisectBatchOnError() */
        public Builder bisectBatchOnError(Boolean bisect) {
            this.bisectBatchOnError = bisect;
            return this;
        }

        /** @see StreamProcessorProps#retryAttempts() */
        public Builder retryAttempts(Number attempts) {
            this.retryAttempts = attempts;
            return this;
        }

        /** @see StreamProcessorProps#maxRecordAge() */
        public Builder maxRecordAge(Duration age) {
            this.maxRecordAge = age;
            return this;
        }

        /** @see StreamProcessorProps#reportBatchItemFailures() */
        public Builder reportBatchItemFailures(Boolean report) {
            this.reportBatchItemFailures = report;
            return this;
        }

        /** @see StreamProcessorProps#parallelizationFactor() */
        public Builder parallelizationFactor(Number factor) {
            this.parallelizationFactor = factor;
            return this;
        }

        /** Adds one filter, e.g. {@code FilterCriteria.filter(Map.of("eventName", FilterRule.isEqual("INSERT")))}. */
        public Builder filter(Map<String, Object> filter) {
            this.filters.add(filter);
            return this;
        }

        /** @see StreamProcessorProps#onFailureQueue() */
        public Builder onFailureQueue(IQueue queue) {
            this.onFailureQueue = queue;
            return this;
        }

        /** @see StreamProcessorProps#encryptionKey() */
        public Builder encryptionKey(IKey key) {
            this.encryptionKey = key;
            return this;
        }

        /** @see StreamProcessorProps#alarms() */
        public Builder alarms(dev.stratus.constructs.monitoring.AlarmPolicy alarms) {
            this.alarms = alarms;
            return this;
        }

        /** Builds the immutable {@link StreamProcessorProps}; the construct that receives them validates them. */
        public StreamProcessorProps build() {
            return new StreamProcessorProps(this);
        }
    }
}
