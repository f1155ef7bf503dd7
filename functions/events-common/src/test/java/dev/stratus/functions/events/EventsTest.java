package dev.stratus.functions.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.functions.testing.FakeContext;

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
        assertEquals(2, context.lines.size());
        assertTrue(context.lines.get(0).contains("the message body is not JSON") && context.lines.get(0).contains("\"receiveCount\":\"3\""),
                context.lines.toString());
        assertTrue(context.lines.get(1).contains("field 'source' must be a non-empty string"), context.lines.toString());
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
