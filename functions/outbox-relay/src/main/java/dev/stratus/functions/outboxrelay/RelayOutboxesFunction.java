package dev.stratus.functions.outboxrelay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.stratus.functions.bootstrap.Env;
import dev.stratus.functions.bootstrap.SdkClients;
import dev.stratus.functions.bootstrap.Timeouts;
import dev.stratus.functions.events.publish.EventBridgePublisher;
import dev.stratus.functions.events.publish.EventPublisher;
import dev.stratus.functions.events.publish.Outbox;
import dev.stratus.functions.telemetry.JsonLog;
import dev.stratus.functions.telemetry.Metrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs on a schedule: publishes the events producers committed to their outbox but could not
 * publish at once. Per outbox it drains the pending events older than the grace period, page by
 * page, until none is left or less than {@link #SAFETY_MARGIN_MS} of the run's time remains;
 * quarantines items that are not readable events; and writes one CloudWatch embedded-metric
 * (EMF) line per outbox. Answers and logs {@code {"relayed", "failed", "quarantined", "complete"}}.
 *
 * <p>Environment: {@code OUTBOX_TABLES} ({@code table:keyAttribute} pairs, comma-separated),
 * {@code EVENT_BUS_NAME}, {@code GRACE_PERIOD} (ISO-8601, default {@code PT2M}, from {@code PT10S}
 * to {@code PT1H}) and {@code PAGE_SIZE} (1 to 1000, default 100).
 */
public final class RelayOutboxesFunction implements RequestStreamHandler {
    /** Stop starting pages when less than this is left: a page's publishes and deletes fit in it. */
    static final int SAFETY_MARGIN_MS = 10_000;
    /**
     * Events younger than this are left to the producer that wrote them, which may still be
     * flushing them (its function runs up to its timeout, 10 s by default): relaying them too would
     * publish them twice.
     */
    static final Duration DEFAULT_GRACE_PERIOD = Duration.ofMinutes(2);
    static final Duration MIN_GRACE_PERIOD = Duration.ofSeconds(10);
    static final Duration MAX_GRACE_PERIOD = Duration.ofHours(1);
    static final int DEFAULT_PAGE_SIZE = 100;
    static final String NAMESPACE = "Stratus/OutboxRelay";
    static final Timeouts TIMEOUTS = Timeouts.of(Duration.ofSeconds(3), Duration.ofSeconds(1));
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final List<Outbox> outboxes;
    private final Duration gracePeriod;
    private final int pageSize;
    private final Clock clock;
    private final Metrics metrics;

    public RelayOutboxesFunction() {
        this(SdkClients.dynamo(System.getenv(), TIMEOUTS), System.getenv(), EventBridgePublisher.fromEnvironment(System.getenv()),
                Clock.systemUTC(), LambdaRuntime.getLogger(), System.out::println);
    }

    /**
     * For tests and local runs.
     *
     * @param metrics where the EMF lines go: standard output in Lambda, which CloudWatch Logs reads
     */
    public RelayOutboxesFunction(DynamoDbClient dynamo, Map<String, String> env, EventPublisher publisher, Clock clock, LambdaLogger log,
                          Consumer<String> metrics) {
        String tables = Env.required(env, "OUTBOX_TABLES", "table:keyAttribute, comma-separated");
        this.outboxes = new ArrayList<>();
        for (String entry : tables.split(",")) {
            String[] parts = entry.strip().split(":");
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalStateException("OUTBOX_TABLES entry '" + entry.strip() + "' is not table:keyAttribute");
            }
            outboxes.add(new Outbox(dynamo, parts[0].strip(), parts[1].strip(), publisher, log));
        }
        this.gracePeriod = gracePeriod(env.get("GRACE_PERIOD"));
        this.pageSize = pageSize(env.get("PAGE_SIZE"));
        this.clock = clock;
        this.metrics = new Metrics(NAMESPACE, metrics, clock);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        int relayed = 0;
        int failed = 0;
        int quarantined = 0;
        boolean complete = true;
        Instant now = clock.instant();
        for (Outbox outbox : outboxes) {
            Outbox.RelayResult result = outbox.relay(now.minus(gracePeriod), pageSize,
                    () -> context.getRemainingTimeInMillis() > SAFETY_MARGIN_MS);
            relayed += result.relayed();
            failed += result.failed();
            quarantined += result.quarantined();
            complete &= result.complete();
            metrics.emit(Map.of("Outbox", outbox.table()), emf(result, now));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("relayed", relayed);
        summary.put("failed", failed);
        summary.put("quarantined", quarantined);
        summary.put("complete", complete);
        // a scheduled run serves no request: its own request id correlates its lines
        new JsonLog(context.getLogger()).log(failed > 0 || quarantined > 0 || !complete ? LogLevel.WARN : LogLevel.INFO, "relay run",
                context.getAwsRequestId(), summary);
        output.write(JSON.writeValueAsBytes(summary));
    }

    /**
     * The metrics of one outbox's run, written as one CloudWatch embedded-metric-format line by
     * {@link Metrics}: {@code Relayed}, {@code Failed}, {@code Quarantined} (counts), {@code Incomplete}
     * (1 when the run stopped early) and {@code OldestPendingAge} (seconds; 0 when nothing older than
     * the grace period waited), by {@code Outbox} (the table name).
     */
    static List<Metrics.Metric> emf(Outbox.RelayResult result, Instant now) {
        return List.of(Metrics.Metric.count("Relayed", result.relayed()),
                Metrics.Metric.count("Failed", result.failed()),
                Metrics.Metric.count("Quarantined", result.quarantined()),
                Metrics.Metric.count("Incomplete", result.complete() ? 0 : 1),
                new Metrics.Metric("OldestPendingAge", Metrics.Unit.SECONDS,
                        result.oldest() == null ? 0 : Math.max(0, Duration.between(result.oldest(), now).toSeconds())));
    }

    private static Duration gracePeriod(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_GRACE_PERIOD;
        }
        try {
            Duration grace = Duration.parse(value.strip());
            if (grace.compareTo(MIN_GRACE_PERIOD) >= 0 && grace.compareTo(MAX_GRACE_PERIOD) <= 0) {
                return grace;
            }
        } catch (DateTimeParseException ignored) {
            // reported below
        }
        throw new IllegalStateException("environment variable GRACE_PERIOD must be an ISO-8601 duration from " + MIN_GRACE_PERIOD
                + " to " + MAX_GRACE_PERIOD + " (longer than the producers' function timeout), but was '" + value + "'");
    }

    private static int pageSize(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            int size = Integer.parseInt(value.strip());
            if (size >= 1 && size <= 1000) {
                return size;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException("environment variable PAGE_SIZE must be a whole number from 1 to 1000, but was '" + value + "'");
    }
}
