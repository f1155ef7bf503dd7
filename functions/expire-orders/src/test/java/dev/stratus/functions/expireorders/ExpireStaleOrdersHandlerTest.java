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

/** The handler with the schedule's real payloads, against the local DynamoDB engine. */
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
        handler = new ExpireStaleOrdersHandler(dynamo, env(Map.of("MAX_PENDING_AGE", "PT1H")), Clock.fixed(NOW, ZoneOffset.UTC));
        JsonNode result = invoke(text("{}"), new FakeContext(300_000));
        assertEquals(2, result.get("expired").asInt(), "3 days and 30 hours old; the one exactly 1 hour old is at the cutoff");
    }

    @Test
    void stopsWhenTheFunctionIsAboutToTimeOut() throws Exception {
        JsonNode result = invoke(fixture("schedule-payload.json"), new FakeContext(ExpireStaleOrdersHandler.SAFETY_MARGIN_MS));
        assertEquals(false, result.get("complete").asBoolean());
        assertEquals(0, result.get("expired").asInt());
    }

    static final String EXAMPLE = ". Example: {\"maxPendingAge\":\"PT48H\"}";

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "{\"maxPendingAge\":\"PT24H\",\"dryRun\":true}|invalid input: unknown field 'dryRun' (the only field is maxPendingAge)",
            "{\"maxPendingAge\":48}|invalid input: maxPendingAge must be an ISO-8601 duration string like PT48H or P7D, but was a number (48)",
            "{\"maxPendingAge\":true}|invalid input: maxPendingAge must be an ISO-8601 duration string like PT48H or P7D, but was a boolean (true)",
            "{\"maxPendingAge\":{\"hours\":48}}|invalid input: maxPendingAge must be an ISO-8601 duration string like PT48H or P7D, but was an object ({\"hours\":48})",
            "{\"maxPendingAge\":\"two days\"}|invalid input: maxPendingAge 'two days' is not an ISO-8601 duration; e.g. PT48H or P7D",
            "{\"maxPendingAge\":\"PT0S\"}|invalid input: maxPendingAge must be positive, but was PT0S",
            "{\"maxPendingAge\":\"PT0.001S\"}|invalid input: maxPendingAge must be at least PT1H (younger orders may still be paid for), but was PT0.001S",
            "{\"maxPendingAge\":\"PT59M\"}|invalid input: maxPendingAge must be at least PT1H (younger orders may still be paid for), but was PT59M",
            "{\"maxPendingAge\":\"-P1D\"}|invalid input: maxPendingAge must be positive, but was -P1D",
            "{\"maxPendingAge\":\"P99999999D\"}|invalid input: maxPendingAge must be at most P3650D (ten years), but was P99999999D",
            "{\"maxPendingAge\":0,\"dryRun\":1}|invalid input: unknown field 'dryRun' (the only field is maxPendingAge); "
                    + "maxPendingAge must be an ISO-8601 duration string like PT48H or P7D, but was a number (0)"})
    void failsWhenAFieldIsWrongNamingItsValueAndWritesNothing(String body, String expected) {
        List<Map<String, AttributeValue>> before = orders.scanAll();
        FakeContext context = new FakeContext(300_000);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> invoke(text(body), context));

        assertEquals(expected + EXAMPLE, e.getMessage());
        assertEquals(before, orders.scanAll());
        assertTrue(context.lines.isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "[1,2]|input must be a JSON object like {\"maxPendingAge\":\"PT48H\"}, but was an array ([1,2])",
            "\"PT24H\"|input must be a JSON object like {\"maxPendingAge\":\"PT48H\"}, but was a string (\"PT24H\")",
            "48|input must be a JSON object like {\"maxPendingAge\":\"PT48H\"}, but was a number (48)"})
    void failsWhenTheInputIsNotAnObject(String body, String expected) {
        List<Map<String, AttributeValue>> before = orders.scanAll();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> invoke(text(body), new FakeContext(300_000)));

        assertEquals(expected, e.getMessage());
        assertEquals(before, orders.scanAll());
    }

    /** Jackson words the parse error; ours is the frame around it, which is what is asserted. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "maxPendingAge: PT24H|Unrecognized token 'maxPendingAge'",
            "{\"maxPendingAge\":\"PT24H\"|Unexpected end-of-input",
            "{\"maxPendingAge\":\"PT1H\",\"maxPendingAge\":\"P30D\"}|Duplicate field 'maxPendingAge'",
            "{\"maxPendingAge\":\"PT24H\"} {\"maxPendingAge\":\"PT1H\"}|Trailing token"})
    void failsWhenTheInputIsNotOneJsonValue(String body, String jacksonSays) {
        List<Map<String, AttributeValue>> before = orders.scanAll();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> invoke(text(body), new FakeContext(300_000)));

        assertTrue(e.getMessage().startsWith("input is not valid JSON (" + jacksonSays), e.getMessage());
        assertTrue(e.getMessage().endsWith("); send an object like {\"maxPendingAge\":\"PT48H\"}"), e.getMessage());
        assertEquals(before, orders.scanAll());
    }

    @Test
    void failsWhenTheBodyIsOversizedWithoutReadingItAll() {
        List<Map<String, AttributeValue>> before = orders.scanAll();
        String huge = "{\"maxPendingAge\":\"PT24H\",\"pad\":\"" + "x".repeat(1_000_000) + "\"}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> invoke(text(huge), new FakeContext(300_000)));
        assertEquals("input is larger than the 8192 bytes accepted; send an object like {\"maxPendingAge\":\"PT48H\"}", e.getMessage());
        assertEquals(before, orders.scanAll());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ORDERS_TABLE_NAME||environment variable ORDERS_TABLE_NAME is required (the orders table's name)",
            "ORDERS_STATUS_INDEX| |environment variable ORDERS_STATUS_INDEX is required (the name of the orders table's status/createdAt index)",
            "PAGE_SIZE|0|environment variable PAGE_SIZE must be a whole number from 1 to 1000, but was '0'",
            "PAGE_SIZE|1001|environment variable PAGE_SIZE must be a whole number from 1 to 1000, but was '1001'",
            "PAGE_SIZE|ten|environment variable PAGE_SIZE must be a whole number from 1 to 1000, but was 'ten'",
            "MAX_PENDING_AGE|48h|environment variable MAX_PENDING_AGE must be an ISO-8601 duration from PT1H to P3650D such as PT48H or P7D, but was '48h'",
            "MAX_PENDING_AGE|-PT1H|environment variable MAX_PENDING_AGE must be an ISO-8601 duration from PT1H to P3650D such as PT48H or P7D, but was '-PT1H'",
            "MAX_PENDING_AGE|PT1S|environment variable MAX_PENDING_AGE must be an ISO-8601 duration from PT1H to P3650D such as PT48H or P7D, but was 'PT1S'",
            "MAX_PENDING_AGE|P3651D|environment variable MAX_PENDING_AGE must be an ISO-8601 duration from PT1H to P3650D such as PT48H or P7D, but was 'P3651D'"})
    void failsWhenTheEnvironmentIsWrong(String name, String value, String expected) {
        Map<String, String> env = env(Map.of());
        env.put(name, value == null ? "" : value);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ExpireStaleOrdersHandler(dynamo, env, Clock.systemUTC()));

        assertEquals(expected, e.getMessage());
    }

    @Test
    void failsWhenAwsRegionIsMissing() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ExpireStaleOrdersHandler.dynamoClient(Map.of("ORDERS_TABLE_NAME", "orders")));

        assertEquals("environment variable AWS_REGION is required (Lambda sets it)", e.getMessage());
    }
}
