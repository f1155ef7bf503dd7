package dev.stratus.functions.telemetry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Business metrics as CloudWatch embedded metric format (EMF) documents, one JSON object per line on
 * standard output, from which CloudWatch Logs extracts the metrics (no API call, no agent):
 *
 * <pre>{"_aws":{"Timestamp":1795341600000,"CloudWatchMetrics":[{"Namespace":"Stratus",
 *   "Dimensions":[["Service"]],"Metrics":[{"Name":"OrdersPlaced","Unit":"Count"}]}]},
 *  "Service":"orders","OrdersPlaced":1}</pre>
 *
 * <p>One document per call, all its metrics under one dimension set (every dimension given).
 * Dimensions must be of low cardinality — a service, a part, a table — never a user or an order id:
 * each distinct value is a metric of its own, paid for. Names and limits are checked as the
 * specification states them (at most {@link #MAX_DIMENSIONS} dimensions, {@link #MAX_METRICS}
 * metrics, names of 1 to 255 characters); a violation is a programming error and throws
 * {@link IllegalArgumentException}.
 */
public final class Metrics {
    /** The namespace of the reference app's business metrics. */
    public static final String NAMESPACE = "Stratus";
    /** The EMF specification's limits. */
    public static final int MAX_DIMENSIONS = 30;
    public static final int MAX_METRICS = 100;
    static final int MAX_NAME_LENGTH = 255;
    /** CloudWatch's limit on a dimension value. */
    static final int MAX_DIMENSION_VALUE_LENGTH = 1024;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The units used here; CloudWatch knows more. */
    public enum Unit {
        COUNT("Count"), SECONDS("Seconds"), MILLISECONDS("Milliseconds");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    /** One value of one metric. */
    public record Metric(String name, Unit unit, long value) {
        public static Metric count(String name, long value) {
            return new Metric(name, Unit.COUNT, value);
        }
    }

    private final String namespace;
    private final Consumer<String> sink;
    private final Clock clock;

    /**
     * @param namespace the CloudWatch namespace, 1 to 255 characters
     * @param sink      where each document goes: standard output in Lambda ({@link #toStandardOutput})
     * @param clock     the documents' {@code Timestamp}
     */
    public Metrics(String namespace, Consumer<String> sink, Clock clock) {
        checkName("namespace", namespace);
        this.namespace = namespace;
        this.sink = sink;
        this.clock = clock;
    }

    /** Documents printed to standard output, which Lambda sends to CloudWatch Logs as they are. */
    public static Metrics toStandardOutput(String namespace) {
        return new Metrics(namespace, System.out::println, Clock.systemUTC());
    }

    /** Writes {@code value} of the count {@code name} under {@code dimensions}. */
    public void count(String name, long value, Map<String, String> dimensions) {
        emit(dimensions, List.of(Metric.count(name, value)));
    }

    /** Writes one document: {@code metrics} under {@code dimensions}, stamped now. */
    public void emit(Map<String, String> dimensions, List<Metric> metrics) {
        sink.accept(document(namespace, clock.instant(), dimensions, metrics));
    }

    /** The EMF document (one line of JSON). */
    public static String document(String namespace, Instant time, Map<String, String> dimensions, List<Metric> metrics) {
        checkName("namespace", namespace);
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("an EMF dimension set holds at most " + MAX_DIMENSIONS + " dimensions, but "
                    + dimensions.size() + " were given");
        }
        if (metrics.isEmpty() || metrics.size() > MAX_METRICS) {
            throw new IllegalArgumentException("an EMF document holds 1 to " + MAX_METRICS + " metrics, but " + metrics.size()
                    + " were given");
        }
        Set<String> names = new HashSet<>();
        Map<String, Object> document = new LinkedHashMap<>();
        List<Map<String, String>> definitions = new ArrayList<>();
        dimensions.forEach((name, value) -> {
            checkName("dimension name", name);
            if (value == null || value.isEmpty() || value.length() > MAX_DIMENSION_VALUE_LENGTH) {
                throw new IllegalArgumentException("dimension " + name + " needs a value of 1 to " + MAX_DIMENSION_VALUE_LENGTH
                        + " characters, but was " + (value == null ? "null" : value.length() + " characters"));
            }
            names.add(name);
        });
        for (Metric metric : metrics) {
            checkName("metric name", metric.name());
            if (!names.add(metric.name())) {
                throw new IllegalArgumentException("the name " + metric.name() + " is given twice (as a metric or a dimension)");
            }
            Map<String, String> definition = new LinkedHashMap<>();
            definition.put("Name", metric.name());
            definition.put("Unit", metric.unit().cloudWatchName());
            definitions.add(definition);
        }
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", namespace);
        directive.put("Dimensions", List.of(List.copyOf(dimensions.keySet())));
        directive.put("Metrics", definitions);
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", time.toEpochMilli());
        aws.put("CloudWatchMetrics", List.of(directive));
        document.put("_aws", aws);
        document.putAll(dimensions);
        for (Metric metric : metrics) {
            document.put(metric.name(), metric.value());
        }
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an EMF document cannot be written", e);
        }
    }

    private static void checkName(String what, String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || name.equals("_aws")) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_NAME_LENGTH + " characters (and not _aws), but was "
                    + (name == null ? "null" : "'" + name + "'"));
        }
    }
}
