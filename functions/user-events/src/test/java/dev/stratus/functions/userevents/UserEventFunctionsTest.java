package dev.stratus.functions.userevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stratus.functions.events.SqsConsumer;
import dev.stratus.functions.testing.FakeContext;
import dev.stratus.functions.testing.TelemetryAssertions;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.stratus.functions.testing.Tables;
import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/** Both consumers with real SQS event fixtures against the local DynamoDB engine. */
class UserEventFunctionsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final LocalDynamoDbExtension local = LocalDynamoDbExtension.create();
    static DynamoDbClient dynamo;
    static int round;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
    String mail;
    String profiles;
    SqsConsumer welcome;
    SqsConsumer profile;
    FakeContext context;

    @BeforeAll
    static void start() {
        dynamo = local.client();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    @BeforeEach
    void tables() {
        round++;
        mail = "mail-" + round;
        profiles = "profiles-" + round;
        dynamo.createTable(b -> b.tableName(mail).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Tables.stringAttribute("messageId"))
                .keySchema(KeySchemaElement.builder().attributeName("messageId").keyType(KeyType.HASH).build()));
        dynamo.createTable(b -> b.tableName(profiles).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Tables.stringAttribute("userId"))
                .keySchema(KeySchemaElement.builder().attributeName("userId").keyType(KeyType.HASH).build()));
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now.get();
            }
        };
        welcome = new UserEventFunctions.SendWelcomeEmail(new TableMailbox(dynamo, mail, clock));
        profile = new UserEventFunctions.CreateUserProfile(new UserProfiles(dynamo, profiles, clock));
        context = new FakeContext(10_000);
    }

    static byte[] fixture(String name) {
        try (InputStream in = UserEventFunctionsTest.class.getResourceAsStream("/events/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode invoke(SqsConsumer consumer, byte[] event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            consumer.handleRequest(new ByteArrayInputStream(event), out, context);
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Map<String, AttributeValue>> items(String table, String key) {
        return Tables.scanAll(dynamo, table, key);
    }

    @Test
    void welcomeEmailGoesToTheOutgoingMailTable() {
        JsonNode response = invoke(welcome, fixture("sqs-user-created.json"));
        assertEquals("{\"batchItemFailures\":[]}", response.toString());
        List<Map<String, AttributeValue>> mails = items(mail, "messageId");
        assertEquals(1, mails.size());
        assertEquals("welcome-7f9c2ba4-e88f-4c8e-a0a0-3f1b2c3d4e5f", mails.get(0).get("messageId").s());
        assertEquals("ada@example.com", mails.get(0).get("to").s());
        assertEquals("Welcome to Stratus, Ada Lovelace", mails.get(0).get("subject").s());
    }

    @Test
    void aRedeliveredEventSendsNothingTwice() {
        invoke(welcome, fixture("sqs-user-created.json"));
        List<Map<String, AttributeValue>> first = items(mail, "messageId");
        now.set(now.get().plusSeconds(300));
        assertEquals("{\"batchItemFailures\":[]}", invoke(welcome, fixture("sqs-user-created.json")).toString());
        assertEquals(first, items(mail, "messageId"), "not even createdAt moved");
    }

    @Test
    void theProfileIsCreatedOnceWithDefaultPreferences() {
        invoke(profile, fixture("sqs-user-created.json"));
        List<Map<String, AttributeValue>> first = items(profiles, "userId");
        assertEquals(1, first.size());
        assertEquals("Ada Lovelace", first.get(0).get("displayName").s());
        assertEquals("system", first.get(0).get("preferences").m().get("theme").s());
        now.set(now.get().plusSeconds(300));
        assertEquals("{\"batchItemFailures\":[]}", invoke(profile, fixture("sqs-user-created.json")).toString());
        assertEquals(first, items(profiles, "userId"));
    }

    @Test
    void aPartialBatchReportsOnlyTheFailedMessagesAndProcessesTheRest() {
        JsonNode response = invoke(profile, fixture("sqs-partial-batch.json"));
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"11111111-aaaa-4bbb-8ccc-000000000003\"},"
                + "{\"itemIdentifier\":\"11111111-aaaa-4bbb-8ccc-000000000004\"}]}", response.toString());
        List<Map<String, AttributeValue>> created = items(profiles, "userId");
        assertEquals(1, created.size());
        assertEquals("user-456", created.get(0).get("userId").s());
        assertEquals(List.of(LogLevel.INFO, LogLevel.WARN, LogLevel.WARN), context.levels, "one line per record: " + context.lines);
        assertTrue(context.lines.get(1).contains("the message body is not JSON"), context.lines.toString());
    }

    @Test
    void anEventMissingDataFailsWithTheReasonLogged() {
        String body = new String(fixture("sqs-user-created.json"), StandardCharsets.UTF_8).replace("\\\"email\\\": \\\"ada@example.com\\\"", "\\\"phone\\\": \\\"1\\\"");
        JsonNode response = invoke(welcome, body.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, response.get("batchItemFailures").size(), body);
        assertTrue(context.lines.get(0).contains("data.email must be a non-empty string"), context.lines.toString());
        assertEquals(List.of(), items(mail, "messageId"));
    }

    byte[] userCreated(String name, String email) {
        try {
            String data = JSON.writeValueAsString(Map.of("userId", "user-9", "name", name, "email", email));
            String detail = "{\"id\":\"evt-9\",\"type\":\"user.created\",\"source\":\"stratus.users\","
                    + "\"time\":\"2026-11-22T10:00:00Z\",\"version\":1,\"data\":" + data + "}";
            return JSON.writeValueAsBytes(Map.of("Records", List.of(Map.of("messageId", "m-9", "body", detail))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void eachConsumerLogsTheEventWithTheCorrelationIdOfTheRequestThatCreatedTheUser() throws Exception {
        String data = JSON.writeValueAsString(Map.of("userId", "user-9", "name", "Ada", "email", "ada@example.com"));
        String detail = "{\"id\":\"evt-9\",\"type\":\"user.created\",\"source\":\"stratus.users\",\"time\":\"2026-11-22T10:00:00Z\","
                + "\"version\":1,\"correlationId\":\"CZ7vbh-0FiAEJgw=\",\"data\":" + data + "}";
        byte[] event = JSON.writeValueAsBytes(Map.of("Records", List.of(Map.of("messageId", "m-9", "body", detail))));
        for (var consumer : List.of(welcome, profile)) {
            context = new FakeContext(10_000);
            assertEquals("{\"batchItemFailures\":[]}", invoke(consumer, event).toString());
            JsonNode line = TelemetryAssertions.assertLogLine(context.lines.get(0), "INFO", java.util.Set.of("messageId", "eventId", "type"));
            assertEquals("CZ7vbh-0FiAEJgw=", line.get("correlationId").asText());
            assertEquals("evt-9", line.get("eventId").asText());
        }
    }

    @Test
    void aConsumerRechecksWhatItConsumesAndSendsNoMailForABadAddressOrAHeaderInjection() {
        for (byte[] event : List.of(userCreated("Ada", "@"), userCreated("Ada", "ada@"), userCreated("Ada", "ada@example"),
                userCreated("Ada\r\nBcc: eve@example.com", "ada@example.com"), userCreated("Ada \u202Eecalevol", "ada@example.com"))) {
            context = new FakeContext(10_000);
            assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-9\"}]}", invoke(welcome, event).toString());
            assertTrue(context.lines.get(0).contains("malformed event"), context.lines.toString());
            assertEquals(1, invoke(profile, event).get("batchItemFailures").size());
        }
        assertEquals(List.of(), items(mail, "messageId"));
        assertEquals(List.of(), items(profiles, "userId"));
        assertEquals("{\"batchItemFailures\":[]}", invoke(welcome, userCreated("Zoë Ω", "zoe@example.com")).toString());
        assertEquals(1, items(mail, "messageId").size());
    }

    @Test
    void aMailHeaderCannotCarryALineBreak() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Mailbox.Message("m", "ada@example.com", "Welcome\r\nBcc: eve@example.com", "body"));
        assertEquals("a mail header holds U+000D", e.getMessage());
    }
}
