package dev.stratus.functions.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.functions.testing.FakeContext;
import dev.stratus.functions.testing.TelemetryAssertions;

class EventsTest {

    @Test
    void anEnvelopeSurvivesTheRoundTripAsEventBridgeDetailOrRawSnsBody() {
        EventEnvelope event = EventEnvelope.of("user.created", "stratus.users", 1, Map.of("userId", "user-1"));
        assertEquals(event, Events.parse(Events.toJson(event)));
        String eventBridge = "{\"version\":\"0\",\"id\":\"e\",\"detail-type\":\"user.created\",\"source\":\"stratus.users\","
                + "\"detail\":" + Events.toJson(event) + "}";
        assertEquals(event, Events.parse(eventBridge));
    }

    @Test
    void malformedEventsNameEveryProblem() {
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> Events.parse("{\"id\":\"\",\"type\":7,\"time\":\"yesterday\",\"version\":0,\"data\":[]}"));
        assertEquals(List.of("field 'id' must be a non-empty string", "field 'type' must be a non-empty string",
                "field 'source' must be a non-empty string", "field 'time' is not an ISO-8601 instant",
                "field 'version' must be a whole number of 1 or more", "field 'data' must be an object"), e.problems());
        assertEquals(List.of("the message body is not JSON"), assertThrows(MalformedEventException.class, () -> Events.parse("{x")).problems());
        assertEquals(List.of("the message body is empty"), assertThrows(MalformedEventException.class, () -> Events.parse(" ")).problems());
        assertEquals(List.of("the event is not a JSON object"), assertThrows(MalformedEventException.class, () -> Events.parse("[1]")).problems());
    }

    @Test
    void aConsumerReportsOnlyTheFailedRecordsAndLogsWhy() throws Exception {
        List<String> processed = new ArrayList<>();
        SqsConsumer consumer = new SqsConsumer() {
            @Override
            protected void process(EventEnvelope event) {
                processed.add(event.id());
            }
        };
        FakeContext context = new FakeContext(10_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = getClass().getResourceAsStream("/events/sqs-partial-batch.json")) {
            consumer.handleRequest(in, out, context);
        }
        JsonNode response = Events.JSON.readTree(out.toByteArray());
        assertEquals(List.of("8e0d3cb5-f99a-4d9f-b1b1-4a2c3d4e5f60"), processed);
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"11111111-aaaa-4bbb-8ccc-000000000003\"},"
                + "{\"itemIdentifier\":\"11111111-aaaa-4bbb-8ccc-000000000004\"}]}", response.toString());
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < context.lines.size(); i++) {
            if (context.levels.get(i) != LogLevel.INFO) {
                failed.add(context.lines.get(i));
            }
        }
        assertEquals(2, failed.size(), context.lines.toString());
        JsonNode notJson = TelemetryAssertions.assertLogLine(failed.get(0), "WARN", Set.of("messageId", "receiveCount", "failure"));
        assertEquals("malformed event: the message body is not JSON", notJson.get("failure").asText());
        assertEquals("3", notJson.get("receiveCount").asText());
        assertEquals("11111111-aaaa-4bbb-8ccc-000000000003", notJson.get("correlationId").asText(), "no envelope: the message id");
        assertTrue(failed.get(1).contains("field 'source' must be a non-empty string"), context.lines.toString());
    }

    @Test
    void theCorrelationIdTravelsInTheEnvelopeAndAnEnvelopeWithoutOneStillParses() {
        EventEnvelope event = EventEnvelope.of("order.placed", "stratus.orders", 1, Map.of("orderId", "o-1")).withCorrelationId("req-1");
        String json = Events.toJson(event);
        assertTrue(json.contains("\"correlationId\":\"req-1\""), json);
        assertEquals("req-1", Events.parse(json).correlationId());
        EventEnvelope older = EventEnvelope.of("order.placed", "stratus.orders", 1, Map.of("orderId", "o-1"));
        assertTrue(!Events.toJson(older).contains("correlationId"), "no member when there is none");
        assertEquals(older, Events.parse(Events.toJson(older)));
        assertEquals(older.id(), Events.parse(Events.toJson(older)).correlationIdOrId());
    }

    @Test
    void aMalformedCorrelationIdInAnEnvelopeIsIgnoredNotFatal() throws Exception {
        for (String forged : List.of("x\",\"admin\":true", "a\\b", "a\nb", "a".repeat(129))) {
            com.fasterxml.jackson.databind.node.ObjectNode envelope = (com.fasterxml.jackson.databind.node.ObjectNode) Events.JSON.readTree(
                    Events.toJson(EventEnvelope.of("user.created", "stratus.users", 1, Map.of("userId", "u-1"))));
            envelope.put("correlationId", forged);
            assertEquals(null, Events.parse(envelope.toString()).correlationId(), forged);
        }
    }

    @Test
    void aConsumerLogsEachProcessedEventWithTheEnvelopesCorrelationId() throws Exception {
        SqsConsumer consumer = new SqsConsumer() {
            @Override
            protected void process(EventEnvelope event) {
            }
        };
        EventEnvelope event = EventEnvelope.of("user.created", "stratus.users", 1, Map.of("userId", "u-1")).withCorrelationId("req-7");
        String batch = "{\"Records\":[{\"messageId\":\"m-1\",\"body\":" + Events.JSON.writeValueAsString(Events.toJson(event)) + "}]}";
        FakeContext context = new FakeContext(10_000);
        consumer.handleRequest(new java.io.ByteArrayInputStream(batch.getBytes()), new ByteArrayOutputStream(), context);
        JsonNode line = TelemetryAssertions.assertLogLine(context.lines.get(0), "INFO", Set.of("messageId", "eventId", "type"));
        assertEquals("req-7", line.get("correlationId").asText());
        assertEquals(event.id(), line.get("eventId").asText());
        assertEquals("event processed", line.get("message").asText());
    }

    @Test
    void aWholeBatchThatIsNotAnSqsEventIsRefused() {
        SqsConsumer consumer = new SqsConsumer() {
            @Override
            protected void process(EventEnvelope event) {
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> consumer.handleRequest(
                new java.io.ByteArrayInputStream("{\"detail\":{}}".getBytes()), new ByteArrayOutputStream(), new FakeContext(1000)));
        assertEquals("the invocation is not an SQS event (no Records array)", e.getMessage());
    }

    @Test
    void aRecordWithoutMessageIdIsSkippedNotReportedAsAnEmptyIdentifier() throws Exception {
        List<String> processed = new ArrayList<>();
        SqsConsumer consumer = new SqsConsumer() {
            @Override
            protected void process(EventEnvelope event) {
                processed.add(event.id());
            }
        };
        String good = Events.toJson(EventEnvelope.of("user.created", "stratus.users", 1, Map.of("userId", "u-1")));
        String batch = "{\"Records\":[{\"body\":" + Events.JSON.writeValueAsString(good) + "},"
                + "{\"messageId\":\"\",\"body\":\"x\"},{\"messageId\":7,\"body\":\"x\"},"
                + "{\"messageId\":\"m-4\",\"body\":" + Events.JSON.writeValueAsString(good) + "}]}";
        FakeContext context = new FakeContext(10_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        consumer.handleRequest(new java.io.ByteArrayInputStream(batch.getBytes()), out, context);
        // Lambda reads {"itemIdentifier": ""} as a failure of the whole batch: the good record m-4 would come back
        assertEquals("{\"batchItemFailures\":[]}", Events.JSON.readTree(out.toByteArray()).toString());
        assertEquals(1, processed.size(), "only the record with an id is processed");
        assertEquals(3, context.lines.stream().filter(l -> l.contains("has no messageId")).count(), context.lines.toString());
    }

    @Test
    void textRulesRefuseHiddenCharactersAndAddressesWithoutADomain() {
        for (String address : List.of("@", "ada@", "@example.com", "ada@example", "ada@@example.com", "ada@example.com\r\nBcc: x@y.z")) {
            assertTrue(!TextRules.isEmailAddress(address), address);
        }
        assertTrue(TextRules.isEmailAddress("ada.lovelace+news@mail.example.co.uk"));
        assertEquals(0x202E, TextRules.firstHiddenCharacter("Ada \u202Eecalevol"));
        assertEquals('\r', TextRules.firstHiddenCharacter("Ada\r\nBcc: eve@example.com"));
        assertEquals(0x200B, TextRules.firstHiddenCharacter("Ada\u200B"));
        assertEquals(0xD800, TextRules.firstHiddenCharacter("Ada\uD800"));
        assertEquals(-1, TextRules.firstHiddenCharacter("Zoë Ωmega \u0645\u200C\u0647 \uD83D\uDC69\u200D\uD83D\uDCBB"));
    }
}
