package dev.stratus.constructs.schedule;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.function.SecureFunctionProps;
import dev.stratus.constructs.internal.AlarmFactory;
import dev.stratus.constructs.internal.AlarmFactory.Spec;
import dev.stratus.constructs.internal.Grants;
import dev.stratus.constructs.internal.NagSuppressions;
import dev.stratus.constructs.internal.Problems;
import dev.stratus.constructs.internal.Widgets;
import dev.stratus.constructs.monitoring.AlarmPolicy;
import dev.stratus.constructs.monitoring.Monitored;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleGroup;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.TimeWindow;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.amazon.awscdk.services.scheduler.targets.ScheduleTargetBaseProps;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * A job on a schedule: an EventBridge Scheduler schedule in a schedule group of its own that
 * invokes a Lambda function: a {@link SecureFunction} through its {@code live} alias, or any
 * {@link IFunction} (an alias, a version, an imported function) as given.
 *
 * <p>It creates: a schedule group for this task alone (so that its metrics and alarms count only its
 * runs), the schedule (cron, rate or one-time expression in a time zone, optional flexible window,
 * JSON input, encrypted with a customer-managed key), a scheduler role that may invoke only the
 * target, a retry policy, and an encrypted, SSL-only dead-letter queue for runs that still cannot be
 * delivered. Given {@code functionProps} instead of a function, it creates the function too.
 *
 * <pre>{@code
 * ScheduledTask.Builder.create(this, "ExpireOrders")
 *         .schedule("cron(0 2 * * ? *)")
 *         .timeZone("Europe/Berlin")
 *         .function(expireOrdersFunction)
 *         .build();
 * }</pre>
 *
 * <p>Escape hatches: {@link #getSchedule()} and {@link #getScheduleGroup()} are the L2 constructs;
 * {@code getSchedule().getNode().getDefaultChild()} is the {@code CfnSchedule}.
 */
public class ScheduledTask extends Construct implements Monitored {
    private final SecureFunction secureFunction;
    private final IFunction target;
    private final IKey key;
    private final ScheduleGroup scheduleGroup;
    private final Schedule schedule;
    private final Role role;
    private final IQueue deadLetterQueue;
    private final AlarmFactory alarms;

    /**
     * Creates the ScheduledTask and everything it owns in {@code scope} under {@code id}.
     * @param scope the parent construct
     * @param id this construct's id, part of every child's logical id
     * @param props the props; invalid ones fail with one {@link IllegalArgumentException} naming each prop, its value and the allowed range
     */
    public ScheduledTask(Construct scope, String id, ScheduledTaskProps props) {
        super(scope, id);
        validate(id, props, Clock.systemUTC());

        this.secureFunction = props.secureFunction() != null ? props.secureFunction()
                : props.functionProps() != null ? new SecureFunction(this, "Function", props.functionProps()) : null;
        this.target = secureFunction != null ? secureFunction.getAlias() : props.function();
        this.key = props.encryptionKey() != null ? props.encryptionKey()
                : secureFunction != null ? secureFunction.getKey()
                : Key.Builder.create(this, "Key")
                        .description("Encrypts the schedule and dead-letter queue of " + getNode().getPath())
                        .enableKeyRotation(true)
                        .build();
        // holds this task's schedule alone, which goes with it: nothing to retain
        this.scheduleGroup = ScheduleGroup.Builder.create(this, "Group").removalPolicy(RemovalPolicy.DESTROY).build();

        Stack stack = Stack.of(this);
        this.role = Role.Builder.create(this, "SchedulerRole")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com").withConditions(Map.of(
                        "StringEquals", new java.util.TreeMap<>(Map.of(
                                "aws:SourceAccount", stack.getAccount(),
                                "aws:SourceArn", scheduleGroup.getScheduleGroupArn())))))
                .description("Lets EventBridge Scheduler invoke only " + target.getNode().getPath())
                .build();

        if (props.deadLetterQueue() != null) {
            this.deadLetterQueue = props.deadLetterQueue();
        } else {
            Queue queue = Queue.Builder.create(this, "Dlq")
                    .encryption(QueueEncryption.KMS)
                    .encryptionMasterKey(key)
                    .enforceSsl(true)
                    .retentionPeriod(Defaults.DLQ_RETENTION)
                    .build();
            NagSuppressions.suppressDeadLetterQueue((CfnResource) queue.getNode().getDefaultChild(),
                    "runs the scheduler could not deliver to the function");
            this.deadLetterQueue = queue;
        }
        // the DLQ's key too: the target's own grant would add only sqs:SendMessage
        Grants.sendMessages(deadLetterQueue, role);

        Duration window = props.flexibleTimeWindow();
        this.schedule = Schedule.Builder.create(this, "Schedule")
                .description(props.description())
                .scheduleGroup(scheduleGroup)
                .schedule(ScheduleExpression.expression(props.schedule(), TimeZone.of(props.timeZone())))
                .enabled(props.enabled())
                .key(key)
                .timeWindow(window == null ? TimeWindow.off() : TimeWindow.flexible(window))
                .target(new ExactLambdaInvoke(target, ScheduleTargetBaseProps.builder()
                        .role(role)
                        .input(props.input() == null ? null : ScheduleTargetInput.fromObject(sortedKeys(props.input())))
                        .retryAttempts(props.retryAttempts())
                        .maxEventAge(props.maxEventAge())
                        .deadLetterQueue(deadLetterQueue)
                        .build()))
                .build();
        // The role's policy must exist before the schedule first fires; the schedule names its group
        // by a literal name, which makes no dependency by itself.
        schedule.getNode().addDependency(role, scheduleGroup);
        NagSuppressions.suppressInlinePolicies(role);

        this.alarms = new AlarmFactory(this, AlarmPolicy.resolve(this, props.alarms()));
        addAlarms(props);
    }

    /** The task's alarms (README: "Alarms"), on the metrics of its own schedule group. */
    private void addAlarms(ScheduledTaskProps props) {
        alarms.add(Spec.atLeast(Defaults.ALARM_TARGET_ERRORS, metricTargetErrors(), 1, TreatMissingData.NOT_BREACHING, "errors",
                "The scheduler could not invoke the function (throttled, not permitted, not found); no runs due is no error"));
        alarms.add(Spec.atLeast(Defaults.ALARM_DEAD_LETTER_QUEUE,
                deadLetterQueue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder().statistic("Maximum").build()), 1,
                TreatMissingData.NOT_BREACHING, "messages", "Runs the scheduler gave up on wait in the DLQ, each with its input: "
                        + "run them again by hand once the cause is fixed"));
        java.time.Duration window = missedRunsPeriod(props);
        if (window != null) {
            // no attempt at all in the window is the failure itself: missing data breaches
            alarms.add(Spec.below(Defaults.ALARM_MISSED_RUNS, metricAttempts().with(MetricOptions.builder()
                            .period(software.amazon.awscdk.Duration.minutes(window.toMinutes())).build()), 1,
                    TreatMissingData.BREACHING, "attempts", "The schedule " + props.schedule() + " made no attempt to run in "
                            + window.toMinutes() + " minutes (twice its interval): disabled by hand, or its group or role is gone"));
        }
    }

    /**
     * Twice the interval of an enabled rate schedule plus its flexible window, in whole minutes (at
     * least 5); null for cron and at schedules, a disabled one, or one whose window passes a day.
     */
    static java.time.Duration missedRunsPeriod(ScheduledTaskProps props) {
        if (!Boolean.TRUE.equals(props.enabled()) || Token.isUnresolved(props.schedule())) {
            return null;
        }
        java.time.Duration interval = ScheduleExpressions.rateInterval(props.schedule()).orElse(null);
        if (interval == null) {
            return null;
        }
        Duration flexible = props.flexibleTimeWindow();
        if (flexible != null && flexible.isUnresolved()) {
            return null;
        }
        long minutes = interval.multipliedBy(2).toMinutes() + (flexible == null ? 0 : flexible.toMinutes().longValue());
        java.time.Duration period = java.time.Duration.ofMinutes(Math.max(minutes, Defaults.MIN_MISSED_RUNS_PERIOD.toMinutes()));
        return period.compareTo(Defaults.MAX_MISSED_RUNS_PERIOD) <= 0 ? period : null;
    }

    /** The task's alarms (README: "Alarms"). */
    @Override
    public List<Alarm> getAlarms() {
        return alarms.alarms();
    }

    /** Runs: attempts, target errors, sent to and dropped after the DLQ; the DLQ's depth. */
    @Override
    public List<IWidget> dashboardWidgets() {
        return List.of(
                Widgets.heading("Scheduled task", this),
                Widgets.graph("Runs: attempts and target errors", 12, List.of(
                        metricAttempts(MetricOptions.builder().label("attempts").build()),
                        metricTargetErrors(MetricOptions.builder().label("target errors").build()))),
                Widgets.graph("Given up: sent to the DLQ, dropped, waiting in the DLQ", 12, List.of(
                        metricSentToDeadLetter(MetricOptions.builder().label("sent to the DLQ").build()),
                        scheduleGroup.metricDropped(MetricOptions.builder().label("dropped").build()),
                        deadLetterQueue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder().statistic("Maximum")
                                .label("in the DLQ").build()))));
    }

    /**
     * The same map with every map in it (at any depth) as a TreeMap: the input renders with sorted
     * keys, whatever the iteration order of the maps given ({@code Map.of} changes it from JVM to JVM).
     */
    static Object sortedKeys(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put((String) k, sortedKeys(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(element -> copy.add(sortedKeys(element)));
            return copy;
        }
        return value;
    }

    static void validate(String id, ScheduledTaskProps props, Clock clock) {
        Problems problems = new Problems("ScheduledTask", id);
        String expression = props.schedule();
        if (expression == null || expression.isBlank()) {
            problems.add("schedule is required, e.g. " + ScheduleExpressions.CRON_EXAMPLE + ", or "
                    + ScheduleExpressions.RATE_EXAMPLE);
        } else if (!Token.isUnresolved(expression)) {
            Optional<String> form = ScheduleExpressions.check(expression);
            form.ifPresent(problems::add);
            if (form.isEmpty() && !Token.isUnresolved(props.timeZone())) {
                ScheduleExpressions.checkFires(expression, props.timeZone(), clock).ifPresent(problems::add);
            }
        }
        if (!Token.isUnresolved(props.timeZone())) {
            ScheduleExpressions.checkTimeZone(props.timeZone()).ifPresent(problems::add);
        }
        int targets = (props.secureFunction() != null ? 1 : 0) + (props.function() != null ? 1 : 0)
                + (props.functionProps() != null ? 1 : 0);
        if (targets > 1) {
            problems.add("Either provide function (a SecureFunction or an IFunction) or functionProps, but only one");
        } else if (targets == 0) {
            problems.add("function (a SecureFunction, or any IFunction such as an alias) or functionProps is required");
        }
        if (props.input() != null) {
            checkInputKeys(problems, "input", props.input());
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
        AlarmFactory.check(problems, props.alarms(), Defaults.ALARMS);
        problems.throwIfAny();
    }

    /** JSON objects have string keys: a null or non-string key would fail deep inside jsii. */
    private static void checkInputKeys(Problems problems, String path, Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (!(k instanceof String key)) {
                    problems.add(path + " has the key " + k + "; every key of the JSON input must be a string");
                } else {
                    checkInputKeys(problems, path + "." + key, v);
                }
            });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkInputKeys(problems, path + "[" + i + "]", list.get(i));
            }
        }
    }

    /**
     * The function the schedule invokes: the {@code live} alias of a SecureFunction, or the
     * {@code IFunction} given.
     */
    public IFunction getFunction() {
        return target;
    }

    /** The SecureFunction the task runs, when it was given one or created one from functionProps. */
    public Optional<SecureFunction> getSecureFunction() {
        return Optional.ofNullable(secureFunction);
    }

    /** The schedule (L2); {@code getNode().getDefaultChild()} is its {@code CfnSchedule}. */
    public Schedule getSchedule() {
        return schedule;
    }

    /** The schedule group that holds this task's schedule alone: its metrics count only this task. */
    public ScheduleGroup getScheduleGroup() {
        return scheduleGroup;
    }

    /** The role EventBridge Scheduler assumes; it may invoke only the target. */
    public Role getRole() {
        return role;
    }

    /** The key that encrypts the schedule and the dead-letter queue created here. */
    public IKey getKey() {
        return key;
    }

    /** Receives runs that could not be delivered to the function. */
    public IQueue getDeadLetterQueue() {
        return deadLetterQueue;
    }

    /** Runs whose invocation of the target failed (AWS/Scheduler TargetErrorCount of this task's group, sum over 5 minutes). */
    public Metric metricTargetErrors() {
        return scheduleGroup.metricTargetErrors();
    }

    /** Runs whose invocation of the target failed. */
    public Metric metricTargetErrors(MetricOptions options) {
        return scheduleGroup.metricTargetErrors(options);
    }

    /** Runs sent to the dead-letter queue (InvocationsSentToDeadLetterCount of this task's group, sum over 5 minutes). */
    public Metric metricSentToDeadLetter() {
        return scheduleGroup.metricSentToDLQ();
    }

    /** Runs sent to the dead-letter queue. */
    public Metric metricSentToDeadLetter(MetricOptions options) {
        return scheduleGroup.metricSentToDLQ(options);
    }

    /** Runs dropped after the retries, without a DLQ to take them (InvocationDroppedCount, sum over 5 minutes). */
    public Metric metricDropped() {
        return scheduleGroup.metricDropped();
    }

    /** Invocation attempts of this task (InvocationAttemptCount, sum over 5 minutes). */
    public Metric metricAttempts() {
        return scheduleGroup.metricAttempts();
    }

    /** Invocation attempts of this task. */
    public Metric metricAttempts(MetricOptions options) {
        return scheduleGroup.metricAttempts(options);
    }

    /**
     * LambdaInvoke with an exact grant: {@code lambda:InvokeFunction} on the target's ARN alone. The
     * L2's {@code grantInvoke} of an unqualified function adds {@code function:*} (every version and
     * alias), which the scheduler does not need.
     */
    static final class ExactLambdaInvoke extends LambdaInvoke {
        private final IFunction function;

        ExactLambdaInvoke(IFunction function, ScheduleTargetBaseProps props) {
            super(function, props);
            this.function = function;
        }

        @Override
        protected void addTargetActionToRole(IRole role) {
            Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                    .grantee(role)
                    .actions(List.of("lambda:InvokeFunction"))
                    .resourceArns(List.of(function.getFunctionArn()))
                    .build());
        }
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

        /** Starts a {@link ScheduledTask} named {@code id} in {@code scope}; set its props, then {@link #build()}. */
        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** @see ScheduledTaskProps#schedule() */
        public Builder schedule(String schedule) {
            props.schedule(schedule);
            return this;
        }

        /** @see ScheduledTaskProps#timeZone() */
        public Builder timeZone(String timeZone) {
            props.timeZone(timeZone);
            return this;
        }

        /** @see ScheduledTaskProps#timeZone() */
        public Builder timeZone(TimeZone timeZone) {
            props.timeZone(timeZone);
            return this;
        }

        /** @see ScheduledTaskProps#flexibleTimeWindow() */
        public Builder flexibleTimeWindow(Duration window) {
            props.flexibleTimeWindow(window);
            return this;
        }

        /** @see ScheduledTaskProps#enabled() */
        public Builder enabled(Boolean enabled) {
            props.enabled(enabled);
            return this;
        }

        /** @see ScheduledTaskProps#input() */
        public Builder input(Map<String, ?> input) {
            props.input(input);
            return this;
        }

        /** @see ScheduledTaskProps#description() */
        public Builder description(String description) {
            props.description(description);
            return this;
        }

        /** @see ScheduledTaskProps#secureFunction() */
        public Builder function(SecureFunction function) {
            props.function(function);
            return this;
        }

        /** @see ScheduledTaskProps#function() */
        public Builder function(IFunction function) {
            props.function(function);
            return this;
        }

        /** @see ScheduledTaskProps#functionProps() */
        public Builder functionProps(SecureFunctionProps functionProps) {
            props.functionProps(functionProps);
            return this;
        }

        /** @see ScheduledTaskProps#encryptionKey() */
        public Builder encryptionKey(IKey encryptionKey) {
            props.encryptionKey(encryptionKey);
            return this;
        }

        /** @see ScheduledTaskProps#retryAttempts() */
        public Builder retryAttempts(Number retryAttempts) {
            props.retryAttempts(retryAttempts);
            return this;
        }

        /** @see ScheduledTaskProps#maxEventAge() */
        public Builder maxEventAge(Duration maxEventAge) {
            props.maxEventAge(maxEventAge);
            return this;
        }

        /** @see ScheduledTaskProps#deadLetterQueue() */
        public Builder deadLetterQueue(IQueue deadLetterQueue) {
            props.deadLetterQueue(deadLetterQueue);
            return this;
        }

        /** @see ScheduledTaskProps#alarms() */
        public Builder alarms(AlarmPolicy alarms) {
            props.alarms(alarms);
            return this;
        }

        public ScheduledTask build() {
            return new ScheduledTask(scope, id, props.build());
        }
    }
}
