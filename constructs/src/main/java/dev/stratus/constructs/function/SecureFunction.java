package dev.stratus.constructs.function;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.stratus.constructs.internal.KeyPolicies;
import dev.stratus.constructs.internal.NagSuppressions;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.AddToPrincipalPolicyResult;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.RoleProps;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IAlias;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.ssm.IParameter;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * A Java Lambda function that is secure, compliant and observable without further work.
 *
 * <p>It creates: the function (JAVA_25, arm64, SnapStart on published versions, X-Ray active
 * tracing, JSON logs), a {@code live} alias on the current version that every trigger should target,
 * its own IAM role whose inline policy may only write to the function's own log group, a log group
 * with retention, a customer-managed KMS key with rotation (environment, logs and DLQ), and a
 * KMS-encrypted, SSL-only dead-letter queue that receives asynchronous invocations that still fail
 * after bounded retries. Further permissions come from grants:
 *
 * <pre>{@code
 * SecureFunction fn = SecureFunction.Builder.create(this, "Orders")
 *         .handler("com.example.OrdersHandler::handleRequest")
 *         .codePath("functions/orders/target/function.jar")
 *         .memorySize(512)
 *         .build();
 * table.grantReadData(fn);
 * }</pre>
 */
public class SecureFunction extends Construct implements IGrantable {
    /** The name of the alias that every trigger should target. */
    public static final String LIVE_ALIAS = "live";

    private final Function function;
    private final Alias alias;
    private final Role role;
    private final Policy tracingPolicy;
    private final IKey key;
    private final IQueue deadLetterQueue;
    private final LogGroup logGroup;
    private final Duration timeout;

    public SecureFunction(Construct scope, String id, SecureFunctionProps props) {
        super(scope, id);
        SecureFunctionValidation.validate(id, props);
        this.timeout = props.timeout();

        this.key = props.encryptionKey() != null ? props.encryptionKey() : Key.Builder.create(this, "Key")
                .description("Encrypts the environment, logs and dead-letter queue of " + getNode().getPath())
                .enableKeyRotation(true)
                .build();
        KeyPolicies.allowCloudWatchLogs(key, this);

        this.logGroup = LogGroup.Builder.create(this, "LogGroup")
                .retention(props.logRetention())
                .encryptionKey(key)
                .build();

        this.role = new ExecutionRole(this, "Role", RoleProps.builder()
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Execution role of " + getNode().getPath())
                .inlinePolicies(Map.of("WriteOwnLogGroup", PolicyDocument.Builder.create()
                        .statements(List.of(PolicyStatement.Builder.create()
                                .effect(Effect.ALLOW)
                                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                                .resources(List.of(logGroup.getLogGroupArn()))
                                .build()))
                        .build()))
                .build());
        // X-Ray in a policy of its own, so that its Resource * suppression covers nothing else
        this.tracingPolicy = Policy.Builder.create(this, "TracingPolicy")
                .roles(List.of(role))
                .statements(List.of(PolicyStatement.Builder.create()
                        .effect(Effect.ALLOW)
                        .actions(List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"))
                        .resources(List.of("*"))
                        .build()))
                .build();

        this.deadLetterQueue = props.deadLetterQueue() != null ? props.deadLetterQueue() : Queue.Builder.create(this, "Dlq")
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .enforceSsl(true)
                .retentionPeriod(Defaults.DLQ_RETENTION)
                .build();

        Map<String, String> environment = new LinkedHashMap<>(props.environment());
        props.secrets().forEach((name, secret) -> environment.put(name, secret.getSecretArn()));
        props.parameters().forEach((name, parameter) -> environment.put(name, parameter.getParameterName()));

        this.function = Function.Builder.create(this, "Function")
                .runtime(props.runtime())
                .architecture(props.architecture())
                .handler(props.handler())
                .code(props.code() != null ? props.code() : Code.fromAsset(props.codePath()))
                .description(props.description())
                .memorySize(props.memorySize())
                .timeout(props.timeout())
                .role(role)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(props.applicationLogLevel())
                .systemLogLevelV2(props.systemLogLevel())
                .environment(environment)
                .environmentEncryption(key)
                .snapStart(props.snapStart() ? SnapStartConf.ON_PUBLISHED_VERSIONS : null)
                .reservedConcurrentExecutions(props.reservedConcurrentExecutions())
                .build();

        // Active tracing set on the resource: the L2's tracing prop would add X-Ray's Resource *
        // statement to the role's default policy, where it would share a suppression with later grants.
        CfnFunction cfn = (CfnFunction) function.getNode().getDefaultChild();
        cfn.setTracingConfig(CfnFunction.TracingConfigProperty.builder().mode("Active").build());
        cfn.getNode().addDependency(tracingPolicy);

        if (props.snapStart()) {
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "the live alias publishes a version of every change");
        }

        EventInvokeConfigOptions asyncInvoke = EventInvokeConfigOptions.builder()
                .retryAttempts(props.retryAttempts())
                .maxEventAge(props.maxEventAge())
                .onFailure(new QueueDestination(deadLetterQueue))
                .build();
        // Unqualified invocations get the same bounded retries and destination as the alias.
        function.configureAsyncInvoke(asyncInvoke);
        this.alias = Alias.Builder.create(this, "LiveAlias")
                .aliasName(LIVE_ALIAS)
                .version(function.getCurrentVersion())
                .retryAttempts(asyncInvoke.getRetryAttempts())
                .maxEventAge(asyncInvoke.getMaxEventAge())
                .onFailure(asyncInvoke.getOnFailure())
                .build();

        props.secrets().values().forEach(secret -> secret.grantRead(role));
        props.parameters().values().forEach(parameter -> parameter.grantRead(role));
        suppressInherentFindings();
    }

