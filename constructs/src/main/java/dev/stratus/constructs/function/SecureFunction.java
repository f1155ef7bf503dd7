package dev.stratus.constructs.function;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.stratus.constructs.internal.AlarmFactory;
import dev.stratus.constructs.internal.AlarmFactory.Spec;
import dev.stratus.constructs.internal.Grants;
import dev.stratus.constructs.internal.KeyPolicies;
import dev.stratus.constructs.internal.LogGroupNames;
import dev.stratus.constructs.internal.NagSuppressions;
import dev.stratus.constructs.internal.Problems;
import dev.stratus.constructs.internal.Widgets;
import dev.stratus.constructs.monitoring.AlarmPolicy;
import dev.stratus.constructs.monitoring.Monitored;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.codedeploy.AutoRollbackConfig;
import software.amazon.awscdk.services.codedeploy.LambdaDeploymentGroup;
import software.amazon.awscdk.services.iam.IManagedPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.RoleProps;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.AliasProps;
import software.amazon.awscdk.services.lambda.CfnEventSourceMapping;
import software.amazon.awscdk.services.lambda.IEventSource;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnEventInvokeConfig;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
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
 * named {@code /<stackName>/<path>} with retention, a customer-managed KMS key with rotation
 * (environment, logs and DLQ; pass {@code encryptionKey} to share one), and a KMS-encrypted,
 * SSL-only dead-letter queue that receives asynchronous invocations that still fail after bounded
 * retries. Further permissions come from grants:
 *
 * <pre>{@code
 * SecureFunction fn = SecureFunction.Builder.create(this, "Orders")
 *         .handler("com.example.OrdersHandler::handleRequest")
 *         .codePath("functions/orders/target/function.jar")
 *         .memorySize(512)
 *         .build();
 * table.grantReadData(fn);
 * }</pre>
 *
 * <p>Escape hatches: the getters return the L2 constructs built here ({@link #getFunction()},
 * {@link #getAlias()}, {@link #getRole()}, {@link #getLogGroup()}), and their
 * {@code getNode().getDefaultChild()} is the CloudFormation resource ({@code CfnFunction},
 * {@code CfnAlias}, {@code CfnRole}, {@code CfnLogGroup}) for properties the props do not cover.
 */
public class SecureFunction extends Construct implements IGrantable, Monitored {
    /** The name of the alias that every trigger should target. */
    public static final String LIVE_ALIAS = "live";

    private final Function function;
    private final Alias alias;
    private final Role role;
    private final Policy tracingPolicy;
    private final Policy networkPolicy;
    private final IKey key;
    private final IQueue deadLetterQueue;
    private final LogGroup logGroup;
    private final Duration timeout;
    private final Number reservedConcurrentExecutions;
    private final AlarmFactory alarms;
    private final LambdaDeploymentGroup deploymentGroup;

    /**
     * Creates the SecureFunction and everything it owns in {@code scope} under {@code id}.
     * @param scope the parent construct
     * @param id this construct's id, part of every child's logical id
     * @param props the props; invalid ones fail with one {@link IllegalArgumentException} naming each prop, its value and the allowed range
     */
    public SecureFunction(Construct scope, String id, SecureFunctionProps props) {
        super(scope, id);
        SecureFunctionValidation.validate(this, id, props);
        this.timeout = props.timeout();
        this.reservedConcurrentExecutions = props.reservedConcurrentExecutions();

        this.key = props.encryptionKey() != null ? props.encryptionKey() : Key.Builder.create(this, "Key")
                .description("Encrypts the environment, logs and dead-letter queue of " + getNode().getPath())
                .enableKeyRotation(true)
                .build();
        KeyPolicies.allowStackLogGroups(key, this);

        // An explicit name under the stack's prefix, which the key policy names (see KeyPolicies)
        this.logGroup = LogGroup.Builder.create(this, "LogGroup")
                .logGroupName(LogGroupNames.of(this))
                .retention(props.logRetention())
                .encryptionKey(key)
                .build();

        this.role = new Role(this, "Role", RoleProps.builder()
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
        this.networkPolicy = props.vpc() == null ? null : networkInterfacePolicy();

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
                .layers(props.layers().isEmpty() ? null : props.layers())
                .vpc(props.vpc())
                .vpcSubnets(props.vpcSubnets())
                .securityGroups(props.securityGroups().isEmpty() ? null : props.securityGroups())
                .snapStart(props.snapStart() ? SnapStartConf.ON_PUBLISHED_VERSIONS : null)
                .reservedConcurrentExecutions(props.reservedConcurrentExecutions())
                .build();

        // Active tracing set on the resource: the L2's tracing prop would add X-Ray's Resource *
        // statement to the role's default policy, where it would share a suppression with later grants.
        CfnFunction cfn = (CfnFunction) function.getNode().getDefaultChild();
        cfn.setTracingConfig(CfnFunction.TracingConfigProperty.builder().mode("Active").build());
        cfn.getNode().addDependency(tracingPolicy);
        if (networkPolicy != null) {
            // Lambda checks the network-interface permissions when it creates the function
            cfn.getNode().addDependency(networkPolicy);
        }

        if (props.snapStart()) {
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "the live alias publishes a version of every change");
        }

        EventInvokeConfigOptions asyncInvoke = EventInvokeConfigOptions.builder()
                .retryAttempts(props.retryAttempts())
                .maxEventAge(props.maxEventAge())
                .build();
        // Unqualified invocations get the same bounded retries and destination as the alias.
        function.configureAsyncInvoke(asyncInvoke);
        // exactly sqs:SendMessage and the key use it needs (SqsDestination grants KMS action wildcards); the
        // destination is set on both invoke configs below, not through an IDestination Node would call back
        Grants.sendMessages(deadLetterQueue, function);
        this.alias = new LiveAlias(this, "LiveAlias", AliasProps.builder()
                .aliasName(LIVE_ALIAS)
                .version(function.getCurrentVersion())
                .retryAttempts(asyncInvoke.getRetryAttempts())
                .maxEventAge(asyncInvoke.getMaxEventAge())
                .build());
        CfnEventInvokeConfig.DestinationConfigProperty onFailure = CfnEventInvokeConfig.DestinationConfigProperty.builder()
                .onFailure(CfnEventInvokeConfig.OnFailureProperty.builder().destination(deadLetterQueue.getQueueArn()).build())
                .build();
        for (IConstruct owner : List.of(function, alias)) {
            ((CfnEventInvokeConfig) owner.getNode().findChild("EventInvokeConfig").getNode().getDefaultChild()).setDestinationConfig(onFailure);
        }

        props.secrets().values().forEach(secret -> secret.grantRead(role));
        props.parameters().values().forEach(parameter -> parameter.grantRead(role));
        suppressInherentFindings();

        this.alarms = new AlarmFactory(this, AlarmPolicy.resolve(this, props.alarms()));
        addAlarms();
        Deployment deployment = Deployment.resolve(this, props.deployment());
        this.deploymentGroup = deployment != null && deployment.isEnabled() ? deploy(deployment) : null;
    }

    /** The alarms of the README's "Alarms" table; the duration threshold needs a resolved timeout. */
    private void addAlarms() {
        alarms.add(Spec.atLeast(Defaults.ALARM_ERRORS, metricErrors(), 1, TreatMissingData.NOT_BREACHING, "errors",
                "Invocations through the live alias failed (an exception, a timeout or running out of memory); no "
                        + "invocations is no evidence of failure"));
        alarms.add(Spec.atLeast(Defaults.ALARM_THROTTLES, metricThrottles(), 1, TreatMissingData.NOT_BREACHING, "throttles",
                "Lambda refused invocations for lack of concurrency (reserved concurrency or the account's limit)"));
        Double nearTimeout = nearTimeoutMillis();
        if (nearTimeout != null) {
            alarms.add(Spec.atLeast(Defaults.ALARM_DURATION, metricDuration(MetricOptions.builder().statistic("p99").build()),
                    nearTimeout, TreatMissingData.NOT_BREACHING, "ms",
                    "The slowest 1% of invocations came within " + Math.round(100 - Defaults.NEAR_TIMEOUT_PERCENT)
                            + "% of the timeout, where they start to time out"));
        }
        alarms.add(Spec.atLeast(Defaults.ALARM_DEAD_LETTER_QUEUE,
                deadLetterQueue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder().statistic("Maximum").build()), 1,
                TreatMissingData.NOT_BREACHING, "messages",
                "Asynchronous invocations failed after their retries and wait in the dead-letter queue: look at them and "
                        + "re-invoke (an empty queue that nobody touches stops reporting, hence missing data is fine)"));
    }

    /** {@value Defaults#NEAR_TIMEOUT_PERCENT}% of the timeout in milliseconds; null for an unresolved timeout. */
    private Double nearTimeoutMillis() {
        return timeout.isUnresolved() ? null : timeout.toMilliseconds().doubleValue() * Defaults.NEAR_TIMEOUT_PERCENT / 100.0;
    }

    /**
     * A CodeDeploy deployment group on the live alias, with a role of its own (inline policy: the alias
     * and the rollback alarms, nothing else) and the rollback alarms of the version being deployed.
     */
    private LambdaDeploymentGroup deploy(Deployment deployment) {
        Construct scope = new Construct(this, "Deployment");
        List<Alarm> rollbackAlarms = new java.util.ArrayList<>();
        if (deployment.rollsBackOnAlarms()) {
            Alarm errors = alarms.addWatched("", Spec.atLeast(Defaults.ALARM_VERSION_ERRORS, versionMetric("Errors", "Sum"), 1,
                    TreatMissingData.NOT_BREACHING, "errors", "Invocations of the version being deployed failed: CodeDeploy rolls "
                            + "the live alias back to the previous version"));
            Double nearTimeout = nearTimeoutMillis();
            Alarm duration = nearTimeout == null ? null : alarms.addWatched("", Spec.atLeast(Defaults.ALARM_VERSION_DURATION,
                    versionMetric("Duration", "p99"), nearTimeout, TreatMissingData.NOT_BREACHING, "ms",
                    "The slowest 1% of invocations of the version being deployed came near the timeout: CodeDeploy rolls back"));
            java.util.stream.Stream.of(errors, duration).filter(java.util.Objects::nonNull).forEach(rollbackAlarms::add);
        }
        List<PolicyStatement> statements = new java.util.ArrayList<>();
        // what AWSCodeDeployRoleForLambdaLimited allows on every function, on this alias alone
        statements.add(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("lambda:GetAlias", "lambda:UpdateAlias", "lambda:GetProvisionedConcurrencyConfig"))
                .resources(List.of(alias.getFunctionArn()))
                .build());
        if (!rollbackAlarms.isEmpty()) {
            statements.add(PolicyStatement.Builder.create()
                    .effect(Effect.ALLOW)
                    .actions(List.of("cloudwatch:DescribeAlarms"))
                    .resources(rollbackAlarms.stream().map(Alarm::getAlarmArn).toList())
                    .build());
        }
        Role deploymentRole = new DeploymentRole(scope, "Role", RoleProps.builder()
                .assumedBy(new ServicePrincipal("codedeploy.amazonaws.com"))
                .description("Lets CodeDeploy shift the live alias of " + getNode().getPath())
                .inlinePolicies(Map.of("ShiftLiveAlias", PolicyDocument.Builder.create().statements(statements).build()))
                .build());
        LambdaDeploymentGroup group = LambdaDeploymentGroup.Builder.create(scope, "Group")
                .alias(alias)
                .deploymentConfig(deployment.config())
                .role(deploymentRole)
                .alarms(List.copyOf(rollbackAlarms))
                .preHook(deployment.preTrafficHook())
                .postHook(deployment.postTrafficHook())
                .autoRollback(AutoRollbackConfig.builder()
                        .failedDeployment(true)
                        .deploymentInAlarm(!rollbackAlarms.isEmpty())
                        .build())
                .build();
        // the rollback alarms watch the new version before the alias starts shifting to it
        rollbackAlarms.forEach(alarm -> alias.getNode().addDependency(alarm));
        NagSuppressions.suppressInlinePolicies(deploymentRole);
        return group;
    }

    /** {@code metric} of the version being deployed, invoked through the live alias (dimension ExecutedVersion), per minute. */
    private Metric versionMetric(String metric, String statistic) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("FunctionName", function.getFunctionName());
        dimensions.put("Resource", function.getFunctionName() + ":" + LIVE_ALIAS);
        dimensions.put("ExecutedVersion", function.getCurrentVersion().getVersion());
        return Metric.Builder.create()
                .namespace("AWS/Lambda")
                .metricName(metric)
                .dimensionsMap(dimensions)
                .statistic(statistic)
                .period(Defaults.VERSION_ALARM_PERIOD)
                .build();
    }

    /**
     * What Lambda needs to attach the function to a VPC (AWS's AWSLambdaVPCAccessExecutionRole without
     * its logs wildcard), in a policy of its own like X-Ray's: the Describe actions support no
     * resource-level permissions, and the others are limited to this account and region.
     */
    private Policy networkInterfacePolicy() {
        Stack stack = Stack.of(this);
        String accountAndRegion = stack.formatArn(ArnComponents.builder().service("ec2").resource("*").resourceName("*")
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
        Policy policy = Policy.Builder.create(this, "NetworkInterfacePolicy")
                .roles(List.of(role))
                .statements(List.of(
                        PolicyStatement.Builder.create()
                                .effect(Effect.ALLOW)
                                .actions(List.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"))
                                .resources(List.of("*"))
                                .build(),
                        PolicyStatement.Builder.create()
                                .effect(Effect.ALLOW)
                                .actions(List.of("ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
                                        "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"))
                                .resources(List.of(accountAndRegion))
                                .build()))
                .build();
        CfnResource cfn = (CfnResource) policy.getNode().getDefaultChild();
        List<NagSuppressions.Rule> rules = new java.util.ArrayList<>();
        rules.add(new NagSuppressions.Rule("AwsSolutions-IAM5",
                "Lambda creates and deletes the function's network interfaces in its VPC with the execution role: "
                        + "ec2:DescribeNetworkInterfaces and ec2:DescribeSubnets support no resource-level permissions, "
                        + "and the interfaces' ids are not known before Lambda creates them (limited to this account and region)",
                List.of("Resource::*", NagSuppressions.resourceFinding(this, accountAndRegion))));
        rules.addAll(NagSuppressions.INLINE_POLICY_RULES);
        NagSuppressions.suppress(cfn, rules);
        return policy;
    }

    private void suppressInherentFindings() {
        // one metadata write per resource, each with all its rules
        List<NagSuppressions.Rule> tracing = new java.util.ArrayList<>();
        tracing.add(new NagSuppressions.Rule("AwsSolutions-IAM5",
                "X-Ray's xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level "
                        + "permissions, so active tracing needs Resource *",
                List.of("Resource::*")));
        tracing.addAll(NagSuppressions.INLINE_POLICY_RULES);
        NagSuppressions.suppress((CfnResource) tracingPolicy.getNode().getDefaultChild(), tracing);
        if (deadLetterQueue instanceof Queue queue) {
            NagSuppressions.suppressDeadLetterQueue((CfnResource) queue.getNode().getDefaultChild(),
                    "the function's failed asynchronous invocations");
        }
        String dlqReason = "Failed asynchronous invocations go to the on-failure destination (the function's SQS DLQ) on "
                + "the function and its live alias; a DeadLetterConfig on the same queue would deliver every failure twice";
        CfnFunction cfnFunction = (CfnFunction) function.getNode().getDefaultChild();
        NagSuppressions.suppress(cfnFunction, List.of("Serverless-LambdaDLQ", "NIST.800.53.R5-LambdaDLQ", "HIPAA.Security-LambdaDLQ")
                .stream().map(rule -> new NagSuppressions.Rule(rule, dlqReason)).toList());
        NagSuppressions.suppressInlinePolicy((CfnResource) role.getNode().getDefaultChild());
        // the DLQ grant above created the role's default policy; later grants add to it
        IConstruct defaultPolicy = role.getNode().tryFindChild("DefaultPolicy");
        if (defaultPolicy != null) {
            NagSuppressions.suppressInlinePolicy((CfnResource) defaultPolicy.getNode().getDefaultChild());
        }
    }

    /**
     * The L2 function. Triggers should target {@link #getAlias()} instead; {@code addEnvironment} on it
     * bypasses this construct's checks of environment values.
     */
    public Function getFunction() {
        return function;
    }

    /** The {@code live} alias on the current version: the target for every trigger. */
    public Alias getAlias() {
        return alias;
    }

    /** The execution role: add permissions with grants ({@code table.grantReadData(fn)}). */
    public Role getRole() {
        return role;
    }

    /**
     * The key that encrypts the environment, the log group and the DLQ created here: the
     * {@code encryptionKey} prop, or the {@code Key} created for this function (a {@code Key} then).
     */
    public IKey getKey() {
        return key;
    }

    /**
     * The queue that receives failed asynchronous invocations: the {@code deadLetterQueue} prop, or the
     * {@code Queue} created here.
     */
    public IQueue getDeadLetterQueue() {
        return deadLetterQueue;
    }

    /** The function's timeout: consumers size their queues' visibility timeout from it. */
    public Duration getTimeout() {
        return timeout;
    }

    /** The function's reserved concurrency, or null when it draws on the account's unreserved pool. */
    public Number getReservedConcurrentExecutions() {
        return reservedConcurrentExecutions;
    }

    /** The function's log group, named {@code /<stackName>/<path of this construct>}. */
    public LogGroup getLogGroup() {
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

    /** Invocations through the {@code live} alias (sum over 5 minutes). */
    public Metric metricInvocations() {
        return alias.metricInvocations();
    }

    /** Invocations through the {@code live} alias. */
    public Metric metricInvocations(MetricOptions options) {
        return alias.metricInvocations(options);
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
     * Instances running at once, over every version of the function (maximum over 5 minutes): what
     * {@code reservedConcurrentExecutions} caps.
     */
    public Metric metricConcurrentExecutions() {
        return metricConcurrentExecutions(MetricOptions.builder().build());
    }

    /** Instances running at once, over every version of the function; the statistic defaults to maximum. */
    public Metric metricConcurrentExecutions(MetricOptions options) {
        MetricOptions.Builder withMaximum = MetricOptions.builder()
                .statistic(options.getStatistic() != null ? options.getStatistic() : "Maximum")
                .period(options.getPeriod())
                .label(options.getLabel())
                .color(options.getColor())
                .unit(options.getUnit())
                .account(options.getAccount())
                .region(options.getRegion())
                .dimensionsMap(options.getDimensionsMap());
        return function.metric("ConcurrentExecutions", withMaximum.build());
    }

    /** The alarms created (README: "Alarms"), the rollback alarms of a deployment included. */
    @Override
    public List<Alarm> getAlarms() {
        return alarms.alarms();
    }

    /** The CodeDeploy deployment group of the live alias, when a deployment is set. */
    public java.util.Optional<LambdaDeploymentGroup> getDeploymentGroup() {
        return java.util.Optional.ofNullable(deploymentGroup);
    }

    /** Invocations, errors and throttles; duration (average, p99) against the timeout; the DLQ and concurrency. */
    @Override
    public List<IWidget> dashboardWidgets() {
        MetricOptions p99 = MetricOptions.builder().statistic("p99").label("p99").build();
        MetricOptions p50 = MetricOptions.builder().statistic("p50").label("p50").build();
        List<HorizontalAnnotation> timeoutLine = timeout.isUnresolved() ? List.of()
                : List.of(HorizontalAnnotation.builder().value(timeout.toMilliseconds()).label("timeout").build());
        return List.of(
                Widgets.heading("Function", this),
                Widgets.graph("Invocations, errors, throttles", 8, List.of(metricInvocations(), metricErrors(), metricThrottles())),
                Widgets.graph("Duration (ms)", 8, List.of(metricDuration(p50), metricDuration(p99)), timeoutLine),
                Widgets.graph("DLQ depth, concurrency", 8, List.of(
                        deadLetterQueue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder().statistic("Maximum")
                                .label("messages in the DLQ").build()),
                        metricConcurrentExecutions(MetricOptions.builder().label("concurrent executions").build()))));
    }

    /**
     * The execution role: its default policy appears with the first grant, which may come after
     * construction ({@code table.grantReadData(fn)}), and gets the inline-policy suppression then.
     */
    /**
     * The deployment group's role. CodeDeploy's L2 attaches the AWS managed policy
     * AWSCodeDeployRoleForLambdaLimited (UpdateAlias on every function, Invoke of every CodeDeployHook_*)
     * to any role it is given; this role keeps its exact inline policy instead and refuses that one.
     */
    private static final class DeploymentRole extends Role {
        DeploymentRole(Construct scope, String id, RoleProps props) {
            super(scope, id, props);
        }

        @Override
        public void addManagedPolicy(IManagedPolicy policy) {
            if (policy.getManagedPolicyArn().endsWith("AWSCodeDeployRoleForLambdaLimited")) {
                return;
            }
            super.addManagedPolicy(policy);
        }
    }

    /**
     * The live alias: an event source attached to it may not ask for more concurrency than the
     * function reserves, or Lambda would throttle the excess and the source would retry it until the
     * messages land in a DLQ without having failed.
     */
    private final class LiveAlias extends Alias {
        LiveAlias(Construct scope, String id, AliasProps props) {
            super(scope, id, props);
        }

        @Override
        public void addEventSource(IEventSource source) {
            Set<String> before = new HashSet<>();
            getNode().getChildren().forEach(child -> before.add(child.getNode().getId()));
            super.addEventSource(source);
            Number reserved = reservedConcurrentExecutions;
            if (reserved == null || Token.isUnresolved(reserved)) {
                return;
            }
            for (IConstruct child : getNode().getChildren()) {
                // the struct comes back from jsii untyped: resolved, it is a map of its fields
                if (!before.contains(child.getNode().getId())
                        && child.getNode().getDefaultChild() instanceof CfnEventSourceMapping mapping
                        && Stack.of(this).resolve(mapping.getScalingConfig()) instanceof Map<?, ?> scaling
                        && scaling.get("maximumConcurrency") instanceof Number maximum
                        && maximum.doubleValue() > reserved.doubleValue()) {
                    Problems problems = new Problems("SecureFunction", SecureFunction.this.getNode().getId());
                    problems.add("the maxConcurrency of event source " + child.getNode().getId() + " is "
                            + maximum + ", above reservedConcurrentExecutions " + reserved
                            + ": Lambda would throttle the invocations above " + reserved + " and the source would retry "
                            + "them until they reach its DLQ without having failed; lower maxConcurrency or raise "
                            + "reservedConcurrentExecutions");
                    problems.throwIfAny();
                }
            }
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

        /** Starts a {@link SecureFunction} named {@code id} in {@code scope}; set its props, then {@link #build()}. */
        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id, SecureFunctionProps.builder());
        }

        /** Starts from existing props, e.g. shared defaults of a team. */
        public static Builder create(Construct scope, String id, SecureFunctionProps base) {
            return new Builder(scope, id, base.toBuilder());
        }

        /** @see SecureFunctionProps#handler() */
        public Builder handler(String handler) {
            props.handler(handler);
            return this;
        }

        /** @see SecureFunctionProps#code() */
        public Builder code(Code code) {
            props.code(code);
            return this;
        }

        /** @see SecureFunctionProps#codePath() */
        public Builder codePath(String codePath) {
            props.codePath(codePath);
            return this;
        }

        /** @see SecureFunctionProps#description() */
        public Builder description(String description) {
            props.description(description);
            return this;
        }

        /** @see SecureFunctionProps#runtime() */
        public Builder runtime(Runtime runtime) {
            props.runtime(runtime);
            return this;
        }

        /** @see SecureFunctionProps#architecture() */
        public Builder architecture(Architecture architecture) {
            props.architecture(architecture);
            return this;
        }

        /** @see SecureFunctionProps#memorySize() */
        public Builder memorySize(Number memorySize) {
            props.memorySize(memorySize);
            return this;
        }

        /** @see SecureFunctionProps#timeout() */
        public Builder timeout(Duration timeout) {
            props.timeout(timeout);
            return this;
        }

        /** Adds these variables; a name set twice takes the later value. @see SecureFunctionProps#environment() */
        public Builder environment(Map<String, String> environment) {
            props.environment(environment);
            return this;
        }

        /** Adds one environment variable. @see SecureFunctionProps#environment() */
        public Builder environment(String name, String value) {
            props.environment(name, value);
            return this;
        }

        /** Adds these secrets; each variable holds its secret's ARN. @see SecureFunctionProps#secrets() */
        public Builder secrets(Map<String, ? extends ISecret> secrets) {
            props.secrets(secrets);
            return this;
        }

        /** Adds one secret whose ARN lands in {@code envName}. @see SecureFunctionProps#secrets() */
        public Builder secret(String envName, ISecret secret) {
            props.secret(envName, secret);
            return this;
        }

        /** Adds these SSM parameters; each variable holds its parameter's name. @see SecureFunctionProps#parameters() */
        public Builder parameters(Map<String, ? extends IParameter> parameters) {
            props.parameters(parameters);
            return this;
        }

        /** Adds one parameter whose name lands in {@code envName}. @see SecureFunctionProps#parameters() */
        public Builder parameter(String envName, IParameter parameter) {
            props.parameter(envName, parameter);
            return this;
        }

        /** Adds these layers. @see SecureFunctionProps#layers() */
        public Builder layers(List<? extends ILayerVersion> layers) {
            props.layers(layers);
            return this;
        }

        /** Adds one layer. @see SecureFunctionProps#layers() */
        public Builder layer(ILayerVersion layer) {
            props.layer(layer);
            return this;
        }

        /** @see SecureFunctionProps#vpc() */
        public Builder vpc(IVpc vpc) {
            props.vpc(vpc);
            return this;
        }

        /** @see SecureFunctionProps#vpcSubnets() */
        public Builder vpcSubnets(SubnetSelection vpcSubnets) {
            props.vpcSubnets(vpcSubnets);
            return this;
        }

        /** Adds these security groups. @see SecureFunctionProps#securityGroups() */
        public Builder securityGroups(List<? extends ISecurityGroup> securityGroups) {
            props.securityGroups(securityGroups);
            return this;
        }

        /** Adds one security group. @see SecureFunctionProps#securityGroups() */
        public Builder securityGroup(ISecurityGroup securityGroup) {
            props.securityGroup(securityGroup);
            return this;
        }

        /** @see SecureFunctionProps#logRetention() */
        public Builder logRetention(RetentionDays logRetention) {
            props.logRetention(logRetention);
            return this;
        }

        /** @see SecureFunctionProps#applicationLogLevel() */
        public Builder applicationLogLevel(ApplicationLogLevel applicationLogLevel) {
            props.applicationLogLevel(applicationLogLevel);
            return this;
        }

        /** @see SecureFunctionProps#systemLogLevel() */
        public Builder systemLogLevel(SystemLogLevel systemLogLevel) {
            props.systemLogLevel(systemLogLevel);
            return this;
        }

        /** @see SecureFunctionProps#encryptionKey() */
        public Builder encryptionKey(IKey encryptionKey) {
            props.encryptionKey(encryptionKey);
            return this;
        }

        /** @see SecureFunctionProps#retryAttempts() */
        public Builder retryAttempts(Number retryAttempts) {
            props.retryAttempts(retryAttempts);
            return this;
        }

        /** @see SecureFunctionProps#maxEventAge() */
        public Builder maxEventAge(Duration maxEventAge) {
            props.maxEventAge(maxEventAge);
            return this;
        }

        /** @see SecureFunctionProps#deadLetterQueue() */
        public Builder deadLetterQueue(IQueue deadLetterQueue) {
            props.deadLetterQueue(deadLetterQueue);
            return this;
        }

        /** @see SecureFunctionProps#reservedConcurrentExecutions() */
        public Builder reservedConcurrentExecutions(Number reservedConcurrentExecutions) {
            props.reservedConcurrentExecutions(reservedConcurrentExecutions);
            return this;
        }

        /** @see SecureFunctionProps#snapStart() */
        public Builder snapStart(Boolean snapStart) {
            props.snapStart(snapStart);
            return this;
        }

        /** @see SecureFunctionProps#alarms() */
        public Builder alarms(AlarmPolicy alarms) {
            props.alarms(alarms);
            return this;
        }

        /** @see SecureFunctionProps#deployment() */
        public Builder deployment(Deployment deployment) {
            props.deployment(deployment);
            return this;
        }

        public SecureFunction build() {
            return new SecureFunction(scope, id, props.build());
        }
    }
}
