package dev.stratus.constructs.function;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.ssm.IParameter;

/**
 * Props of a {@link SecureFunction}: an immutable value built with {@link #builder()}.
 *
 * <p>Only {@code handler} and one of {@code code} / {@code codePath} are required; every other prop
 * has a secure default, named in its Javadoc. Values are validated when the construct is created.
 */
public final class SecureFunctionProps {
    private final String handler;
    private final Code code;
    private final String codePath;
    private final String description;
    private final Runtime runtime;
    private final Architecture architecture;
    private final Number memorySize;
    private final Duration timeout;
    private final Map<String, String> environment;
    private final Map<String, ISecret> secrets;
    private final Map<String, IParameter> parameters;
    private final RetentionDays logRetention;
    private final ApplicationLogLevel applicationLogLevel;
    private final SystemLogLevel systemLogLevel;
    private final IKey encryptionKey;
    private final Number retryAttempts;
    private final Duration maxEventAge;
    private final IQueue deadLetterQueue;
    private final Number reservedConcurrentExecutions;
    private final Boolean snapStart;

    private SecureFunctionProps(Builder b) {
        this.handler = b.handler;
        this.code = b.code;
        this.codePath = b.codePath;
        this.description = b.description;
        this.runtime = b.runtime;
        this.architecture = b.architecture;
        this.memorySize = b.memorySize;
        this.timeout = b.timeout;
        this.environment = copy(b.environment);
        this.secrets = copy(b.secrets);
        this.parameters = copy(b.parameters);
        this.logRetention = b.logRetention;
        this.applicationLogLevel = b.applicationLogLevel;
        this.systemLogLevel = b.systemLogLevel;
        this.encryptionKey = b.encryptionKey;
        this.retryAttempts = b.retryAttempts;
        this.maxEventAge = b.maxEventAge;
        this.deadLetterQueue = b.deadLetterQueue;
        this.reservedConcurrentExecutions = b.reservedConcurrentExecutions;
        this.snapStart = b.snapStart;
    }

