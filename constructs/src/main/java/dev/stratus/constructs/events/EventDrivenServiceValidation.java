package dev.stratus.constructs.events;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.stratus.constructs.internal.AlarmFactory;
import dev.stratus.constructs.internal.Problems;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.events.EventPattern;

/** Checks EventDrivenServiceProps before anything is created; see {@link Problems}. */
final class EventDrivenServiceValidation {
    private EventDrivenServiceValidation() {
    }

    static void validate(String id, EventDrivenServiceProps props) {
        Problems problems = new Problems("EventDrivenService", id);
        SourceType source = props.source();
        problems.check(props.existingEventBus() == null || source == SourceType.EVENT_BRIDGE,
                "existingEventBus needs the EVENT_BRIDGE source, but the source is " + source);
        problems.checkRange("deliveryRetryAttempts", props.deliveryRetryAttempts(), 0, 185, "");
        problems.checkSeconds("deliveryMaxEventAge", props.deliveryMaxEventAge(), 60, 86400, " (1 minute to 24 hours)");
        Duration retention = props.archiveRetention();
        if (!retention.isUnresolved()) {
            problems.check(retention.toMilliseconds().doubleValue() % 86_400_000 == 0 && retention.toDays().doubleValue() >= 1,
                    "archiveRetention must be a whole number of days, 1 or more, but was " + retention.toHumanString());
        }
        AlarmFactory.check(problems, props.alarms(), Defaults.ALARMS);
        Set<String> names = new HashSet<>();
        for (EventConsumer consumer : props.consumers()) {
            if (consumer == null) {
                problems.add("a consumer is null");
                continue;
            }
            String name = consumer.name();
            String c = "consumer " + name;
            if (name == null || !name.matches("[A-Z][A-Za-z0-9]{0,63}")) {
                problems.add("consumer name '" + name + "' must be PascalCase letters and digits (it names the consumer's queues)");
            } else if (!names.add(name)) {
                problems.add(c + " is declared twice");
            }
            if (consumer.function() == null) {
                problems.add(c + " has no function");
                continue;
            }
            checkSource(problems, source, consumer);
            checkBatching(problems, consumer);
            if (consumer.maxConcurrency() != null) {
                problems.checkRange(c + " maxConcurrency", consumer.maxConcurrency(), 2, 1000, "");
            }
            problems.checkRange(c + " maxReceiveCount", consumer.maxReceiveCount(), 1, 1000, "");
            problems.checkSeconds(c + " retentionPeriod", consumer.retentionPeriod(), 60,
                    (long) Defaults.MAX_QUEUE_RETENTION.toSeconds().doubleValue(), " (1 minute to 13 days: shorter than its "
                            + "DLQ's 14 days, as SQS keeps a message's first enqueue time when it moves it to the DLQ)");
            checkVisibility(problems, consumer);
            AlarmFactory.check(problems, c + " alarms", consumer.alarms(), Defaults.ALARMS);
        }
        problems.throwIfAny();
    }

    private static void checkBatching(Problems problems, EventConsumer consumer) {
        String c = "consumer " + consumer.name();
        Number batchSize = consumer.batchSize();
        if (Token.isUnresolved(batchSize)) {
            return;
        }
        double size = batchSize.doubleValue();
        int max = consumer.isFifo() ? 10 : 10_000;
        problems.check(size >= 1 && size <= max && size == Math.rint(size), c + " batchSize must be a whole number from 1 to "
                + max + " for a " + (consumer.isFifo() ? "FIFO" : "standard") + " queue, but was " + format(batchSize));
        if (size > 10 && !consumer.isFifo() && consumer.maxBatchingWindow() == null) {
            problems.add(c + " batchSize " + format(batchSize) + " needs a maxBatchingWindow of at least 1 second (above 10 records)");
        }
        if (consumer.maxBatchingWindow() != null) {
            problems.check(!consumer.isFifo(), c + " maxBatchingWindow is not supported on FIFO queues");
            problems.checkSeconds(c + " maxBatchingWindow", consumer.maxBatchingWindow(), 0, 300, " (up to 5 minutes)");
        }
    }