    private void suppressInherentFindings() {
        CfnResource tracing = (CfnResource) tracingPolicy.getNode().getDefaultChild();
        NagSuppressions.suppress(tracing, "AwsSolutions-IAM5",
                "X-Ray's xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level "
                        + "permissions, so active tracing needs Resource *",
                "Resource::*");
        NagSuppressions.suppressInlinePolicy(tracing);
        if (deadLetterQueue instanceof Queue queue) {
            NagSuppressions.suppressDeadLetterQueue((CfnResource) queue.getNode().getDefaultChild(),
                    "the function's failed asynchronous invocations");
        }
        String dlqReason = "Failed asynchronous invocations go to the on-failure destination (the function's SQS DLQ) on "
                + "the function and its live alias; a DeadLetterConfig on the same queue would deliver every failure twice";
        CfnFunction cfnFunction = (CfnFunction) function.getNode().getDefaultChild();
        for (String rule : List.of("Serverless-LambdaDLQ", "NIST.800.53.R5-LambdaDLQ", "HIPAA.Security-LambdaDLQ")) {
            NagSuppressions.suppress(cfnFunction, rule, dlqReason);
        }
        NagSuppressions.suppressInlinePolicy((CfnResource) role.getNode().getDefaultChild());
    }

    /** The function. Triggers should target {@link #getAlias()} instead. */
    public IFunction getFunction() {
        return function;
    }

    /** The {@code live} alias on the current version: the target for every trigger. */
    public IAlias getAlias() {
        return alias;
    }

    /** The execution role. */
    public IRole getRole() {
        return role;
    }

    /** The key that encrypts the environment, the log group and the DLQ created here. */
    public IKey getKey() {
        return key;
    }

    /** The queue that receives failed asynchronous invocations. */
    public IQueue getDeadLetterQueue() {
        return deadLetterQueue;
    }

    /** The function's timeout: consumers size their queues' visibility timeout from it. */
    public Duration getTimeout() {
        return timeout;
    }

    /** The function's log group. */
    public ILogGroup getLogGroup() {
        return logGroup;
    }

    @Override
    public IPrincipal getGrantPrincipal() {
        return role;
    }

    /** Lets {@code grantee} invoke the {@code live} alias. */
    public Grant grantInvoke(IGrantable grantee) {
        return alias.grantInvoke(grantee);
    }

    /** Errors of invocations through the {@code live} alias (sum over 5 minutes). */
    public Metric metricErrors() {
        return alias.metricErrors();
    }

    /** Errors of invocations through the {@code live} alias. */
    public Metric metricErrors(MetricOptions options) {
        return alias.metricErrors(options);
    }

