package dev.stratus.constructs.schedule;

import java.util.Map;

import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.internal.Grants;
import dev.stratus.constructs.internal.NagSuppressions;
import dev.stratus.constructs.internal.Problems;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.constructs.Construct;

/**
 * A job on a schedule: an EventBridge Scheduler schedule ({@code AWS::Scheduler::Schedule}) that
 * invokes a {@link SecureFunction} through its {@code live} alias.
 *
 * <p>It creates: the schedule (cron, rate or one-time expression in a time zone, optional flexible
 * window, JSON input, encrypted with the function's key), a scheduler role that may invoke only
 * that alias, a retry policy, and an encrypted, SSL-only dead-letter queue for runs that still cannot
 * be delivered. Given {@code functionProps} instead of a function, it creates the function too.
 *
 * <pre>{@code
 * ScheduledTask.Builder.create(this, "ExpireOrders")
 *         .schedule("cron(0 2 * * ? *)")
 *         .timeZone("Europe/Berlin")
 *         .function(expireOrdersFunction)
 *         .build();
 * }</pre>
 */
public class ScheduledTask extends Construct {
    private static final String SCHEDULE_GROUP = "default";

    private final SecureFunction function;
    private final CfnSchedule schedule;
    private final Role role;
    private final IQueue deadLetterQueue;

    public ScheduledTask(Construct scope, String id, ScheduledTaskProps props) {
        super(scope, id);
        validate(id, props);

        this.function = props.function() != null ? props.function() : new SecureFunction(this, "Function", props.functionProps());
        Stack stack = Stack.of(this);

        this.role = Role.Builder.create(this, "SchedulerRole")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", stack.getAccount()))))
                .description("Lets EventBridge Scheduler invoke only " + function.getNode().getPath() + ":live")
                .build();
        function.grantInvoke(role);
        Grants.decrypt(function.getKey(), role);

        if (props.deadLetterQueue() != null) {
            this.deadLetterQueue = props.deadLetterQueue();
        } else {
            Queue queue = Queue.Builder.create(this, "Dlq")
                    .encryption(QueueEncryption.KMS)
                    .encryptionMasterKey(function.getKey())
                    .enforceSsl(true)
                    .retentionPeriod(Defaults.DLQ_RETENTION)
                    .build();
            NagSuppressions.suppressDeadLetterQueue((CfnResource) queue.getNode().getDefaultChild(),
                    "runs the scheduler could not deliver to the function");
            this.deadLetterQueue = queue;
        }
        Grants.sendMessages(deadLetterQueue, role);

        Duration window = props.flexibleTimeWindow();
        this.schedule = CfnSchedule.Builder.create(this, "Schedule")
                .description(props.description())
                .groupName(SCHEDULE_GROUP)
                .scheduleExpression(props.schedule())
                .scheduleExpressionTimezone(props.timeZone())
                .state(props.enabled() ? "ENABLED" : "DISABLED")
                .kmsKeyArn(function.getKey().getKeyArn())
                .flexibleTimeWindow(window == null
                        ? CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build()
                        : CfnSchedule.FlexibleTimeWindowProperty.builder().mode("FLEXIBLE")
                                .maximumWindowInMinutes(window.toMinutes()).build())
                .target(CfnSchedule.TargetProperty.builder()
                        .arn(function.getAlias().getFunctionArn())
                        .roleArn(role.getRoleArn())
                        .input(props.input() == null ? null : stack.toJsonString(props.input()))
                        .retryPolicy(CfnSchedule.RetryPolicyProperty.builder()
                                .maximumRetryAttempts(props.retryAttempts())
                                .maximumEventAgeInSeconds(props.maxEventAge().toSeconds())
                                .build())
                        .deadLetterConfig(CfnSchedule.DeadLetterConfigProperty.builder()
                                .arn(deadLetterQueue.getQueueArn())
                                .build())
                        .build())
                .build();
        // The role's policy must exist before the schedule first fires.
        schedule.getNode().addDependency(role);
        NagSuppressions.suppressInlinePolicies(role);
    }

