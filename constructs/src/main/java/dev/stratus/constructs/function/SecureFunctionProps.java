package dev.stratus.constructs.function;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.ssm.IParameter;

import dev.stratus.constructs.monitoring.AlarmPolicy;

/**
 * Props of a {@link SecureFunction}: an immutable value built with {@link #builder()}.
 *
 * <p>Only {@code handler} and one of {@code code} / {@code codePath} are required; every other prop
 * has a secure default, named in its Javadoc. Values are validated when the construct is created,
 * null map values and list elements included (they are kept here so that the construct can name them).
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
    private final List<ILayerVersion> layers;
    private final IVpc vpc;
    private final SubnetSelection vpcSubnets;
    private final List<ISecurityGroup> securityGroups;
    private final RetentionDays logRetention;
    private final ApplicationLogLevel applicationLogLevel;
    private final SystemLogLevel systemLogLevel;
    private final IKey encryptionKey;
    private final Number retryAttempts;
    private final Duration maxEventAge;
    private final IQueue deadLetterQueue;
    private final Number reservedConcurrentExecutions;
    private final Boolean snapStart;
    private final AlarmPolicy alarms;
    private final Deployment deployment;
    private final List<String> problems;

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
        this.layers = copy(b.layers);
        this.vpc = b.vpc;
        this.vpcSubnets = b.vpcSubnets;
        this.securityGroups = copy(b.securityGroups);
        this.logRetention = b.logRetention;
        this.applicationLogLevel = b.applicationLogLevel;
        this.systemLogLevel = b.systemLogLevel;
        this.encryptionKey = b.encryptionKey;
        this.retryAttempts = b.retryAttempts;
        this.maxEventAge = b.maxEventAge;
        this.deadLetterQueue = b.deadLetterQueue;
        this.reservedConcurrentExecutions = b.reservedConcurrentExecutions;
        this.snapStart = b.snapStart;
        this.alarms = b.alarms;
        this.deployment = b.deployment;
        this.problems = List.copyOf(b.problems);
    }

    /** Keeps insertion order (stable templates) and null values, which validation reports by name. */
    private static <V> Map<String, V> copy(Map<String, V> source) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    /** Keeps null elements, which validation reports by index. */
    private static <V> List<V> copy(List<V> source) {
        return Collections.unmodifiableList(new ArrayList<>(source));
    }

    /** Starts a builder; every prop not set keeps the default its getter documents. */
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
        b.layers.addAll(layers);
        b.vpc = vpc;
        b.vpcSubnets = vpcSubnets;
        b.securityGroups.addAll(securityGroups);
        b.logRetention = logRetention;
        b.applicationLogLevel = applicationLogLevel;
        b.systemLogLevel = systemLogLevel;
        b.encryptionKey = encryptionKey;
        b.retryAttempts = retryAttempts;
        b.maxEventAge = maxEventAge;
        b.deadLetterQueue = deadLetterQueue;
        b.reservedConcurrentExecutions = reservedConcurrentExecutions;
        b.snapStart = snapStart;
        b.alarms = alarms;
        b.deployment = deployment;
        b.problems.addAll(problems);
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

    /** Path of the deployment jar or directory; must exist at synth. Default: none; give either this or {@link #code()}. */
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
     * Plain configuration values. Refused: a literal value under a name that looks like a secret
     * (PASSWORD, SECRET, TOKEN, API_KEY, ...), a secret's value ({@code SecretValue.unsafeUnwrap()},
     * which CloudFormation would write into the function's configuration), and a URL with a password;
     * use {@link #secrets()}. Default: empty.
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

    /** Lambda layers, at most 5, in the order given. Default: none. */
    public List<ILayerVersion> layers() {
        return layers;
    }

    /**
     * The VPC to attach the function to; the role gets the network-interface permissions Lambda
     * needs. Default: none (the function reaches AWS APIs over Lambda's own network).
     */
    public IVpc vpc() {
        return vpc;
    }

    /** Which subnets of {@link #vpc()}. Default: the VPC's private subnets with egress (the CDK's default). */
    public SubnetSelection vpcSubnets() {
        return vpcSubnets;
    }

    /**
     * Security groups of the function's network interfaces in {@link #vpc()}, at most 5. Default: a
     * new security group that allows all outbound and no inbound traffic (the CDK's default).
     */
    public List<ISecurityGroup> securityGroups() {
        return securityGroups;
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
     * The key that encrypts the environment, the log group and the DLQ. Share one key among the
     * functions of a service or stack to save the $1 a month each key costs; keep a key of its own
     * for a function whose data other functions must not decrypt. A key created in the app gets the
     * CloudWatch Logs statement it needs; an imported key's policy must let
     * {@code logs.<region>.amazonaws.com} use it for {@code log-group:/<stackName>/*}. Default: a new
     * customer-managed key with rotation on, for this function alone.
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
     * The standard (not FIFO) queue that receives asynchronous invocations that still fail after the
     * retries (the on-failure destination). Default: a new KMS-encrypted, SSL-only queue with 14-day
     * retention.
     */
    public IQueue deadLetterQueue() {
        return deadLetterQueue;
    }

    /**
     * Reserved concurrent executions, 0 or more; an event source attached to the live alias later may
     * not ask for a higher {@code maxConcurrency}. Default: none (the account's unreserved pool).
     */
    public Number reservedConcurrentExecutions() {
        return reservedConcurrentExecutions;
    }

    /** SnapStart on published versions. Default: true. */
    public Boolean snapStart() {
        return snapStart != null ? snapStart : Defaults.SNAP_START;
    }

    /**
     * Which alarms the function gets and where they notify: {@code Errors}, {@code Throttles},
     * {@code Duration}, {@code DeadLetterQueue}, and with a {@link #deployment()} the rollback alarms
     * {@code VersionErrors} and {@code VersionDuration} (README: "Alarms"). Default: the policy set on
     * a scope above ({@link AlarmPolicy#setDefault}), else {@link AlarmPolicy#defaults()}: all of them,
     * notifying the stack's alarm topic.
     */
    public AlarmPolicy alarms() {
        return alarms;
    }

    /**
     * How new versions take traffic through CodeDeploy (canary, linear or all at once, hooks,
     * rollback on alarms). Default: the deployment set on a scope above ({@link Deployment#setDefault}),
     * else none: CloudFormation points the {@code live} alias at each new version at once.
     */
    public Deployment deployment() {
        return deployment;
    }

    /** Mistakes made while building (a null map or list), reported with the other problems. */
    List<String> declarationProblems() {
        return problems;
    }

    /**
     * Builds {@link SecureFunctionProps}; every setter returns the builder. Setters of a map or list
     * add to what is already there (like {@link #environment(String, String)}), they never replace it.
     */
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
        private final List<ILayerVersion> layers = new ArrayList<>();
        private IVpc vpc;
        private SubnetSelection vpcSubnets;
        private final List<ISecurityGroup> securityGroups = new ArrayList<>();
        private RetentionDays logRetention;
        private ApplicationLogLevel applicationLogLevel;
        private SystemLogLevel systemLogLevel;
        private IKey encryptionKey;
        private Number retryAttempts;
        private Duration maxEventAge;
        private IQueue deadLetterQueue;
        private Number reservedConcurrentExecutions;
        private Boolean snapStart;
        private AlarmPolicy alarms;
        private Deployment deployment;
        private final List<String> problems = new ArrayList<>();

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

        /** Adds these variables to the environment (a name set twice takes the later value). @see SecureFunctionProps#environment() */
        public Builder environment(Map<String, String> environment) {
            putAll("environment", this.environment, environment);
            return this;
        }

        /** Adds one environment variable. @see SecureFunctionProps#environment() */
        public Builder environment(String name, String value) {
            this.environment.put(name, value);
            return this;
        }

        /** Adds these secrets. @see SecureFunctionProps#secrets() */
        public Builder secrets(Map<String, ? extends ISecret> secrets) {
            putAll("secrets", this.secrets, secrets);
            return this;
        }

        /** Adds one secret whose ARN lands in {@code envName}. @see SecureFunctionProps#secrets() */
        public Builder secret(String envName, ISecret secret) {
            this.secrets.put(envName, secret);
            return this;
        }

        /** Adds these parameters. @see SecureFunctionProps#parameters() */
        public Builder parameters(Map<String, ? extends IParameter> parameters) {
            putAll("parameters", this.parameters, parameters);
            return this;
        }

        /** Adds one parameter whose name lands in {@code envName}. @see SecureFunctionProps#parameters() */
        public Builder parameter(String envName, IParameter parameter) {
            this.parameters.put(envName, parameter);
            return this;
        }

        /** Adds these layers. @see SecureFunctionProps#layers() */
        public Builder layers(List<? extends ILayerVersion> layers) {
            addAll("layers", this.layers, layers);
            return this;
        }

        /** Adds one layer. @see SecureFunctionProps#layers() */
        public Builder layer(ILayerVersion layer) {
            this.layers.add(layer);
            return this;
        }

        /** @see SecureFunctionProps#vpc() */
        public Builder vpc(IVpc vpc) {
            this.vpc = vpc;
            return this;
        }

        /** @see SecureFunctionProps#vpcSubnets() */
        public Builder vpcSubnets(SubnetSelection vpcSubnets) {
            this.vpcSubnets = vpcSubnets;
            return this;
        }

        /** Adds these security groups. @see SecureFunctionProps#securityGroups() */
        public Builder securityGroups(List<? extends ISecurityGroup> securityGroups) {
            addAll("securityGroups", this.securityGroups, securityGroups);
            return this;
        }

        /** Adds one security group. @see SecureFunctionProps#securityGroups() */
        public Builder securityGroup(ISecurityGroup securityGroup) {
            this.securityGroups.add(securityGroup);
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
        public Builder snapStart(Boolean snapStart) {
            this.snapStart = snapStart;
            return this;
        }

        /** @see SecureFunctionProps#alarms() */
        public Builder alarms(AlarmPolicy alarms) {
            this.alarms = alarms;
            return this;
        }

        /** @see SecureFunctionProps#deployment() */
        public Builder deployment(Deployment deployment) {
            this.deployment = deployment;
            return this;
        }

        public SecureFunctionProps build() {
            return new SecureFunctionProps(this);
        }

        private <V> void putAll(String prop, Map<String, V> target, Map<String, ? extends V> entries) {
            if (entries == null) {
                problems.add(prop + "(Map) was given null; leave it out or pass an empty map");
            } else {
                target.putAll(entries);
            }
        }

        private <V> void addAll(String prop, List<V> target, List<? extends V> elements) {
            if (elements == null) {
                problems.add(prop + "(List) was given null; leave it out or pass an empty list");
            } else {
                target.addAll(elements);
            }
        }
    }
}
