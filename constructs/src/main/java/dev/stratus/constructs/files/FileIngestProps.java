package dev.stratus.constructs.files;

import dev.stratus.constructs.function.SecureFunction;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IAlias;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.IVersion;

/**
 * Props of a {@link FileIngest}: an immutable value built with {@link #builder()}. Only
 * {@code function} is required.
 */
public final class FileIngestProps {
    private final IFunction function;
    private final Duration functionTimeout;
    private final String prefix;
    private final String suffix;
    private final IKey encryptionKey;
    private final Duration noncurrentVersionExpiration;
    private final Duration abortIncompleteUploadsAfter;
    private final Duration accessLogsExpiration;
    private final Number batchSize;
    private final Number maxReceiveCount;
    private final Duration visibilityTimeout;
    private final dev.stratus.constructs.monitoring.AlarmPolicy alarms;

    private FileIngestProps(Builder b) {
        this.function = b.function;
        this.functionTimeout = b.functionTimeout;
        this.prefix = b.prefix;
        this.suffix = b.suffix;
        this.encryptionKey = b.encryptionKey;
        this.noncurrentVersionExpiration = b.noncurrentVersionExpiration;
        this.abortIncompleteUploadsAfter = b.abortIncompleteUploadsAfter;
        this.accessLogsExpiration = b.accessLogsExpiration;
        this.batchSize = b.batchSize;
        this.maxReceiveCount = b.maxReceiveCount;
        this.visibilityTimeout = b.visibilityTimeout;
        this.alarms = b.alarms;
    }

    /** Starts a builder; every prop not set keeps the default its getter documents. */
    public static Builder builder() {
        return new Builder();
    }

    /** Required: what processes each file event (a SecureFunction's {@code live} alias, or the function as given). */
    public IFunction function() {
        return function;
    }

    /** The function's timeout; null when not known here (an imported function). */
    Duration functionTimeout() {
        return functionTimeout;
    }

    /** Only objects whose key starts with this are processed, e.g. {@code imports/}. Default: every key (""). */
    public String prefix() {
        return prefix != null ? prefix : "";
    }

    /** Only objects whose key ends with this are processed, e.g. {@code .csv}. Default: every key (""). */
    public String suffix() {
        return suffix != null ? suffix : "";
    }

    /** Encrypts the bucket and the queues. Default: a new customer-managed key, rotation on. */
    public IKey encryptionKey() {
        return encryptionKey;
    }

    /** How long an overwritten or deleted version is kept, whole days. Default: 30 days. */
    public Duration noncurrentVersionExpiration() {
        return noncurrentVersionExpiration != null ? noncurrentVersionExpiration : Defaults.NONCURRENT_VERSION_EXPIRATION;
    }

    /** When the parts of an unfinished multipart upload are removed, whole days. Default: 7 days. */
    public Duration abortIncompleteUploadsAfter() {
        return abortIncompleteUploadsAfter != null ? abortIncompleteUploadsAfter : Defaults.ABORT_INCOMPLETE_UPLOADS_AFTER;
    }

    /** How long the server access logs are kept, whole days. Default: 365 days. */
    public Duration accessLogsExpiration() {
        return accessLogsExpiration != null ? accessLogsExpiration : Defaults.ACCESS_LOGS_EXPIRATION;
    }

    /** File events per invocation, 1–10. Default: 1 (a file is a unit of work). */
    public Number batchSize() {
        return batchSize != null ? batchSize : Defaults.BATCH_SIZE;
    }

    /** Deliveries of a file event before it moves to the DLQ, 1–1000. Default: 3. */
    public Number maxReceiveCount() {
        return maxReceiveCount != null ? maxReceiveCount : Defaults.MAX_RECEIVE_COUNT;
    }

