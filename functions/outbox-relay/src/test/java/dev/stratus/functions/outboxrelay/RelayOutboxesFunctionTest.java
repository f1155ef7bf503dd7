package dev.stratus.functions.outboxrelay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stratus.functions.events.EventEnvelope;
import dev.stratus.functions.events.publish.EventPublisher;
import dev.stratus.functions.events.publish.Outbox;
import dev.stratus.functions.testing.FakeContext;
import dev.stratus.functions.testing.TelemetryAssertions;
import dev.stratus.functions.testing.Tables;
import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** The relay over two producers' outboxes in the local DynamoDB engine; EventBridge is a recording stand-in. */
@ExtendWith(LocalDynamoDbExtension.class)
class RelayOutboxesFunctionTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant WRITTEN = Instant.parse("2026-11-22T10:00:00Z");
    static int round;
    final List<EventEnvelope> published = new CopyOnWriteArrayList<>();
    final AtomicBoolean busDown = new AtomicBoolean();
    final EventPublisher publisher = event -> {
        if (busDown.get()) {
            throw new IllegalStateException("EventBridge is unreachable");
        }
        published.add(event);
    };
    final List<String> metrics = new ArrayList<>();
    final FakeContext logs = new FakeContext(60_000);
    final DynamoDbClient dynamo;
    String users;
    String orders;

    RelayOutboxesFunctionTest(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    @BeforeEach
    void tables() {
        round++;
        users = "users-" + round;
        orders = "orders-" + round;
        table(dynamo, users, "pk");
        table(dynamo, orders, "orderId");
    }

    static void table(DynamoDbClient dynamo, String name, String key) {
        dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Tables.stringAttribute(key), Tables.stringAttribute("outbox"),
                        Tables.stringAttribute("eventTime"))
                .keySchema(KeySchemaElement.builder().attributeName(key).keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(Outbox.INDEX)
                        .keySchema(KeySchemaElement.builder().attributeName("outbox").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("eventTime").keyType(KeyType.RANGE).build())
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
    }

    Outbox outbox(String table, String key) {
        return new Outbox(dynamo, table, key, publisher, logs.getLogger());
    }

    /** An event written {@code at}, committed to {@code table}'s outbox as a producer does. */
    EventEnvelope committed(String table, String key, String type, Instant at) {
        EventEnvelope e = EventEnvelope.of(type, "stratus.test", 1, Map.of("n", type));
        EventEnvelope event = new EventEnvelope(e.id(), e.type(), e.source(), at.toString(), e.version(), e.data());
        dynamo.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().put(outbox(table, key).put(event)).build()));
        return event;
    }

    RelayOutboxesFunction relay(Instant now, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("OUTBOX_TABLES", users + ":pk, " + orders + ":orderId"));
        env.putAll(extra);
        return new RelayOutboxesFunction(dynamo, env, publisher, Clock.fixed(now, ZoneOffset.UTC), logs.getLogger(), metrics::add);
    }

    JsonNode run(RelayOutboxesFunction relay, int remainingMillis) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        relay.handleRequest(new ByteArrayInputStream("{}".getBytes()), out, new FakeContext(remainingMillis));
        return JSON.readTree(out.toByteArray());
    }

    List<Map<String, AttributeValue>> items(String table, String key) {
        return Tables.scanAll(dynamo, table, key);
    }

    @Test
    void publishesWhatEveryOutboxHoldsAndEmptiesThem() throws Exception {
        EventEnvelope created = committed(users, "pk", "user.created", WRITTEN);
        EventEnvelope placed = committed(orders, "orderId", "order.placed", WRITTEN.plusSeconds(1));
        RelayOutboxesFunction relay = relay(WRITTEN.plus(Duration.ofMinutes(5)), Map.of());

        busDown.set(true);
        assertEquals("{\"relayed\":0,\"failed\":2,\"quarantined\":0,\"complete\":true}", run(relay, 60_000).toString());
        assertTrue(logs.lines.stream().anyMatch(l -> l.contains("publish failed") && l.contains(created.id())), logs.lines.toString());
        busDown.set(false);
        assertEquals("{\"relayed\":2,\"failed\":0,\"quarantined\":0,\"complete\":true}", run(relay, 60_000).toString());
        assertEquals(List.of(created, placed), published);
        assertEquals(List.of(), items(users, "pk"));
        assertEquals(List.of(), items(orders, "orderId"));
        assertEquals("{\"relayed\":0,\"failed\":0,\"quarantined\":0,\"complete\":true}", run(relay, 60_000).toString());
    }

    @Test
    void aMalformedItemIsQuarantinedAndTheGoodEventsBehindItAreRelayed() throws Exception {
        // oldest first: the bad item is the first the relay reads
        dynamo.putItem(b -> b.tableName(users).item(Map.of("pk", s("EVENT#bad"), "outbox", s("PENDING"),
                "eventTime", s("2026-11-22T09:00:00.000000000Z"), "envelope", s("{not json"))));
        dynamo.putItem(b -> b.tableName(users).item(Map.of("pk", s("EVENT#empty"), "outbox", s("PENDING"),
                "eventTime", s("2026-11-22T09:00:01.000000000Z"))));
        EventEnvelope good = committed(users, "pk", "user.created", WRITTEN);
        RelayOutboxesFunction relay = relay(WRITTEN.plus(Duration.ofMinutes(5)), Map.of());

        assertEquals("{\"relayed\":1,\"failed\":0,\"quarantined\":2,\"complete\":true}", run(relay, 60_000).toString());
        assertEquals(List.of(good), published);
        List<Map<String, AttributeValue>> left = items(users, "pk");
        assertEquals(List.of("EVENT#bad", "EVENT#empty"), left.stream().map(i -> i.get("pk").s()).toList());
        assertEquals(List.of("QUARANTINED", "QUARANTINED"), left.stream().map(i -> i.get("outbox").s()).toList());
        assertEquals("malformed event: the message body is not JSON", left.get(0).get("quarantineReason").s());
        assertTrue(logs.lines.stream().anyMatch(l -> l.contains("\"quarantined\"") && l.contains("EVENT#bad")), logs.lines.toString());
        assertEquals("{\"relayed\":0,\"failed\":0,\"quarantined\":0,\"complete\":true}", run(relay, 60_000).toString(),
                "quarantined items are off the pending partition");
    }

    @Test
    void drainsEveryPageInOneRun() throws Exception {
        for (int i = 0; i < 25; i++) {
            committed(orders, "orderId", "order.placed", WRITTEN.plusMillis(i));
        }
        JsonNode result = run(relay(WRITTEN.plus(Duration.ofMinutes(5)), Map.of("PAGE_SIZE", "10")), 60_000);
        assertEquals(25, result.get("relayed").asInt());
        assertTrue(result.get("complete").asBoolean());
        assertEquals(List.of(), items(orders, "orderId"));
    }

    @Test
    void eventsYoungerThanTheGracePeriodAreLeftToTheirProducer() throws Exception {
        committed(users, "pk", "user.created", WRITTEN);
        EventEnvelope young = committed(users, "pk", "user.created", WRITTEN.plus(Duration.ofSeconds(90)));
        Instant now = WRITTEN.plus(Duration.ofMinutes(3));
        assertEquals(1, run(relay(now, Map.of()), 60_000).get("relayed").asInt(), "the one 3 minutes old, not the one 90 s old");
        assertEquals(List.of("EVENT#" + young.id()), items(users, "pk").stream().map(i -> i.get("pk").s()).toList());
        assertEquals(1, run(relay(now, Map.of("GRACE_PERIOD", "PT30S")), 60_000).get("relayed").asInt());
    }

    @Test
    void stopsWhenTheRunsTimeRunsLowOrTheBusKeepsFailing() throws Exception {
        for (int i = 0; i < 8; i++) {
            committed(orders, "orderId", "order.placed", WRITTEN.plusMillis(i));
        }
        RelayOutboxesFunction relay = relay(WRITTEN.plus(Duration.ofMinutes(5)), Map.of());
        assertEquals("{\"relayed\":0,\"failed\":0,\"quarantined\":0,\"complete\":false}", run(relay, 9_000).toString());
        busDown.set(true);
        assertEquals("{\"relayed\":0,\"failed\":5,\"quarantined\":0,\"complete\":false}", run(relay, 60_000).toString(),
                "five failures in a row: the bus is down, the other three are not tried");
    }

    @Test
    void writesOneEmbeddedMetricLinePerOutbox() throws Exception {
        committed(users, "pk", "user.created", WRITTEN);
        Instant now = WRITTEN.plus(Duration.ofMinutes(5));
        run(relay(now, Map.of()), 60_000);
        assertEquals(2, metrics.size());
        JsonNode line = TelemetryAssertions.assertEmf(metrics.get(0));
        assertEquals(now.toEpochMilli(), line.at("/_aws/Timestamp").asLong());
        assertEquals("Stratus/OutboxRelay", line.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
        assertEquals("[[\"Outbox\"]]", line.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
        assertEquals(5, line.at("/_aws/CloudWatchMetrics/0/Metrics").size());
        assertEquals(users, line.get("Outbox").asText());
        assertEquals(1, line.get("Relayed").asInt());
        assertEquals(300, line.get("OldestPendingAge").asLong());
        assertEquals(0, TelemetryAssertions.assertEmf(metrics.get(1)).get("Relayed").asInt());
    }

    @Test
    void logsEachRelayedEventWithItsCorrelationIdAndTheRunWithItsOwnRequestId() throws Exception {
        EventEnvelope e = EventEnvelope.of("order.placed", "stratus.test", 1, Map.of("n", 1));
        EventEnvelope event = new EventEnvelope(e.id(), e.type(), e.source(), WRITTEN.toString(), e.version(), e.data(), "req-42");
        dynamo.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().put(outbox(orders, "orderId").put(event)).build()));
        FakeContext context = new FakeContext(60_000);
        relay(WRITTEN.plus(Duration.ofMinutes(5)), Map.of()).handleRequest(new ByteArrayInputStream("{}".getBytes()),
                new ByteArrayOutputStream(), context);
        assertEquals("req-42", published.get(0).correlationId(), "published as it was committed");
        JsonNode relayed = TelemetryAssertions.assertLogLine(logs.lines.get(0), "INFO", java.util.Set.of("outbox", "eventId", "type"));
        assertEquals("req-42", relayed.get("correlationId").asText());
        assertEquals(event.id(), relayed.get("eventId").asText());
        JsonNode run = TelemetryAssertions.assertLogLine(context.lines.get(0), "INFO",
                java.util.Set.of("relayed", "failed", "quarantined", "complete"));
        assertEquals(context.getAwsRequestId(), run.get("correlationId").asText());
        assertEquals(1, run.get("relayed").asInt());
    }

    @Test
    void failsAtInitOnABadConfiguration() {
        assertEquals("OUTBOX_TABLES entry 'users' is not table:keyAttribute", assertThrows(IllegalStateException.class,
                () -> new RelayOutboxesFunction(null, Map.of("OUTBOX_TABLES", "users"), publisher, Clock.systemUTC(), logs.getLogger(),
                        metrics::add)).getMessage());
        assertEquals("environment variable OUTBOX_TABLES is required (table:keyAttribute, comma-separated)",
                assertThrows(IllegalStateException.class, () -> new RelayOutboxesFunction(null, Map.of(), publisher, Clock.systemUTC(),
                        logs.getLogger(), metrics::add)).getMessage());
        assertEquals("environment variable GRACE_PERIOD must be an ISO-8601 duration from PT10S to PT1H (longer than the producers' "
                + "function timeout), but was 'PT1S'", assertThrows(IllegalStateException.class, () -> new RelayOutboxesFunction(null,
                Map.of("OUTBOX_TABLES", "users:pk", "GRACE_PERIOD", "PT1S"), publisher, Clock.systemUTC(), logs.getLogger(),
                metrics::add)).getMessage());
    }

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
