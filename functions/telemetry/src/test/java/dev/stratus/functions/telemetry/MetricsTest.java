package dev.stratus.functions.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.functions.testing.TelemetryAssertions;

class MetricsTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    final List<String> lines = new ArrayList<>();
    final Metrics metrics = new Metrics(Metrics.NAMESPACE, lines::add, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void writesOneDocumentAsTheSpecificationShowsIt() {
        metrics.count("OrdersPlaced", 1, Map.of("Service", "orders"));
        assertEquals("{\"_aws\":{\"Timestamp\":" + NOW.toEpochMilli() + ",\"CloudWatchMetrics\":[{\"Namespace\":\"Stratus\","
                + "\"Dimensions\":[[\"Service\"]],\"Metrics\":[{\"Name\":\"OrdersPlaced\",\"Unit\":\"Count\"}]}]},"
                + "\"Service\":\"orders\",\"OrdersPlaced\":1}", lines.get(0));
        TelemetryAssertions.assertEmf(lines.get(0));
    }

    @Test
    void severalMetricsShareOneDimensionSet() {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("Service", "bff");
        dimensions.put("Part", "stats");
        metrics.emit(dimensions, List.of(Metrics.Metric.count("A", 2), new Metrics.Metric("Age", Metrics.Unit.SECONDS, 30)));
        JsonNode document = TelemetryAssertions.assertEmf(lines.get(0));
        assertEquals("[[\"Service\",\"Part\"]]", document.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
        assertEquals("Seconds", document.at("/_aws/CloudWatchMetrics/0/Metrics/1/Unit").asText());
        assertEquals(30, document.get("Age").asLong());
    }

    @Test
    void failsWhenMoreThan30DimensionsOr100MetricsAreGiven() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 31; i++) {
            many.put("D" + i, "v");
        }
        assertEquals("an EMF dimension set holds at most 30 dimensions, but 31 were given",
                assertThrows(IllegalArgumentException.class, () -> metrics.count("M", 1, many)).getMessage());
        List<Metrics.Metric> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(Metrics.Metric.count("M" + i, 1));
        }
        assertEquals("an EMF document holds 1 to 100 metrics, but 101 were given",
                assertThrows(IllegalArgumentException.class, () -> metrics.emit(Map.of(), tooMany)).getMessage());
    }

    @Test
    void failsWhenANameIsTakenTwiceOrADimensionHasNoValue() {
        assertEquals("the name Service is given twice (as a metric or a dimension)",
                assertThrows(IllegalArgumentException.class, () -> metrics.count("Service", 1, Map.of("Service", "x"))).getMessage());
        Map<String, String> empty = new LinkedHashMap<>();
        empty.put("Part", "");
        assertEquals("dimension Part needs a value of 1 to 1024 characters, but was 0 characters",
                assertThrows(IllegalArgumentException.class, () -> metrics.count("M", 1, empty)).getMessage());
        assertEquals("metric name must be 1 to 255 characters (and not _aws), but was '_aws'",
                assertThrows(IllegalArgumentException.class, () -> metrics.count("_aws", 1, Map.of())).getMessage());
    }
}
