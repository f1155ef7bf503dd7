package dev.stratus.constructs.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.internal.AlarmFactory;
import dev.stratus.constructs.internal.AlarmFactory.Spec;
import dev.stratus.constructs.internal.KeyPolicies;
import dev.stratus.constructs.internal.LogGroupNames;
import dev.stratus.constructs.internal.NagSuppressions;
import dev.stratus.constructs.internal.Widgets;
import dev.stratus.constructs.monitoring.AlarmPolicy;
import dev.stratus.constructs.monitoring.Monitored;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.stepfunctions.CfnStateMachine;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * A saga as a Step Functions state machine: steps that run in order, each retried on transient
 * errors, and on a failure the compensations of the steps already done, in reverse order, before the
 * execution fails with a cause that names the step.
 *
 * <p>It creates: the state machine (Standard by default) with a whole-execution timeout, logging ALL
 * to a KMS-encrypted log group with retention (execution data off by default), X-Ray tracing, its
 * execution data encrypted with a customer-managed key, and a role that may invoke only the steps'
 * functions (a SecureFunction's {@code live} alias); alarms on failed, timed-out, throttled and aborted
 * executions. {@link #startOnEvent} adds an EventBridge rule that starts it, with retries and an
 * encrypted DLQ; {@link #grantStartExecution} lets a principal start it.
 *
 * <pre>{@code
 * Workflow saga = Workflow.Builder.create(this, "OrderSaga")
 *         .step(WorkflowStep.of("ProcessOrder", processOrder).compensation(cancelOrder))
 *         .step(WorkflowStep.of("ValidatePayment", validatePayment).compensation(voidPayment)
 *                 .businessErrors("com.example.PaymentDeclined"))
 *         .step(WorkflowStep.of("UpdateInventory", updateInventory).compensation(restoreInventory))
 *         .build();
 * saga.startOnEvent(bus, EventPattern.builder().detailType(List.of("order.placed")).build());
 * }</pre>
 *
 * <p>Escape hatches: {@link #getStateMachine()} is the L2, and its
 * {@code getNode().getDefaultChild()} the {@code CfnStateMachine}.
 */
public class Workflow extends Construct implements Monitored {
    /** What Step Functions needs to deliver logs to CloudWatch Logs; none of these actions can be scoped to a resource. */
    public static final List<String> LOG_DELIVERY_ACTIONS = List.of("logs:CreateLogDelivery", "logs:GetLogDelivery",
            "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
            "logs:DescribeResourcePolicies", "logs:DescribeLogGroups");
    /** What Step Functions needs to send traces and read sampling rules; X-Ray has no resource-level permissions. */
    public static final List<String> TRACING_ACTIONS = List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords",
            "xray:GetSamplingRules", "xray:GetSamplingTargets");

    private static final Pattern NOT_ALLOWED_IN_NAME = Pattern.compile("[^A-Za-z0-9_-]");
    private static final int MAX_NAME_LENGTH = 80;

    private final WorkflowProps props;
    private final IKey key;
    private final String stateMachineName;
    private final String stateMachineArn;
    private final LogGroup logGroup;
    private final Role role;
    private final Policy logDeliveryPolicy;
    private final Policy tracingPolicy;
    private final StateMachine stateMachine;
    private final AlarmFactory alarms;
    private final Map<String, Start> starts = new LinkedHashMap<>();
    private Role startRole;

    /** What one {@link #startOnEvent} created. */
    private record Start(Rule rule, Queue deadLetterQueue) {
    }

    /**
     * Creates the Workflow and everything it owns in {@code scope} under {@code id}.
     * @param scope the parent construct
     * @param id this construct's id, part of every child's logical id
     * @param props the props; invalid ones fail with one {@link IllegalArgumentException} naming each prop, its value and the allowed range
     */
    public Workflow(Construct scope, String id, WorkflowProps props) {
        super(scope, id);
        WorkflowValidation.validate(id, props);
        this.props = props;
        Stack stack = Stack.of(this);
        this.key = props.encryptionKey() != null ? props.encryptionKey() : Key.Builder.create(this, "Key")
                .description("Encrypts the executions, logs and dead-letter queues of " + getNode().getPath())
                .enableKeyRotation(true)
                .build();
        // named here, so that the key's grants can name the state machine's ARN before it exists
        this.stateMachineName = stateMachineName(this);
        this.stateMachineArn = stack.formatArn(ArnComponents.builder().service("states").resource("stateMachine")
                .resourceName(stateMachineName).arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());

        KeyPolicies.allowStateMachineLogGroups(key, this);
        String logsInThisAccount = stack.formatArn(ArnComponents.builder().service("logs").resource("*")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        // execution data in the logs is encrypted with this key under this context; CloudWatch Logs'
        // delivery service decrypts it on its way into the log group
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowLogDeliveryOfStepFunctionsExecutionData")
                .principals(List.of(new ServicePrincipal("delivery.logs.amazonaws.com")))
                .actions(List.of("kms:Decrypt"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("kms:EncryptionContext:SourceArn", logsInThisAccount)))
                .build());
        this.logGroup = LogGroup.Builder.create(this, "LogGroup")
                .logGroupName(LogGroupNames.ofStateMachine(this))
                .retention(props.logRetention())
                .encryptionKey(key)
                .build();

        this.role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("states.amazonaws.com").withConditions(new java.util.TreeMap<>(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", stack.getAccount()),
                        "ArnLike", Map.of("aws:SourceArn", stack.formatArn(ArnComponents.builder().service("states")
                                .resource("stateMachine").resourceName("*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build()))))))
                .description("Execution role of " + getNode().getPath() + ": invokes its steps' functions")
                .build();
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder().grantee(role)
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resourceArns(List.of(key.getKeyArn()))
                .conditions(Map.of("StringEquals", Map.of("kms:EncryptionContext:aws:states:stateMachineArn", stateMachineArn)))
                .build());
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder().grantee(role)
                .actions(List.of("kms:GenerateDataKey"))
                .resourceArns(List.of(key.getKeyArn()))
                .conditions(Map.of("StringEquals", Map.of("kms:EncryptionContext:SourceArn", logsInThisAccount)))
                .build());
        // in policies of their own, so that their Resource * suppressions cover nothing else
        this.logDeliveryPolicy = Policy.Builder.create(this, "LogDeliveryPolicy")
                .roles(List.of(role))
                .statements(List.of(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                        .actions(LOG_DELIVERY_ACTIONS).resources(List.of("*")).build()))
                .build();
        this.tracingPolicy = Policy.Builder.create(this, "TracingPolicy")
                .roles(List.of(role))
                .statements(List.of(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                        .actions(TRACING_ACTIONS).resources(List.of("*")).build()))
                .build();

        List<WorkflowStep> steps = props.steps();
        List<IFunction> compensations = new ArrayList<>();
        List<Duration> compensationTimeouts = new ArrayList<>();
        for (WorkflowStep step : steps) {
            WorkflowProps.Compensation byName = props.compensations().stream()
                    .filter(c -> step.name().equals(c.step())).findFirst().orElse(null);
            compensations.add(step.compensation() != null ? step.compensation() : byName == null ? null : byName.function());
            compensationTimeouts.add(step.compensation() != null ? step.compensationTimeout() : byName == null ? null : byName.functionTimeout());
        }
        Construct states = new Construct(this, "States");
        this.stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .stateMachineName(stateMachineName)
                .stateMachineType(props.type())
                .definitionBody(DefinitionBody.fromChainable(
                        SagaDefinition.build(states, steps, compensations, compensationTimeouts, props.timeout())))
                .timeout(props.timeout())
                .comment(props.comment())
                .role(role)
                .build();
        // logging, tracing and encryption set on the resource: the L2's props would add their Resource *
        // statements to the role's default policy, and grant the logs delivery service the key without a condition
        CfnStateMachine cfn = (CfnStateMachine) stateMachine.getNode().getDefaultChild();
        cfn.setLoggingConfiguration(CfnStateMachine.LoggingConfigurationProperty.builder()
                .level("ALL")
                .includeExecutionData(props.includeExecutionData())
                .destinations(List.of(CfnStateMachine.LogDestinationProperty.builder()
                        .cloudWatchLogsLogGroup(CfnStateMachine.CloudWatchLogsLogGroupProperty.builder()
                                .logGroupArn(logGroup.getLogGroupArn()).build())
                        .build()))
                .build());
        cfn.setTracingConfiguration(CfnStateMachine.TracingConfigurationProperty.builder().enabled(true).build());
        cfn.setEncryptionConfiguration(CfnStateMachine.EncryptionConfigurationProperty.builder()
                .type("CUSTOMER_MANAGED_KMS_KEY")
                .kmsKeyId(key.getKeyArn())
                .kmsDataKeyReusePeriodSeconds(props.dataKeyReusePeriod().toSeconds())
                .build());
        // Step Functions checks the logging permissions when it creates the state machine
        cfn.getNode().addDependency(logDeliveryPolicy, tracingPolicy);

        suppressInherentFindings();
        this.alarms = new AlarmFactory(this, AlarmPolicy.resolve(this, props.alarms()));
        addAlarms();
    }

    /** The alarms of the README's "Alarms" table: any failed, timed-out, throttled or aborted execution in 5 minutes. */
    private void addAlarms() {
        // no executions report no data, which is no evidence of failure
        alarms.add(Spec.atLeast(Defaults.ALARM_FAILED, metricFailed(), 1, TreatMissingData.NOT_BREACHING, "executions",
                "Executions failed (after their compensations ran): restart them once the cause is fixed (redriveCommand)"));
        alarms.add(Spec.atLeast(Defaults.ALARM_TIMED_OUT, metricTimedOut(), 1, TreatMissingData.NOT_BREACHING, "executions",
                "Executions ran past the workflow's timeout (a step that hangs, a wait that never ends)"));
        alarms.add(Spec.atLeast(Defaults.ALARM_THROTTLED, metricThrottled(), 1, TreatMissingData.NOT_BREACHING, "events",
                "Step Functions throttled state transitions (the account's quota): executions slow down"));
        alarms.add(Spec.atLeast(Defaults.ALARM_ABORTED, metricAborted(), 1, TreatMissingData.NOT_BREACHING, "executions",
                "Executions were stopped by hand or by an update of the state machine, without their compensations"));
    }

    /**
     * {@code <stackName>-<path in the stack>}, with characters a name may not hold as '-' and, when
     * cleaned or cut to 80, a hash of the original: stable, unique per stack and path, and known
     * before the state machine exists.
     */
    static String stateMachineName(Construct scope) {
        String full = LogGroupNames.stackOf(scope).getStackName() + "-" + Names.stackRelativeConstructPath(scope).replace('/', '-');
        String clean = NOT_ALLOWED_IN_NAME.matcher(full).replaceAll("-");
        if (clean.equals(full) && clean.length() <= MAX_NAME_LENGTH) {
            return clean;
        }
        String hash = "-" + String.format("%08x", full.hashCode());
        return clean.substring(0, Math.min(clean.length(), MAX_NAME_LENGTH - hash.length())) + hash;
    }

    private void suppressInherentFindings() {
        CfnResource delivery = (CfnResource) logDeliveryPolicy.getNode().getDefaultChild();
        NagSuppressions.suppress(delivery, "AwsSolutions-IAM5",
                "Step Functions delivers logs through CloudWatch Logs' log delivery API: logs:CreateLogDelivery, "
                        + "GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, "
                        + "DescribeResourcePolicies and DescribeLogGroups support no resource-level permissions, so they need Resource *",
                "Resource::*");
        NagSuppressions.suppressInlinePolicy(delivery);
        CfnResource tracing = (CfnResource) tracingPolicy.getNode().getDefaultChild();
        NagSuppressions.suppress(tracing, "AwsSolutions-IAM5",
                "X-Ray's xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules and GetSamplingTargets support no "
                        + "resource-level permissions, so tracing needs Resource *",
                "Resource::*");
        NagSuppressions.suppressInlinePolicy(tracing);
        NagSuppressions.suppressInlinePolicies(role);
    }

    /** {@code $.results.<step>}: where a function step's result is in the workflow's state. */
    public static String resultPath(String step) {
        return SagaDefinition.RESULTS + "." + step;
    }

    /** Starts the workflow with each event on {@code bus} that matches {@code pattern} (rule {@code StartRule}). */
    public Rule startOnEvent(IEventBus bus, EventPattern pattern) {
        return startOnEvent(Defaults.START_NAME, bus, pattern);
    }

    /**
     * Starts the workflow with each event on {@code bus} that matches {@code pattern}: a rule
     * {@code <name>Rule} whose target starts an execution with the event as its input, retried
     * ({@code deliveryRetryAttempts}, {@code deliveryMaxEventAge}), and the DLQ {@code <name>Dlq} for
     * events that could not start one. The executions are started by one role ({@code StartRole}).
     */
    public Rule startOnEvent(String name, IEventBus bus, EventPattern pattern) {
        WorkflowValidation.validateStart(getNode().getId(), name, bus, pattern, starts.keySet());
        if (startRole == null) {
            startRole = Role.Builder.create(this, "StartRole")
                    .assumedBy(new ServicePrincipal("events.amazonaws.com").withConditions(Map.of(
                            "StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount()))))
                    .description("Lets EventBridge start only " + getNode().getPath())
                    .build();
            grantStartExecution(startRole);
            NagSuppressions.suppressInlinePolicies(startRole);
        }
        Queue dlq = Queue.Builder.create(this, name + "Dlq")
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .enforceSsl(true)
                .retentionPeriod(Defaults.DLQ_RETENTION)
                .build();
        NagSuppressions.suppressDeadLetterQueue((CfnResource) dlq.getNode().getDefaultChild(),
                "events that could not start an execution of " + getNode().getPath());
        Rule rule = Rule.Builder.create(this, name + "Rule")
                .eventBus(bus)
                .eventPattern(pattern)
                .description("Starts " + getNode().getPath())
                .targets(List.of(new StartExecutionTarget(stateMachine.getStateMachineArn(), startRole, dlq, key,
                        props.deliveryRetryAttempts(), props.deliveryMaxEventAge())))
                .build();
        starts.put(name, new Start(rule, dlq));
        return rule;
    }

    /**
     * Lets {@code grantee} start executions: {@code states:StartExecution} on this state machine, and
     * the key's {@code kms:GenerateDataKey} and {@code kms:Decrypt} for this state machine's data only.
     */
    public Grant grantStartExecution(IGrantable grantee) {
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder().grantee(grantee)
                .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                .resourceArns(List.of(key.getKeyArn()))
                .conditions(Map.of("StringEquals", Map.of("kms:EncryptionContext:aws:states:stateMachineArn", stateMachineArn)))
                .build());
        return stateMachine.grantStartExecution(grantee);
    }

    /** The state machine (L2); {@code getNode().getDefaultChild()} is its {@code CfnStateMachine}. */
    public StateMachine getStateMachine() {
        return stateMachine;
    }

    /** The state machine's name, {@code <stackName>-<path>} (see the README). */
    public String getStateMachineName() {
        return stateMachineName;
    }

    /** The type: STANDARD or EXPRESS. */
    public StateMachineType getType() {
        return props.type();
    }

    /** The execution role: may invoke the steps' functions and use the key for this state machine's data. */
    public Role getRole() {
        return role;
    }

    /** The key of the execution data, the log group and the DLQs: the one created, or {@code encryptionKey}. */
    public IKey getKey() {
        return key;
    }

    /** The log group, {@code /aws/vendedlogs/states/<stackName>/<path>}. */
    public LogGroup getLogGroup() {
        return logGroup;
    }

    /** The names of the steps, in the order they run. */
    public List<String> getStepNames() {
        return props.steps().stream().map(WorkflowStep::name).toList();
    }

    /** The rule {@code startOnEvent} created under {@code name} ({@code Start} for the unnamed one). */
    public Optional<Rule> getRule(String name) {
        return Optional.ofNullable(starts.get(name)).map(Start::rule);
    }

    /** Where the rule {@code name} puts events it could not start an execution with. */
    public Optional<IQueue> getDeadLetterQueue(String name) {
        return Optional.ofNullable(starts.get(name)).map(Start::deadLetterQueue);
    }

    /**
     * The alarms (README: "Alarms"), in this order unless the policy leaves some out: ExecutionsFailed,
     * ExecutionsTimedOut, ExecutionThrottled, ExecutionsAborted (each at least 1 in 5 minutes).
     */
    @Override
    public List<Alarm> getAlarms() {
        return alarms.alarms();
    }

    /** Executions started, succeeded, failed, timed out and aborted; throttled transitions; execution time (p99). */
    @Override
    public List<IWidget> dashboardWidgets() {
        return List.of(
                Widgets.heading("Workflow", this),
                Widgets.graph("Executions", 8, List.of(metricStarted(), metricSucceeded(), metricFailed(), metricTimedOut(),
                        metricAborted())),
                Widgets.graph("Throttled state transitions", 8, List.of(metricThrottled())),
                Widgets.graph("Execution time (ms, p99)", 8, List.of(stateMachine.metricTime(MetricOptions.builder()
                        .statistic("p99").build()))));
    }

    /**
     * Lets {@code grantee} restart failed executions from the step that failed
     * ({@code states:RedriveExecution} on this state machine's executions) and find them
     * ({@code states:ListExecutions} on the state machine), e.g. an operator role. The command:
     * {@link #redriveCommand()}. Standard workflows only: Step Functions cannot redrive Express executions.
     */
    public Grant grantRedriveExecution(IGrantable grantee) {
        if (getType() == StateMachineType.EXPRESS) {
            throw new IllegalStateException("Workflow '" + getNode().getId() + "': grantRedriveExecution needs a STANDARD workflow, "
                    + "but its type is EXPRESS (Step Functions redrives Standard executions only; start a new execution instead)");
        }
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder().grantee(grantee)
                .actions(List.of("states:ListExecutions"))
                .resourceArns(List.of(stateMachineArn))
                .build());
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder().grantee(grantee)
                .actions(List.of("states:RedriveExecution"))
                .resourceArns(List.of(executionArns()))
                .build());
    }

    /**
     * The AWS CLI command that restarts every failed execution of this workflow from its failed step
     * (a token in the state machine's ARN until deployment; for a stack output). Redrive is possible
     * within 14 days of the failure, and continues the execution where it stopped: fix the cause first.
     */
    public String redriveCommand() {
        return "aws stepfunctions list-executions --state-machine-arn " + stateMachineArn
                + " --status-filter FAILED --query 'executions[].executionArn' --output text | xargs -n 1 "
                + "aws stepfunctions redrive-execution --execution-arn";
    }

    /** {@code arn:<partition>:states:<region>:<account>:execution:<stateMachineName>:*}: every execution of this state machine. */
    private String executionArns() {
        return Stack.of(this).formatArn(ArnComponents.builder().service("states").resource("execution")
                .resourceName(stateMachineName + ":*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
    }

    /** Executions that failed (sum over 5 minutes). */
    public Metric metricFailed() {
        return stateMachine.metricFailed();
    }

    /** Executions that failed. */
    public Metric metricFailed(MetricOptions options) {
        return stateMachine.metricFailed(options);
    }

    /** Executions that timed out (sum over 5 minutes). */
    public Metric metricTimedOut() {
        return stateMachine.metricTimedOut();
    }

    /** Executions that timed out. */
    public Metric metricTimedOut(MetricOptions options) {
        return stateMachine.metricTimedOut(options);
    }

    /** Throttled state transitions (ExecutionThrottled, sum over 5 minutes). */
    public Metric metricThrottled() {
        return stateMachine.metricThrottled();
    }

    /** Throttled state transitions. */
    public Metric metricThrottled(MetricOptions options) {
        return stateMachine.metricThrottled(options);
    }

    /** Executions that were aborted (sum over 5 minutes). */
    public Metric metricAborted() {
        return stateMachine.metricAborted();
    }

    /** Executions that were aborted. */
    public Metric metricAborted(MetricOptions options) {
        return stateMachine.metricAborted(options);
    }

    /** Executions that succeeded (sum over 5 minutes). */
    public Metric metricSucceeded() {
        return stateMachine.metricSucceeded();
    }

    /** Executions started (sum over 5 minutes). */
    public Metric metricStarted() {
        return stateMachine.metricStarted();
    }

    /** A fluent builder in the style of the CDK's own constructs. */
    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final WorkflowProps.Builder props;

        private Builder(Construct scope, String id, WorkflowProps.Builder props) {
            this.scope = scope;
            this.id = id;
            this.props = props;
        }

        /** Starts a {@link Workflow} named {@code id} in {@code scope}; set its props, then {@link #build()}. */
        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id, WorkflowProps.builder());
        }

        /** Starts from existing props. */
        public static Builder create(Construct scope, String id, WorkflowProps base) {
            return new Builder(scope, id, base.toBuilder());
        }

        /** Adds steps, in the order they run. @see WorkflowProps#steps() */
        public Builder step(WorkflowStep... steps) {
            props.step(steps);
            return this;
        }

        /** @see WorkflowProps.Builder#compensation(String, SecureFunction) */
        public Builder compensation(String step, SecureFunction compensation) {
            props.compensation(step, compensation);
            return this;
        }

        /** @see WorkflowProps.Builder#compensation(String, IFunction) */
        public Builder compensation(String step, IFunction compensation) {
            props.compensation(step, compensation);
            return this;
        }

        /** @see WorkflowProps#type() */
        public Builder type(StateMachineType type) {
            props.type(type);
            return this;
        }

        /** @see WorkflowProps#timeout() */
        public Builder timeout(Duration timeout) {
            props.timeout(timeout);
            return this;
        }

        /** @see WorkflowProps#encryptionKey() */
        public Builder encryptionKey(IKey encryptionKey) {
            props.encryptionKey(encryptionKey);
            return this;
        }

        /** @see WorkflowProps#logRetention() */
        public Builder logRetention(software.amazon.awscdk.services.logs.RetentionDays logRetention) {
            props.logRetention(logRetention);
            return this;
        }

        /** @see WorkflowProps#includeExecutionData() */
        public Builder includeExecutionData(Boolean includeExecutionData) {
            props.includeExecutionData(includeExecutionData);
            return this;
        }

        /** @see WorkflowProps#dataKeyReusePeriod() */
        public Builder dataKeyReusePeriod(Duration dataKeyReusePeriod) {
            props.dataKeyReusePeriod(dataKeyReusePeriod);
            return this;
        }

        /** @see WorkflowProps#comment() */
        public Builder comment(String comment) {
            props.comment(comment);
            return this;
        }

        /** @see WorkflowProps#deliveryRetryAttempts() */
        public Builder deliveryRetryAttempts(Number deliveryRetryAttempts) {
            props.deliveryRetryAttempts(deliveryRetryAttempts);
            return this;
        }

        /** @see WorkflowProps#deliveryMaxEventAge() */
        public Builder deliveryMaxEventAge(Duration deliveryMaxEventAge) {
            props.deliveryMaxEventAge(deliveryMaxEventAge);
            return this;
        }

        /** @see WorkflowProps#alarms() */
        public Builder alarms(AlarmPolicy alarms) {
            props.alarms(alarms);
            return this;
        }

        public Workflow build() {
            return new Workflow(scope, id, props.build());
        }
    }
}
