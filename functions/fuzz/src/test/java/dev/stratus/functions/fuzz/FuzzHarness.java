package dev.stratus.functions.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.functions.testing.FakeContext;

/**
 * Sends mutated events to a handler and checks the invariants on effects, not on shapes: no
 * exception escapes, no 5xx for client garbage, a rejected request (4xx) wrote no item and
 * published no event, a batch whose every record failed wrote nothing, a partially failed batch
 * wrote at most one item per processed record, and a read-only handler never writes. Writes are
 * the local engine's own change counter, so nothing is scanned between events.
 *
 * <p>It also records the outcomes per route, so that a test can require the mix it expects
 * ({@link #requireHttpMix}, {@link #requireBatchMix}): a bug that turns every request into a 401
 * keeps every invariant above and still fails the fuzz test.
 */
public final class FuzzHarness {
    /** The seed of every run; change it to explore, keep it to replay. */
    public static final long SEED = 20_261_122L;

    private final LongSupplier writes;
    private final IntSupplier publishes;
    private final boolean readOnly;
    private final Map<String, Map<String, Integer>> outcomes = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();

    /**
     * @param writes the engine's count of item writes ({@code LocalDynamoDb::changeCount})
     * @param publishes how many events the handler's publisher was given so far
     * @param readOnly true for handlers that must never write (the dashboards)
     */
    public FuzzHarness(LongSupplier writes, IntSupplier publishes, boolean readOnly) {
        this.writes = writes;
        this.publishes = publishes;
        this.readOnly = readOnly;
    }

    /** Outcomes by route: for HTTP the status code, for SQS "all processed", "partial" or "all failed". */
    public Map<String, Map<String, Integer>> outcomes() {
        return outcomes;
    }

    public List<String> failures() {
        return failures;
    }

    /** One HTTP event on {@code route}. */
    public void http(String route, RequestStreamHandler handler, ObjectNode event) {
        long writesBefore = writes.getAsLong();
        int publishesBefore = publishes.getAsInt();
        String raw = write(event);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FakeContext context = new FakeContext(10_000);
            handler.handleRequest(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), out, context);
            JsonNode response = Mutator.JSON.readTree(out.toByteArray());
            int status = response.path("statusCode").asInt(-1);
            if (status >= 500) {
                raw = raw + "\n    log: " + abbreviate(String.join(" | ", context.lines));
            }
            count(route, Integer.toString(status));
            long wrote = writes.getAsLong() - writesBefore;
            int published = publishes.getAsInt() - publishesBefore;
            if (status < 200 || status >= 500) {
                fail(route, "status " + status + " " + abbreviate(response.toString()), raw);
            } else if (status >= 400 && wrote != 0) {
                fail(route, "rejected with " + status + " but wrote " + wrote + " item(s)", raw);
            } else if (status >= 400 && published != 0) {
                fail(route, "rejected with " + status + " but published " + published + " event(s)", raw);
            } else if (readOnly && wrote != 0) {
                fail(route, "a read-only handler wrote " + wrote + " item(s) (status " + status + ")", raw);
            }
        } catch (Exception | Error e) {
            fail(route, "escaped: " + e, raw);
        }
    }

    /** One SQS batch for the consumer {@code route}. */
    public void sqs(String route, RequestStreamHandler handler, ObjectNode event) {
        long writesBefore = writes.getAsLong();
        String raw = write(event);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), out, new FakeContext(10_000));
            JsonNode failed = Mutator.JSON.readTree(out.toByteArray()).path("batchItemFailures");
            int records = event.path("Records").size();
            int processed = records - failed.size();
            count(route, processed == 0 ? "all failed" : failed.size() == 0 ? "all processed" : "partial");
            long wrote = writes.getAsLong() - writesBefore;
            if (processed == 0 && wrote != 0) {
                fail(route, "every record failed but " + wrote + " item(s) were written", raw);
            } else if (wrote > processed) {
                fail(route, processed + " record(s) processed but " + wrote + " item(s) written", raw);
            }
        } catch (Exception | Error e) {
            fail(route, "escaped: " + e, raw);
        }
    }

    /** Fails unless every route answered with some 2xx and some 4xx. */
    public void requireHttpMix() {
        outcomes.forEach((route, counts) -> {
            boolean ok = counts.keySet().stream().anyMatch(s -> s.startsWith("2"));
            boolean rejected = counts.keySet().stream().anyMatch(s -> s.startsWith("4"));
            if (!ok || !rejected) {
                failures.add(route + ": expected both 2xx and 4xx outcomes, got " + counts);
            }
        });
    }

    /** Fails unless every consumer saw fully processed, partially failed and fully failed batches. */
    public void requireBatchMix() {
        outcomes.forEach((route, counts) -> {
            for (String outcome : List.of("all processed", "partial", "all failed")) {
                if (!counts.containsKey(outcome)) {
                    failures.add(route + ": expected some '" + outcome + "' batches, got " + counts);
                }
            }
        });
    }

    private void count(String route, String outcome) {
        outcomes.computeIfAbsent(route, r -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
    }

    private void fail(String route, String what, String event) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target/fuzz-failures");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve("failure-" + failures.size() + ".json"), event.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException ignored) {
            // the message below still names the failure
        }
        if (failures.size() < 10) {
            failures.add(route + ": " + what + "\n    event: " + abbreviate(event));
        } else if (failures.size() == 10) {
            failures.add("... more failures cut");
        }
    }

    private static String write(ObjectNode event) {
        try {
            return Mutator.JSON.writeValueAsString(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "...(" + text.length() + " chars)";
    }
}