    private static void validate(String id, ScheduledTaskProps props) {
        Problems problems = new Problems("ScheduledTask", id);
        String expression = props.schedule();
        if (expression == null || expression.isBlank()) {
            problems.add("schedule is required, e.g. " + ScheduleExpressions.CRON_EXAMPLE + ", or "
                    + ScheduleExpressions.RATE_EXAMPLE);
        } else if (!Token.isUnresolved(expression)) {
            ScheduleExpressions.check(expression).ifPresent(problems::add);
        }
        if (!Token.isUnresolved(props.timeZone())) {
            ScheduleExpressions.checkTimeZone(props.timeZone()).ifPresent(problems::add);
        }
        if (props.function() != null && props.functionProps() != null) {
            problems.add("Either provide function or functionProps, but not both");
        } else if (props.function() == null && props.functionProps() == null) {
            problems.add("function (a SecureFunction) or functionProps is required");
        }
        Duration window = props.flexibleTimeWindow();
        if (window != null && !window.isUnresolved()) {
            double minutes = window.toMilliseconds().doubleValue() / 60000.0;
            problems.check(minutes >= Defaults.MIN_WINDOW_MINUTES && minutes <= Defaults.MAX_WINDOW_MINUTES
                            && minutes == Math.rint(minutes),
                    "flexibleTimeWindow must be a whole number of minutes between 1 and 1440, but was "
                            + window.toHumanString());
        }
        problems.checkRange("retryAttempts", props.retryAttempts(), 0, Defaults.MAX_RETRY_ATTEMPTS, "");
        problems.checkSeconds("maxEventAge", props.maxEventAge(), Defaults.MIN_EVENT_AGE_S, Defaults.MAX_EVENT_AGE_S,
                " (1 minute to 24 hours)");
        problems.throwIfAny();
    }

    /** The function the schedule runs. */
    public SecureFunction getFunction() {
        return function;
    }

    /** The schedule resource. */
    public CfnSchedule getSchedule() {
        return schedule;
    }

    /** The role EventBridge Scheduler assumes; it may invoke only the function's live alias. */
    public IRole getRole() {
        return role;
    }

    /** Receives runs that could not be delivered to the function. */
    public IQueue getDeadLetterQueue() {
        return deadLetterQueue;
    }

    /** Runs whose invocation of the target failed (AWS/Scheduler TargetErrorCount, sum over 5 minutes). */
    public Metric metricTargetErrors() {
        return schedulerMetric("TargetErrorCount");
    }

    /** Runs sent to the dead-letter queue (AWS/Scheduler InvocationsSentToDeadLetterCount). */
    public Metric metricSentToDeadLetter() {
        return schedulerMetric("InvocationsSentToDeadLetterCount");
    }

    private Metric schedulerMetric(String name) {
        return Metric.Builder.create()
                .namespace("AWS/Scheduler")
                .metricName(name)
                .dimensionsMap(Map.of("ScheduleGroup", SCHEDULE_GROUP))
                .statistic("Sum")
                .period(Duration.minutes(5))
                .build();
    }

    /** A fluent builder in the style of the CDK's own constructs. */
    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final ScheduledTaskProps.Builder props = ScheduledTaskProps.builder();

        private Builder(Construct scope, String id) {
            this.scope = scope;
            this.id = id;
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        public Builder schedule(String schedule) {
            props.schedule(schedule);
            return this;
        }

        public Builder timeZone(String timeZone) {
            props.timeZone(timeZone);
            return this;
        }

        public Builder flexibleTimeWindow(Duration window) {
            props.flexibleTimeWindow(window);
            return this;
        }

        public Builder enabled(Boolean enabled) {
            props.enabled(enabled);
            return this;
        }

        public Builder input(Map<String, ?> input) {
            props.input(input);
            return this;
        }

        public Builder description(String description) {
            props.description(description);
            return this;
        }

        public Builder function(SecureFunction function) {
            props.function(function);
            return this;
        }

        public Builder functionProps(dev.stratus.constructs.function.SecureFunctionProps functionProps) {
            props.functionProps(functionProps);
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

        public Builder deadLetterQueue(IQueue deadLetterQueue) {
            props.deadLetterQueue(deadLetterQueue);
            return this;
        }

        public ScheduledTask build() {
            return new ScheduledTask(scope, id, props.build());
        }
    }
}