    private static void checkSource(Problems problems, SourceType source, EventConsumer consumer) {
        String c = "consumer " + consumer.name();
        if (consumer.isFifo() && source != SourceType.SNS_FIFO) {
            problems.add(c + " is FIFO, but the source " + source + " is not: use SourceType.SNS_FIFO, or drop fifo()");
        } else if (!consumer.isFifo() && source == SourceType.SNS_FIFO) {
            problems.add(c + " is standard, but the SNS_FIFO source delivers only to FIFO queues: add fifo()");
        }
        if (consumer.filterPolicy() != null) {
            consumer.filterPolicy().forEach((attribute, filter) -> problems.check(attribute != null && filter != null,
                    c + " filterPolicy has a null " + (attribute == null ? "attribute name" : "filter for '" + attribute + "'")));
        }
        if (source == SourceType.EVENT_BRIDGE) {
            if (consumer.filterPolicy() != null) {
                problems.add(c + " has a filterPolicy, which is for SNS sources; give an eventPattern");
            }
            if (isEmpty(consumer.eventPattern())) {
                problems.add(c + " needs a non-empty eventPattern, e.g. EventPattern.builder().source(List.of(\"stratus.users\"))"
                        + ".detailType(List.of(\"user.created\")).build()");
            } else {
                fields(consumer.eventPattern()).forEach((field, values) -> {
                    for (int i = 0; values != null && i < values.size(); i++) {
                        problems.check(values.get(i) != null, c + " eventPattern " + field + "[" + i + "] is null");
                    }
                });
            }
        } else if (consumer.eventPattern() != null) {
            problems.add(c + " has an eventPattern, which is for the EVENT_BRIDGE source; give a filterPolicy");
        }
    }

    private static void checkVisibility(Problems problems, EventConsumer consumer) {
        String c = "consumer " + consumer.name();
        Duration functionTimeout = consumer.functionTimeout();
        Duration visibility = consumer.effectiveVisibilityTimeout();
        if (visibility == null) {
            problems.add(c + " needs a visibilityTimeout: the timeout of its function " + consumer.function().getNode().getPath()
                    + " is not known here (an imported function); set at least 6 × that timeout");
            return;
        }
        if (visibility.isUnresolved()) {
            return;
        }
        long seconds = visibility.toSeconds().longValue();
        if (functionTimeout != null && !functionTimeout.isUnresolved()) {
            long minimum = functionTimeout.toSeconds().longValue() * Defaults.VISIBILITY_TIMEOUT_FACTOR;
            problems.check(seconds >= minimum, c + " visibilityTimeout is " + seconds + " seconds, shorter than 6 × the function "
                    + "timeout (" + minimum + " seconds): a slow batch would be delivered again while it is still being processed");
        }
        problems.check(seconds <= 43_200, c + " visibilityTimeout must be at most 12 hours, but was " + seconds + " seconds");
    }

    /** The list fields of an event pattern, by their name in the pattern. */
    private static Map<String, List<String>> fields(EventPattern pattern) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("source", pattern.getSource());
        fields.put("detailType", pattern.getDetailType());
        fields.put("account", pattern.getAccount());
        fields.put("region", pattern.getRegion());
        fields.put("resources", pattern.getResources());
        fields.put("id", pattern.getId());
        fields.put("time", pattern.getTime());
        fields.put("version", pattern.getVersion());
        return fields;
    }

    private static boolean isEmpty(EventPattern pattern) {
        if (pattern == null) {
            return true;
        }
        boolean detail = pattern.getDetail() != null && !pattern.getDetail().isEmpty();
        return !detail && fields(pattern).values().stream().allMatch(values -> values == null || values.isEmpty());
    }

    private static String format(Number value) {
        double v = value.doubleValue();
        return v == Math.rint(v) ? Long.toString((long) v) : value.toString();
    }
}
