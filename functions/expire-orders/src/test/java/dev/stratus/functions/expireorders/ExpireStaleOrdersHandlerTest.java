package dev.stratus.functions.expireorders;

import dev.stratus.functions.testing.FakeContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The handler with the schedule's real payloads, against DynamoDB Local. */
class ExpireStaleOrdersHandlerTest extends LocalDynamoTest {
    static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    ExpireStaleOrdersHandler handler;

    @BeforeEach
    void ordersOfEveryAge() {
        orders.put("days-3", "PENDING", NOW.minus(Duration.ofDays(3)));
        orders.put("hours-30", "PENDING", NOW.minus(Duration.ofHours(30)));
        orders.put("hours-1", "PENDING", NOW.minus(Duration.ofHours(1)));
        handler = new ExpireStaleOrdersHandler(dynamo, env(Map.of()), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "ORDERS_TABLE_NAME", table, "ORDERS_STATUS_INDEX", Orders.STATUS_INDEX));
        env.putAll(extra);
        return env;
    }

    JsonNode invoke(InputStream input, FakeContext context) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(input, output, context);
        return JSON.readTree(output.toByteArray());
    }

    static InputStream fixture(String name) {
        return ExpireStaleOrdersHandlerTest.class.getResourceAsStream("/events/" + name);
    }

    static InputStream text(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void schedulePayloadOverridesTheAgeAndTheResultIsReturnedAndLoggedAsOneJsonLine() throws Exception {
        FakeContext context = new FakeContext(300_000);

        JsonNode result = invoke(fixture("schedule-payload.json"), context);

        assertEquals(JSON.readTree("{\"scanned\":2,\"expired\":2,\"skipped\":0,\"complete\":true,"
                + "\"cutoff\":\"2026-11-21T02:00:00.000Z\",\"maxPendingAge\":\"PT24H\"}"), result);
        assertEquals(List.of(LogLevel.INFO), context.levels);
        assertEquals(result, JSON.readTree(context.lines.get(0)));
        assertEquals("EXPIRED", orders.status("hours-30"));
        assertEquals("PENDING", orders.status("hours-1"));
    }

    @Test
    void emptyObjectUsesTheConfiguredAge() throws Exception {
        JsonNode result = invoke(fixture("empty-object.json"), new FakeContext(300_000));
        assertEquals("PT48H", result.get("maxPendingAge").asText());
        assertEquals(1, result.get("expired").asInt());
        assertEquals("PENDING", orders.status("hours-30"));
    }

    @Test
    void anEmptyBodyOrNullUsesTheConfiguredAge() throws Exception {
        assertEquals("PT48H", invoke(text(""), new FakeContext(300_000)).get("maxPendingAge").asText());
        assertEquals("PT48H", invoke(text("null"), new FakeContext(300_000)).get("maxPendingAge").asText());
    }

    @Test
    void envAgeIsTheDefault() throws Exception {
        handler = new ExpireStaleOrdersHandler(dynamo, env(Map.of("MAX_PENDING_AGE", "PT30M")), Clock.fixed(NOW, ZoneOffset.UTC));
        JsonNode result = invoke(text("{}"), new FakeContext(300_000));
        assertEquals(3, result.get("expired").asInt());
    }

    @Test
    void stopsWhenTheFunctionIsAboutToTimeOut() throws Exception {
        JsonNode result = invoke(fixture("schedule-payload.json"), new FakeContext(ExpireStaleOrdersHandler.SAFETY_MARGIN_MS));
        assertEquals(false, result.get("complete").asBoolean());
        assertEquals(0, result.get("expired").asInt());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "maxPendingAge: PT24H|input is not valid JSON (",
            "[1,2]|input must be a JSON object like {\"maxPendingAge\":\"PT48H\"}, but was an array",
            "\"PT24H\"|input must be a JSON object like {\"maxPendingAge\":\"PT48H\"}, but was a string",
            "{\"maxPendingAge\":\"PT24H\",\"dryRun\":true}|invalid input: unknown field 'dryRun' (the only field is maxPendingAge). Example: {\"maxPendingAge\":\"PT48H\"}",
            "{\"maxPendingAge\":48}|invalid input: maxPendingAge must be an ISO-8601 duration string like PT48H or P7D, but was a number (48)",
            "{\"maxPendingAge\":\"two days\"}|maxPendingAge 'two days' is not an ISO-8601 duration; e.g. PT48H or P7D",
            "{\"maxPendingAge\":\"PT0S\"}|maxPendingAge must be positive, but was PT0S",
            "{\"maxPendingAge\":\"-P1D\"}|maxPendingAge must be positive, but was -P1D",
            "{\"maxPendingAge\":{\"hours\":48}}|but was an object",
            "{\"maxPendingAge\":\"PT24H\"|input is not valid JSON ("})
    void refusesBadInputWithAMessageAndWritesNothing(String body, String expected) {
        List<Map<String, AttributeValue>> before = orders.scanAll();
        FakeContext context = new FakeContext(300_000);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> invoke(text(body), context));

        assertTrue(e.getMessage().contains(expected), "expected «" + expected + "» in «" + e.getMessage() + "»");
        assertEquals(before, orders.scanAll());
        assertTrue(context.lines.isEmpty());
    }

    @Test
    void refusesAnOversizedBodyWithoutReadingItAll() {
        List<Map<String, AttributeValue>> before = orders.scanAll();
        String huge = "{\"maxPendingAge\":\"PT24H\",\"pad\":\"" + "x".repeat(1_000_000) + "\"}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> invoke(text(huge), new FakeContext(300_000)));
        assertEquals("input is larger than the 8192 bytes accepted; send an object like {\"maxPendingAge\":\"PT48H\"}", e.getMessage());
        assertEquals(before, orders.scanAll());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ORDERS_TABLE_NAME||environment variable ORDERS_TABLE_NAME is required (the orders table's name)",
            "ORDERS_STATUS_INDEX| |environment variable ORDERS_STATUS_INDEX is required",
            "PAGE_SIZE|0|environment variable PAGE_SIZE must be a whole number from 1 to 1000, but was '0'",
            "PAGE_SIZE|ten|environment variable PAGE_SIZE must be a whole number from 1 to 1000, but was 'ten'",
            "MAX_PENDING_AGE|48h|environment variable MAX_PENDING_AGE must be a positive ISO-8601 duration such as PT48H or P7D, but was '48h'"})
    void failsAtInitWhenTheEnvironmentIsWrong(String name, String value, String expected) {
        Map<String, String> env = env(Map.of());
        env.put(name, value == null ? "" : value);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ExpireStaleOrdersHandler(dynamo, env, Clock.systemUTC()));
        assertTrue(e.getMessage().startsWith(expected), "expected «" + expected + "» in «" + e.getMessage() + "»");
    }
}