    /** Throttled invocations of the {@code live} alias (sum over 5 minutes). */
    public Metric metricThrottles() {
        return alias.metricThrottles();
    }

    /** Throttled invocations of the {@code live} alias. */
    public Metric metricThrottles(MetricOptions options) {
        return alias.metricThrottles(options);
    }

    /** Duration of invocations through the {@code live} alias (average over 5 minutes). */
    public Metric metricDuration() {
        return alias.metricDuration();
    }

    /** Duration of invocations through the {@code live} alias. */
    public Metric metricDuration(MetricOptions options) {
        return alias.metricDuration(options);
    }

    /**
     * The execution role: its default policy appears with the first grant, which may come after
     * construction ({@code table.grantReadData(fn)}), and gets the inline-policy suppression then.
     */
    private static final class ExecutionRole extends Role {
        ExecutionRole(Construct scope, String id, RoleProps props) {
            super(scope, id, props);
        }

        @Override
        public AddToPrincipalPolicyResult addToPrincipalPolicy(PolicyStatement statement) {
            boolean first = getNode().tryFindChild("DefaultPolicy") == null;
            AddToPrincipalPolicyResult result = super.addToPrincipalPolicy(statement);
            IConstruct defaultPolicy = getNode().tryFindChild("DefaultPolicy");
            if (first && defaultPolicy != null) {
                NagSuppressions.suppressInlinePolicy((CfnResource) defaultPolicy.getNode().getDefaultChild());
            }
            return result;
        }
    }

    /** A fluent builder in the style of {@code Function.Builder}. */
    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final SecureFunctionProps.Builder props;

        private Builder(Construct scope, String id, SecureFunctionProps.Builder props) {
            this.scope = scope;
            this.id = id;
            this.props = props;
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id, SecureFunctionProps.builder());
        }

        /** Starts from existing props, e.g. shared defaults of a team. */
        public static Builder create(Construct scope, String id, SecureFunctionProps base) {
            return new Builder(scope, id, base.toBuilder());
        }

        public Builder handler(String handler) {
            props.handler(handler);
            return this;
        }

        public Builder code(Code code) {
            props.code(code);
            return this;
        }

        public Builder codePath(String codePath) {
            props.codePath(codePath);
            return this;
        }

        public Builder description(String description) {
            props.description(description);
            return this;
        }

        public Builder runtime(Runtime runtime) {
            props.runtime(runtime);
            return this;
        }

        public Builder architecture(Architecture architecture) {
            props.architecture(architecture);
            return this;
        }

        public Builder memorySize(Number memorySize) {
            props.memorySize(memorySize);
            return this;
        }

        public Builder timeout(Duration timeout) {
            props.timeout(timeout);
            return this;
        }

        public Builder environment(Map<String, String> environment) {
            props.environment(environment);
            return this;
        }

        public Builder environment(String name, String value) {
            props.environment(name, value);
            return this;
        }

        public Builder secret(String envName, ISecret secret) {
            props.secret(envName, secret);
            return this;
        }

        public Builder parameter(String envName, IParameter parameter) {
            props.parameter(envName, parameter);
            return this;
        }

        public Builder logRetention(RetentionDays logRetention) {
            props.logRetention(logRetention);
            return this;
        }

        public Builder applicationLogLevel(ApplicationLogLevel level) {
            props.applicationLogLevel(level);
            return this;
        }

        public Builder systemLogLevel(SystemLogLevel level) {
            props.systemLogLevel(level);
            return this;
        }

        public Builder encryptionKey(IKey key) {
            props.encryptionKey(key);
            return this;
        }

        public Builder retryAttempts(Number retryAttempts) {
            props.retryAttempts(retryAttempts);
            return this;
        }

        public Builder maxEventAge(Duration maxEventAge) {
            props.maxEventAge(maxEventAge);
            return this;
        }

        public Builder deadLetterQueue(IQueue queue) {
            props.deadLetterQueue(queue);
            return this;
        }

        public Builder reservedConcurrentExecutions(Number reserved) {
            props.reservedConcurrentExecutions(reserved);
            return this;
        }

        public Builder snapStart(boolean snapStart) {
            props.snapStart(snapStart);
            return this;
        }

        public SecureFunction build() {
            return new SecureFunction(scope, id, props.build());
        }
    }
}