    /** Keeps insertion order (stable templates) and refuses null keys or values. */
    private static <V> Map<String, V> copy(Map<String, V> source) {
        Map<String, V> copy = new LinkedHashMap<>();
        source.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "map key"), Objects.requireNonNull(v, "value of " + k)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with these props, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.handler = handler;
        b.code = code;
        b.codePath = codePath;
        b.description = description;
        b.runtime = runtime;
        b.architecture = architecture;
        b.memorySize = memorySize;
        b.timeout = timeout;
        b.environment.putAll(environment);
        b.secrets.putAll(secrets);
        b.parameters.putAll(parameters);
        b.logRetention = logRetention;
        b.applicationLogLevel = applicationLogLevel;
        b.systemLogLevel = systemLogLevel;
        b.encryptionKey = encryptionKey;
        b.retryAttempts = retryAttempts;
        b.maxEventAge = maxEventAge;
        b.deadLetterQueue = deadLetterQueue;
        b.reservedConcurrentExecutions = reservedConcurrentExecutions;
        b.snapStart = snapStart;
        return b;
    }

    /** The Java handler, {@code package.Class::method} or {@code package.Class}. Required. */
    public String handler() {
        return handler;
    }

    /** The deployment package. Default: none; give either this or {@link #codePath()}. */
    public Code code() {
        return code;
    }

    /** Path of the deployment jar or directory. Default: none; give either this or {@link #code()}. */
    public String codePath() {
        return codePath;
    }

    /** Default: no description. */
    public String description() {
        return description;
    }

    /** Default: {@code Runtime.JAVA_25}. */
    public Runtime runtime() {
        return runtime != null ? runtime : Defaults.RUNTIME;
    }

    /** Default: {@code Architecture.ARM_64}. */
    public Architecture architecture() {
        return architecture != null ? architecture : Defaults.ARCHITECTURE;
    }

    /** Memory in MB, 128 to 10240. Default: 1024. */
    public Number memorySize() {
        return memorySize != null ? memorySize : Defaults.MEMORY_MB;
    }

    /** 1 to 900 seconds. Default: 10 seconds. */
    public Duration timeout() {
        return timeout != null ? timeout : Defaults.TIMEOUT;
    }

    /**
     * Plain configuration values. A literal value under a key that looks like a secret
     * (PASSWORD, SECRET, TOKEN, API_KEY, ...) is refused: use {@link #secrets()}. Default: empty.
     */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * Secrets Manager secrets by environment variable name: the function is granted read access and
     * the variable holds only the secret's ARN. Default: empty.
     */
    public Map<String, ISecret> secrets() {
        return secrets;
    }

    /**
     * SSM parameters by environment variable name: the function is granted read access and the
     * variable holds only the parameter's name. Default: empty.
     */
    public Map<String, IParameter> parameters() {
        return parameters;
    }

    /** Default: {@code RetentionDays.ONE_MONTH}. */
    public RetentionDays logRetention() {
        return logRetention != null ? logRetention : Defaults.LOG_RETENTION;
    }

    /** Level of the function's own JSON log lines. Default: {@code INFO}. */
    public ApplicationLogLevel applicationLogLevel() {
        return applicationLogLevel != null ? applicationLogLevel : Defaults.APPLICATION_LOG_LEVEL;
    }

    /** Level of the Lambda platform's JSON log lines. Default: {@code INFO}. */
    public SystemLogLevel systemLogLevel() {
        return systemLogLevel != null ? systemLogLevel : Defaults.SYSTEM_LOG_LEVEL;
    }

    /**
     * The key that encrypts the environment, the log group and the DLQ. A key you pass must allow the
     * CloudWatch Logs service principal in its key policy. Default: a new customer-managed key with
     * rotation on.
     */
    public IKey encryptionKey() {
        return encryptionKey;
    }

    /** Retries of a failed asynchronous invocation, 0 to 2. Default: 2. */
    public Number retryAttempts() {
        return retryAttempts != null ? retryAttempts : Defaults.RETRY_ATTEMPTS;
    }

    /** How long an asynchronous event may wait, 60 seconds to 6 hours. Default: 6 hours. */
    public Duration maxEventAge() {
        return maxEventAge != null ? maxEventAge : Defaults.MAX_EVENT_AGE;
    }

    /**
     * The queue that receives asynchronous invocations that still fail after the retries (the
     * on-failure destination). Default: a new KMS-encrypted, SSL-only queue with 14-day retention.
     */
    public IQueue deadLetterQueue() {
        return deadLetterQueue;
    }

    /** Reserved concurrent executions, 0 or more. Default: none (the account's unreserved pool). */
    public Number reservedConcurrentExecutions() {
        return reservedConcurrentExecutions;
    }

    /** SnapStart on published versions. Default: true. */
    public boolean snapStart() {
        return snapStart != null ? snapStart : Defaults.SNAP_START;
    }

    /** Builds {@link SecureFunctionProps}; every setter returns the builder. */
    public static final class Builder {
        private String handler;
        private Code code;
        private String codePath;
        private String description;
        private Runtime runtime;
        private Architecture architecture;
        private Number memorySize;
        private Duration timeout;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, ISecret> secrets = new LinkedHashMap<>();
        private final Map<String, IParameter> parameters = new LinkedHashMap<>();
        private RetentionDays logRetention;
        private ApplicationLogLevel applicationLogLevel;
        private SystemLogLevel systemLogLevel;
        private IKey encryptionKey;
        private Number retryAttempts;
        private Duration maxEventAge;
        private IQueue deadLetterQueue;
        private Number reservedConcurrentExecutions;
        private Boolean snapStart;

        private Builder() {
        }

        /** @see SecureFunctionProps#handler() */
        public Builder handler(String handler) {
            this.handler = handler;
            return this;
        }

        /** @see SecureFunctionProps#code() */
        public Builder code(Code code) {
            this.code = code;
            return this;
        }

        /** @see SecureFunctionProps#codePath() */
        public Builder codePath(String codePath) {
            this.codePath = codePath;
            return this;
        }

        /** @see SecureFunctionProps#description() */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** @see SecureFunctionProps#runtime() */
        public Builder runtime(Runtime runtime) {
            this.runtime = runtime;
            return this;
        }

        /** @see SecureFunctionProps#architecture() */
        public Builder architecture(Architecture architecture) {
            this.architecture = architecture;
            return this;
        }

        /** @see SecureFunctionProps#memorySize() */
        public Builder memorySize(Number memorySize) {
            this.memorySize = memorySize;
            return this;
        }

        /** @see SecureFunctionProps#timeout() */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Replaces the environment. @see SecureFunctionProps#environment() */
        public Builder environment(Map<String, String> environment) {
            this.environment.clear();
            this.environment.putAll(environment);
            return this;
        }

        /** Adds one environment variable. @see SecureFunctionProps#environment() */
        public Builder environment(String name, String value) {
            this.environment.put(name, value);
            return this;
        }

        /** Replaces the secrets. @see SecureFunctionProps#secrets() */
        public Builder secrets(Map<String, ? extends ISecret> secrets) {
            this.secrets.clear();
            this.secrets.putAll(secrets);
            return this;
        }

        /** Adds one secret whose ARN lands in {@code envName}. @see SecureFunctionProps#secrets() */
        public Builder secret(String envName, ISecret secret) {
            this.secrets.put(envName, secret);
            return this;
        }

        /** Replaces the parameters. @see SecureFunctionProps#parameters() */
        public Builder parameters(Map<String, ? extends IParameter> parameters) {
            this.parameters.clear();
            this.parameters.putAll(parameters);
            return this;
        }

        /** Adds one parameter whose name lands in {@code envName}. @see SecureFunctionProps#parameters() */
        public Builder parameter(String envName, IParameter parameter) {
            this.parameters.put(envName, parameter);
            return this;
        }

        /** @see SecureFunctionProps#logRetention() */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        /** @see SecureFunctionProps#applicationLogLevel() */
        public Builder applicationLogLevel(ApplicationLogLevel applicationLogLevel) {
            this.applicationLogLevel = applicationLogLevel;
            return this;
        }

        /** @see SecureFunctionProps#systemLogLevel() */
        public Builder systemLogLevel(SystemLogLevel systemLogLevel) {
            this.systemLogLevel = systemLogLevel;
            return this;
        }

        /** @see SecureFunctionProps#encryptionKey() */
        public Builder encryptionKey(IKey encryptionKey) {
            this.encryptionKey = encryptionKey;
            return this;
        }

        /** @see SecureFunctionProps#retryAttempts() */
        public Builder retryAttempts(Number retryAttempts) {
            this.retryAttempts = retryAttempts;
            return this;
        }

        /** @see SecureFunctionProps#maxEventAge() */
        public Builder maxEventAge(Duration maxEventAge) {
            this.maxEventAge = maxEventAge;
            return this;
        }

        /** @see SecureFunctionProps#deadLetterQueue() */
        public Builder deadLetterQueue(IQueue deadLetterQueue) {
            this.deadLetterQueue = deadLetterQueue;
            return this;
        }

        /** @see SecureFunctionProps#reservedConcurrentExecutions() */
        public Builder reservedConcurrentExecutions(Number reservedConcurrentExecutions) {
            this.reservedConcurrentExecutions = reservedConcurrentExecutions;
            return this;
        }

        /** @see SecureFunctionProps#snapStart() */
        public Builder snapStart(boolean snapStart) {
            this.snapStart = snapStart;
            return this;
        }

        public SecureFunctionProps build() {
            return new SecureFunctionProps(this);
        }
    }
}
