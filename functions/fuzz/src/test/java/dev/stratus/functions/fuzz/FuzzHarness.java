package dev.stratus.functions.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.functions.testing.FakeContext;

/**
 * Sends mutated events to a handler and checks the invariants: no exception escapes, no 5xx for
 * client garbage, and a rejected request (4xx, or a batch whose every record failed) wrote nothing.
 */
public final class FuzzHarness {
    /** The seed of every run; change it to explore, keep it to replay. */
    public static final long SEED = 20_261_122L;

    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private int events;

    public int events() {
        return events;
    }

    public Map<String, Integer> outcomes() {
        return outcomes;
    }

    public List<String> failures() {
        return failures;
    }

    /** One HTTP event; {@code state} reads every table the handler could write. */
    public void http(RequestStreamHandler handler, ObjectNode event, Supplier<Object> state) {
        events++;
        Object before = state.get();
        String raw = write(event);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FakeContext context = new FakeContext(10_000);
            handler.handleRequest(new ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)), out, context);
            JsonNode response = Mutator.JSON.readTree(out.toByteArray());
            int status = response.path("statusCode").asInt(-1);
            if (status >= 500) {
                raw = raw + "\n    log: " + abbreviate(String.join(" | ", context.lines));
            }
            outcomes.merge(Integer.toString(status), 1, Integer::sum);
            if (status < 200 || status >= 500) {
                fail("status " + status + " " + abbreviate(response.toString()), raw);
            } else if (status >= 400 && !before.equals(state.get())) {
                fail("rejected with " + status + " but the tables changed", raw);
            }
        } catch (Exception | Error e) {
            fail("escaped: " + e, raw);
        }
    }

    /** One SQS batch; when every record failed, nothing may have been written. */
    public void sqs(RequestStreamHandler handler, ObjectNode event, Supplier<Object> state) {
        events++;
        Object before = state.get();
        String raw = write(event);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)), out, new FakeContext(10_000));
            JsonNode failed = Mutator.JSON.readTree(out.toByteArray()).path("batchItemFailures");
            int records = event.path("Records").size();
            outcomes.merge(failed.size() == records ? "all failed" : failed.size() == 0 ? "all processed" : "partial", 1, Integer::sum);
            if (failed.size() == records && !before.equals(state.get())) {
                fail("every record failed but the tables changed", raw);
            }
        } catch (Exception | Error e) {
            fail("escaped: " + e, raw);
        }
    }

    private void fail(String what, String event) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target/fuzz-failures");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve("failure-" + failures.size() + ".json"), event.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException ignored) {
            // the message below still names the failure
        }
        if (failures.size() < 10) {
            failures.add(what + "\n    event: " + abbreviate(event));
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
