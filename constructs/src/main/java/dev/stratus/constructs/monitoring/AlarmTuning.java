package dev.stratus.constructs.monitoring;

import software.amazon.awscdk.Duration;

/**
 * What to change of one alarm a construct creates: its threshold, how many periods it evaluates,
 * how many of them must breach, and the period. Every value not set keeps the construct's default
 * (each construct's README lists them). An immutable value: every setter returns a new one.
 *
 * <pre>{@code
 * AlarmPolicy.defaults().tune("Errors", AlarmTuning.threshold(5).evaluationPeriods(3).datapointsToAlarm(2))
 * }</pre>
 *
 * <p>Checked when the construct is created: a threshold of 0 or more, 1 to 1440 evaluation
 * periods, datapoints to alarm between 1 and the evaluation periods, a period of 10 s, 30 s or a
 * whole number of minutes, and periods × evaluation periods at most one day (CloudWatch's limits).
 */
public final class AlarmTuning {
    private final Double threshold;
    private final Integer evaluationPeriods;
    private final Integer datapointsToAlarm;
    private final Duration period;

    private AlarmTuning(Double threshold, Integer evaluationPeriods, Integer datapointsToAlarm, Duration period) {
        this.threshold = threshold;
        this.evaluationPeriods = evaluationPeriods;
        this.datapointsToAlarm = datapointsToAlarm;
        this.period = period;
    }

    /** A tuning that changes nothing yet. */
    public static AlarmTuning none() {
        return new AlarmTuning(null, null, null, null);
    }

    /** A tuning of the threshold (in the alarm's unit: a count, milliseconds, seconds or a percentage). */
    public static AlarmTuning threshold(Number threshold) {
        return none().withThreshold(threshold);
    }

    /** This tuning with {@code threshold}. */
    public AlarmTuning withThreshold(Number threshold) {
        return new AlarmTuning(threshold == null ? null : threshold.doubleValue(), evaluationPeriods, datapointsToAlarm, period);
    }

    /** This tuning with {@code periods} evaluation periods (and, unless set, as many datapoints to alarm). */
    public AlarmTuning evaluationPeriods(int periods) {
        return new AlarmTuning(threshold, periods, datapointsToAlarm, period);
    }

    /** This tuning with {@code datapoints} of the evaluation periods that must breach ("M out of N"). */
    public AlarmTuning datapointsToAlarm(int datapoints) {
        return new AlarmTuning(threshold, evaluationPeriods, datapoints, period);
    }

    /** This tuning with the metric's {@code period}. */
    public AlarmTuning period(Duration period) {
        return new AlarmTuning(threshold, evaluationPeriods, datapointsToAlarm, period);
    }

    /** The threshold, or null for the construct's default. */
    public Double threshold() {
        return threshold;
    }

    /** The evaluation periods, or null for the construct's default. */
    public Integer evaluationPeriods() {
        return evaluationPeriods;
    }

    /** The datapoints to alarm, or null: the construct's default, or all evaluation periods when those are tuned. */
    public Integer datapointsToAlarm() {
        return datapointsToAlarm;
    }

    /** The period, or null for the construct's default. */
    public Duration period() {
        return period;
    }

    @Override
    public String toString() {
        return "AlarmTuning[threshold=" + threshold + ", evaluationPeriods=" + evaluationPeriods + ", datapointsToAlarm="
                + datapointsToAlarm + ", period=" + (period == null ? null : period.toHumanString()) + "]";
    }
}