    /** The configured visibility timeout, else 6 × the function timeout; null when neither is known. */
    public Duration visibilityTimeout() {
        if (visibilityTimeout != null || functionTimeout == null || functionTimeout.isUnresolved()) {
            return visibilityTimeout != null ? visibilityTimeout : functionTimeout;
        }
        return Duration.seconds(functionTimeout.toSeconds().longValue() * Defaults.VISIBILITY_TIMEOUT_FACTOR);
    }

    /**
     * The ingest's alarms: {@code OldestMessageAge} (15 minutes, in seconds), {@code DeadLetterQueue} and
     * {@code DeliveryDeadLetterQueue} (README: "Alarms"). Default: the policy set on a scope above
     * ({@code AlarmPolicy.setDefault}), else {@code AlarmPolicy.defaults()}, notifying the stack's AlarmTopic.
     */
    public dev.stratus.constructs.monitoring.AlarmPolicy alarms() {
        return alarms;
    }

    /** The timeout of {@code function}, of the function behind an alias or version; null when not known here. */
    static Duration timeoutOf(IFunction function) {
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

    /** Builds {@link FileIngestProps}; every setter returns the builder. */
    public static final class Builder {
        private IFunction function;
        private Duration functionTimeout;
        private String prefix;
        private String suffix;
        private IKey encryptionKey;
        private Duration noncurrentVersionExpiration;
        private Duration abortIncompleteUploadsAfter;
        private Duration accessLogsExpiration;
        private Number batchSize;
        private Number maxReceiveCount;
        private Duration visibilityTimeout;
        private dev.stratus.constructs.monitoring.AlarmPolicy alarms;

        private Builder() {
        }

        /** The function's {@code live} alias. @see FileIngestProps#function() */
        public Builder function(SecureFunction function) {
            this.function = function == null ? null : function.getAlias();
            this.functionTimeout = function == null ? null : function.getTimeout();
            return this;
        }

        /**
         * A {@code Function}, {@code Alias} or {@code Version}, used as given; for an imported function set
         * {@link #visibilityTimeout(Duration)}. @see FileIngestProps#function()
         */
        public Builder function(IFunction function) {
            this.function = function;
            this.functionTimeout = function == null ? null : timeoutOf(function);
            return this;
        }

        /** @see FileIngestProps#prefix() */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /** @see FileIngestProps#suffix() */
        public Builder suffix(String suffix) {
            this.suffix = suffix;
            return this;
        }

        /** @see FileIngestProps#encryptionKey() */
        public Builder encryptionKey(IKey key) {
            this.encryptionKey = key;
            return this;
        }

        /** @see FileIngestProps#noncurrentVersionExpiration() */
        public Builder noncurrentVersionExpiration(Duration age) {
            this.noncurrentVersionExpiration = age;
            return this;
        }

        /** @see FileIngestProps#abortIncompleteUploadsAfter() */
        public Builder abortIncompleteUploadsAfter(Duration age) {
            this.abortIncompleteUploadsAfter = age;
            return this;
        }

        /** @see FileIngestProps#accessLogsExpiration() */
        public Builder accessLogsExpiration(Duration age) {
            this.accessLogsExpiration = age;
            return this;
        }

        /** @see FileIngestProps#batchSize() */
        public Builder batchSize(Number size) {
            this.batchSize = size;
            return this;
        }

        /** @see FileIngestProps#maxReceiveCount() */
        public Builder maxReceiveCount(Number count) {
            this.maxReceiveCount = count;
            return this;
        }

        /**
         * At least 6 × the function timeout (AWS's guidance), at most 12 hours. Default: 6 × the function
         * timeout; required for an imported function.
         */
        public Builder visibilityTimeout(Duration timeout) {
            this.visibilityTimeout = timeout;
            return this;
        }

        /** @see FileIngestProps#alarms() */
        public Builder alarms(dev.stratus.constructs.monitoring.AlarmPolicy alarms) {
            this.alarms = alarms;
            return this;
        }

        /** Builds the immutable {@link FileIngestProps}; the construct that receives them validates them. */
        public FileIngestProps build() {
            return new FileIngestProps(this);
        }
    }
}
