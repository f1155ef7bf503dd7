package dev.stratus.constructs.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.stratus.constructs.monitoring.AlarmPolicy;
import dev.stratus.constructs.monitoring.AlarmTopic;
import dev.stratus.constructs.monitoring.AlarmTuning;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MathExpressionOptions;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * Creates the alarms a construct offers, by the construct's {@link AlarmPolicy}: each alarm is a
 * {@link Spec} (a name users tune or disable, a metric, a default threshold, comparison, periods
 * and a deliberate {@code treatMissingData}, and what it means), created under the construct's
 * {@code Alarms} child unless the policy leaves it out, with the policy's tuning applied and, when
 * the policy notifies, the stack's {@link AlarmTopic} (or the policy's topic) as alarm and OK action.
 *
 * <pre>{@code
 * AlarmFactory.check(problems, props.alarms(), ALARM_NAMES);       // in the construct's validation
 * AlarmFactory alarms = new AlarmFactory(this, AlarmPolicy.resolve(this, props.alarms()));
 * alarms.add(Spec.atLeast("Errors", fn.metricErrors(), 1, TreatMissingData.NOT_BREACHING, "errors", "Invocations failed"));
 * }</pre>
 *
 * <p>Internal: not part of the public API.
 */
public final class AlarmFactory {
    /** CloudWatch: an alarm evaluates at most one day of data. */
    static final int MAX_EVALUATION_SECONDS = 86_400;
    static final int MAX_EVALUATION_PERIODS = 1440;

    private final Construct owner;
    private final AlarmPolicy policy;
    /** Shared with the factories {@link #forPolicy} derives: one list of the owner's alarms. */
    private final List<Alarm> alarms;

    /** Alarms of {@code owner} by {@code policy}, already resolved ({@link AlarmPolicy#resolve}). */
    public AlarmFactory(Construct owner, AlarmPolicy policy) {
        this(owner, policy, new ArrayList<>());
    }

    private AlarmFactory(Construct owner, AlarmPolicy policy, List<Alarm> alarms) {
        this.owner = owner;
        this.policy = policy;
        this.alarms = alarms;
    }

    /**
     * A factory for part of the owner (one consumer, one route) with a policy of its own, or this
     * factory's when {@code override} is null; its alarms join the owner's ({@link #alarms()}).
     */
    public AlarmFactory forPolicy(AlarmPolicy override) {
        return override == null ? this : new AlarmFactory(owner, override, alarms);
    }

    /**
     * One alarm a construct offers. {@code unit} names what the threshold counts ({@code errors},
     * {@code ms}, {@code %}, ...), for the alarm's description.
     */
    public record Spec(String name, IMetric metric, double threshold, ComparisonOperator comparison, int evaluationPeriods,
                       int datapointsToAlarm, TreatMissingData missingData, String unit, String meaning) {
        /** Alarm when the metric is at or above {@code threshold} in one period. */
        public static Spec atLeast(String name, IMetric metric, double threshold, TreatMissingData missingData, String unit,
                                   String meaning) {
            return new Spec(name, metric, threshold, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, 1, missingData,
                    unit, meaning);
        }

        /** Alarm when the metric is below {@code threshold} in one period. */
        public static Spec below(String name, IMetric metric, double threshold, TreatMissingData missingData, String unit,
                                 String meaning) {
            return new Spec(name, metric, threshold, ComparisonOperator.LESS_THAN_THRESHOLD, 1, 1, missingData, unit, meaning);
        }

        /** This alarm, breaching when {@code datapoints} of {@code periods} periods breach. */
        public Spec periods(int periods, int datapoints) {
            return new Spec(name, metric, threshold, comparison, periods, datapoints, missingData, unit, meaning);
        }
    }

    /**
     * Reports what is wrong with {@code policy} for a construct that offers the alarms {@code names}:
     * names it does not offer, a name both tuned and disabled, and tunings out of CloudWatch's ranges.
     */
    public static void check(Problems problems, AlarmPolicy policy, Collection<String> names) {
        check(problems, "alarms", policy, names);
    }

    /** As {@link #check(Problems, AlarmPolicy, Collection)}, for the policy of prop {@code prop} (e.g. one consumer's). */
    public static void check(Problems problems, String prop, AlarmPolicy policy, Collection<String> names) {
        if (policy == null) {
            return;
        }
        String offered = String.join(", ", names.stream().sorted().toList());
        Set<String> disabled = new HashSet<>();
        for (String name : policy.disabled()) {
            if (name == null) {
                problems.add(prop + " disables an alarm without a name; the alarms are " + offered);
            } else if (!names.contains(name)) {
                problems.add(prop + " disables '" + name + "', which is not an alarm of this construct; its alarms are " + offered);
            } else {
                disabled.add(name);
            }
        }
        for (Map.Entry<String, AlarmTuning> entry : policy.tunings().entrySet()) {
            String name = entry.getKey();
            if (name == null) {
                problems.add(prop + " tunes an alarm without a name; the alarms are " + offered);
            } else if (!names.contains(name)) {
                problems.add(prop + " tunes '" + name + "', which is not an alarm of this construct; its alarms are " + offered);
            } else if (disabled.contains(name)) {
                problems.add(prop + " both tunes and disables '" + name + "'; leave out one of the two");
            } else if (entry.getValue() == null) {
                problems.add(prop + " tuning of '" + name + "' is null; give an AlarmTuning or leave it out");
            } else {
                checkTuning(problems, prop + " tuning of '" + name + "': ", entry.getValue());
            }
        }
    }

