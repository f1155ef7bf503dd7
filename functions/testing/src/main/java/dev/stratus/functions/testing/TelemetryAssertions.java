package dev.stratus.functions.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Checks of what the functions log: a JSON log line of the agreed shape, and a CloudWatch embedded
 * metric format document as its specification requires it.
 */
public final class TelemetryAssertions {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private TelemetryAssertions() {
    }

    /**
     * {@code line} parsed: one JSON object with {@code level} = {@code level}, a string
     * {@code message} and {@code correlationId}, and no member but those and {@code fields}.
     */
    public static JsonNode assertLogLine(String line, String level, Set<String> fields) {
        JsonNode node = parse(line);
        assertEquals(level, node.path("level").asText(null), "level of " + line);
        assertTrue(node.path("message").isTextual(), "a string message in " + line);
        assertTrue(node.path("correlationId").isTextual(), "a string correlationId in " + line);
        Set<String> allowed = new HashSet<>(fields);
        allowed.addAll(Set.of("level", "message", "correlationId"));
        List<String> unexpected = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                unexpected.add(name);
            }
        });
        assertTrue(unexpected.isEmpty(), "unexpected members " + unexpected + " in " + line);
        return node;
    }

    /**
     * {@code document} parsed, checked against the EMF specification's required members: {@code _aws}
     * with a number {@code Timestamp} and a non-empty {@code CloudWatchMetrics} array; per directive a
     * string {@code Namespace}, dimension sets of at most 30 names each present as a top-level string,
     * 1 to 100 metrics each with a {@code Name} present as a top-level number.
     */
    public static JsonNode assertEmf(String document) {
        JsonNode node = parse(document);
        JsonNode aws = node.path("_aws");
        assertTrue(aws.isObject(), "_aws object in " + document);
        assertTrue(aws.path("Timestamp").isIntegralNumber(), "_aws.Timestamp number in " + document);
        JsonNode directives = aws.path("CloudWatchMetrics");
        assertTrue(directives.isArray() && !directives.isEmpty(), "_aws.CloudWatchMetrics array in " + document);
        for (JsonNode directive : directives) {
            assertTrue(directive.path("Namespace").isTextual() && !directive.path("Namespace").asText().isEmpty(),
                    "Namespace in " + document);
            JsonNode dimensionSets = directive.path("Dimensions");
            assertTrue(dimensionSets.isArray(), "Dimensions array in " + document);
            for (JsonNode set : dimensionSets) {
                assertTrue(set.isArray() && set.size() <= 30, "a dimension set of at most 30 names in " + document);
                for (JsonNode name : set) {
                    assertTrue(node.path(name.asText()).isTextual(), "dimension " + name + " as a top-level string in " + document);
                }
            }
            JsonNode metrics = directive.path("Metrics");
            assertTrue(metrics.isArray() && !metrics.isEmpty() && metrics.size() <= 100, "1 to 100 metrics in " + document);
            for (JsonNode metric : metrics) {
                String name = metric.path("Name").asText("");
                assertTrue(!name.isEmpty() && name.length() <= 255, "a metric Name in " + document);
                assertTrue(node.path(name).isNumber(), "metric " + name + " as a top-level number in " + document);
            }
        }
        return node;
    }

    /** The lines among {@code lines} that are EMF documents (have {@code _aws}). */
    public static List<JsonNode> emfDocuments(List<String> lines) {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : lines) {
            if (line.contains("\"_aws\"")) {
                documents.add(assertEmf(line));
            }
        }
        return documents;
    }

    private static JsonNode parse(String line) {
        assertTrue(line.indexOf('\n') < 0 && line.indexOf('\r') < 0, "one line: " + line);
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                fail("not a JSON object: " + line);
            }
            return node;
        } catch (JsonProcessingException e) {
            return fail("not JSON: " + line + " (" + e.getOriginalMessage() + ")");
        }
    }
}
