package dev.stratus.constructs.files;

import dev.stratus.constructs.internal.AlarmFactory;
import dev.stratus.constructs.internal.Problems;
import dev.stratus.constructs.monitoring.AlarmTuning;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Token;

/** Checks FileIngestProps before anything is created; see {@link Problems}. */
final class FileIngestValidation {
    private FileIngestValidation() {
    }

    static void validate(String id, FileIngestProps props) {
        Problems problems = new Problems("FileIngest", id);
        problems.check(props.function() != null, "function is required: the SecureFunction (its live alias) or IFunction "
                + "that processes each file");
        checkKeyPart(problems, "prefix", props.prefix());
        checkKeyPart(problems, "suffix", props.suffix());
        String prefix = props.prefix();
        if (!Token.isUnresolved(prefix)) {
            problems.check(!prefix.startsWith("/"), "prefix must not start with '/': object keys have no leading slash "
                    + "(imports/, not /imports/), but was '" + prefix + "'");
        }
        checkDays(problems, "noncurrentVersionExpiration", props.noncurrentVersionExpiration());
        checkDays(problems, "abortIncompleteUploadsAfter", props.abortIncompleteUploadsAfter());
        checkDays(problems, "accessLogsExpiration", props.accessLogsExpiration());
        problems.checkRange("batchSize", props.batchSize(), 1, 10, "");
        problems.checkRange("maxReceiveCount", props.maxReceiveCount(), 1, 1000, "");
        AlarmFactory.check(problems, props.alarms(), Defaults.ALARMS);
        AlarmTuning age = props.alarms() == null ? null : props.alarms().tunings().get(Defaults.ALARM_OLDEST_MESSAGE_AGE);
        long retention = Defaults.QUEUE_RETENTION.toSeconds().longValue();
        if (age != null && age.threshold() != null && age.threshold() > retention) {
            problems.add("alarms tuning of '" + Defaults.ALARM_OLDEST_MESSAGE_AGE + "': threshold must be at most " + retention
                    + " s (the queue's 4-day retention), but was " + AlarmFactory.format(age.threshold()));
        }
        if (props.function() != null) {
            checkVisibility(problems, props);
        }
        problems.throwIfAny();
    }

    /** EventBridge reads '*' in a wildcard pattern as "anything"; a key filter must mean what it says. */
    private static void checkKeyPart(Problems problems, String prop, String value) {
        if (Token.isUnresolved(value)) {
            return;
        }
        problems.check(!value.contains("*") && !value.contains("\\"), prop + " must be literal key text without '*' or '\\', "
                + "but was '" + value + "'");
    }

    private static void checkDays(Problems problems, String prop, Duration value) {
        if (value == null || value.isUnresolved()) {
            return;
        }
        double millis = value.toMilliseconds().doubleValue();
        problems.check(millis % 86_400_000 == 0 && millis >= 86_400_000, prop + " must be a whole number of days, 1 or more, "
                + "but was " + value.toHumanString());
    }

    private static void checkVisibility(Problems problems, FileIngestProps props) {
        Duration visibility = props.visibilityTimeout();
        if (visibility == null) {
            problems.add("visibilityTimeout is required: the timeout of the function " + props.function().getNode().getPath()
                    + " is not known here (an imported function); set at least 6 × that timeout");
            return;
        }
        if (visibility.isUnresolved()) {
            return;
        }
        long seconds = visibility.toSeconds().longValue();
        Duration functionTimeout = props.functionTimeout();
        if (functionTimeout != null && !functionTimeout.isUnresolved()) {
            long minimum = functionTimeout.toSeconds().longValue() * Defaults.VISIBILITY_TIMEOUT_FACTOR;
            problems.check(seconds >= minimum, "visibilityTimeout is " + seconds + " seconds, shorter than 6 × the function "
                    + "timeout (" + minimum + " seconds): a slow file would be delivered again while it is still being processed");
        }
        problems.check(seconds <= 43_200, "visibilityTimeout must be at most 12 hours, but was " + seconds + " seconds");
    }
}