    private static void checkTuning(Problems problems, String prefix, AlarmTuning tuning) {
        Double threshold = tuning.threshold();
        if (threshold != null && (threshold.isNaN() || threshold.isInfinite() || threshold < 0)) {
            problems.add(prefix + "threshold must be a number of 0 or more, but was " + threshold);
        }
        problems.checkRange(prefix + "evaluationPeriods", tuning.evaluationPeriods(), 1, MAX_EVALUATION_PERIODS, "");
        Integer periods = tuning.evaluationPeriods();
        Integer datapoints = tuning.datapointsToAlarm();
        if (periods != null) {
            problems.checkRange(prefix + "datapointsToAlarm", datapoints, 1, periods, "(its evaluationPeriods)");
        } else {
            problems.checkRange(prefix + "datapointsToAlarm", datapoints, 1, MAX_EVALUATION_PERIODS, "");
        }
        Duration period = tuning.period();
        if (period != null && !period.isUnresolved()) {
            double seconds = period.toMilliseconds().doubleValue() / 1000.0;
            boolean valid = seconds == 10 || seconds == 30 || (seconds >= 60 && seconds % 60 == 0 && seconds <= MAX_EVALUATION_SECONDS);
            if (!valid) {
                problems.add(prefix + "period must be 10 seconds, 30 seconds or a whole number of minutes up to 1 day, but was "
                        + period.toHumanString());
            } else if (periods != null && seconds * periods > MAX_EVALUATION_SECONDS) {
                problems.add(prefix + "period × evaluationPeriods must be at most 1 day (CloudWatch evaluates no more), but was "
                        + period.toHumanString() + " × " + periods);
            }
        }
    }

    /** Creates {@code spec}'s alarm (id: its name) unless the policy leaves it out; null then. */
    public Alarm add(Spec spec) {
        return add("", spec);
    }

    /**
     * Creates {@code spec}'s alarm with id {@code idPrefix + name} (e.g. one per consumer) unless
     * the policy leaves it out; null then.
     */
    public Alarm add(String idPrefix, Spec spec) {
        if (!policy.creates(spec.name())) {
            return null;
        }
        Alarm alarm = create(idPrefix, spec);
        if (policy.notifies()) {
            ITopic topic = policy.topic().orElseGet(() -> AlarmTopic.of(Stack.of(owner)).getTopic());
            SnsAction action = new SnsAction(topic);
            alarm.addAlarmAction(action);
            alarm.addOkAction(action);
        }
        return alarm;
    }

    /**
     * Creates {@code spec}'s alarm without actions, for a machine to watch (a deployment's rollback
     * alarms): tuned and left out by name like the others, created even when the policy is off.
     */
    public Alarm addWatched(String idPrefix, Spec spec) {
        if (policy.disabled().contains(spec.name())) {
            return null;
        }
        return create(idPrefix, spec);
    }

    private Alarm create(String idPrefix, Spec spec) {
        AlarmTuning tuning = policy.tunings().get(spec.name());
        double threshold = spec.threshold();
        int evaluationPeriods = spec.evaluationPeriods();
        int datapoints = spec.datapointsToAlarm();
        IMetric metric = spec.metric();
        if (tuning != null) {
            threshold = tuning.threshold() != null ? tuning.threshold() : threshold;
            if (tuning.evaluationPeriods() != null) {
                evaluationPeriods = tuning.evaluationPeriods();
                datapoints = evaluationPeriods;
            }
            datapoints = tuning.datapointsToAlarm() != null ? tuning.datapointsToAlarm() : datapoints;
            metric = tuning.period() != null ? withPeriod(metric, tuning.period()) : metric;
        }
        Construct container = owner.getNode().tryFindChild("Alarms") instanceof Construct c ? c : new Construct(owner, "Alarms");
        Alarm alarm = Alarm.Builder.create(container, idPrefix + spec.name())
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(spec.comparison())
                .evaluationPeriods(evaluationPeriods)
                .datapointsToAlarm(datapoints)
                .treatMissingData(spec.missingData())
                .alarmDescription(description(spec, threshold, evaluationPeriods, datapoints, metric))
                .build();
        alarms.add(alarm);
        return alarm;
    }

    private static IMetric withPeriod(IMetric metric, Duration period) {
        if (metric instanceof Metric m) {
            return m.with(MetricOptions.builder().period(period).build());
        }
        if (metric instanceof MathExpression e) {
            return e.with(MathExpressionOptions.builder().period(period).build());
        }
        return metric;
    }

    /** What the alarm means and when it fires, for the console, the notification and the dashboard. */
    private String description(Spec spec, double threshold, int periods, int datapoints, IMetric metric) {
        String comparison = spec.comparison() == ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD ? ">= " : "< ";
        String when = datapoints == periods && periods == 1 ? "in a period" : "in " + datapoints + " of " + periods + " periods";
        Object period = metric.toMetricConfig().getMetricStat() != null ? metric.toMetricConfig().getMetricStat().getPeriod()
                : metric.toMetricConfig().getMathExpression() != null ? metric.toMetricConfig().getMathExpression().getPeriod() : null;
        String periodText = period instanceof Duration d && !d.isUnresolved() ? " of " + d.toHumanString()
                : period instanceof Number seconds ? " of " + Duration.seconds(seconds).toHumanString() : "";
        return owner.getNode().getPath() + ": " + spec.meaning() + ". Alarm: " + comparison + format(threshold) + " " + spec.unit() + " "
                + when + periodText + "; missing data: " + spec.missingData().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + " (" + spec.name() + ")";
    }

    public static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** The alarms created, in order. */
    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    /** The policy in force. */
    public AlarmPolicy policy() {
        return policy;
    }
}
