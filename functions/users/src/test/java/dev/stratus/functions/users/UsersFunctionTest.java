package dev.stratus.functions.users;

import dev.stratus.functions.events.publish.Outbox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.functions.events.EventEnvelope;
import dev.stratus.functions.events.publish.EventPublisher;
import dev.stratus.functions.http.Json;
import dev.stratus.functions.testing.FakeContext;
import dev.stratus.functions.testing.Tables;
import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/** The users service through its Lambda handler, with API Gateway event fixtures and the local DynamoDB engine. */
class UsersFunctionTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    @RegisterExtension
    static final LocalDynamoDbExtension local = LocalDynamoDbExtension.create();
    static DynamoDbClient dynamo;
    static int tables;
    String table;
    UsersFunction function;
    final FakeContext logs = new FakeContext(10_000);
    final List<EventEnvelope> published = new java.util.concurrent.CopyOnWriteArrayList<>();
    final java.util.concurrent.atomic.AtomicBoolean busDown = new java.util.concurrent.atomic.AtomicBoolean();
    /** Stands in for EventBridge, which has no local engine: records what is published, or fails on demand. */
    final EventPublisher publisher = event -> {
        if (busDown.get()) {
            throw new IllegalStateException("EventBridge is unreachable");
        }
        published.add(event);
    };

    record Response(int status, JsonNode body, JsonNode headers) {
    }

    @BeforeAll
    static void start() {
        dynamo = local.client();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    @BeforeEach
    void freshTable() {
        table = "users-" + (++tables);
        createUsersTable(dynamo, table);
        function = new UsersFunction(dynamo, Map.of("USERS_TABLE_NAME", table), CLOCK, publisher, logs.getLogger());
    }

    /** The users table as the data stack defines it: key pk, sparse outbox index. */
    static void createUsersTable(DynamoDbClient dynamo, String table) {
        dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Tables.stringAttribute("pk"), Tables.stringAttribute("outbox"),
                        Tables.stringAttribute("eventTime"))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex.builder()
                        .indexName(Outbox.INDEX)
                        .keySchema(KeySchemaElement.builder().attributeName("outbox").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("eventTime").keyType(KeyType.RANGE).build())
                        .projection(software.amazon.awssdk.services.dynamodb.model.Projection.builder()
                                .projectionType(software.amazon.awssdk.services.dynamodb.model.ProjectionType.ALL).build())
                        .build()));
    }

    // ---- events ----

    static ObjectNode event(String fixture) {
        try (InputStream in = UsersFunctionTest.class.getResourceAsStream("/events/" + fixture)) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode as(String sub, ObjectNode event) {
        ((ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims")).put("sub", sub);
        return event;
    }

    /** The claims of an ID token whose address the identity provider verified. */
    static ObjectNode verified(String email, ObjectNode event) {
        ObjectNode claims = (ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims");
        claims.put("email", email);
        claims.put("email_verified", "true");
        return event;
    }

    static ObjectNode claims(ObjectNode event) {
        return (ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims");
    }

    static ObjectNode forUser(String userId, ObjectNode event) {
        ((ObjectNode) event.path("pathParameters")).put("userId", userId);
        return event;
    }

    static ObjectNode body(String body, ObjectNode event) {
        event.put("body", body);
        return event;
    }

    static String user(String name, String email) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}";
    }

    Response invoke(ObjectNode event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            function.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), out, new FakeContext(10_000));
            JsonNode response = Json.MAPPER.readTree(out.toByteArray());
            JsonNode body = response.has("body") ? Json.MAPPER.readTree(response.get("body").asText()) : null;
            return new Response(response.get("statusCode").asInt(), body, response.get("headers"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Map<String, AttributeValue>> tableContents() {
        return Tables.scanAll(dynamo, table, "pk");
    }

    /** A create by {@code sub}, whose ID token carries {@code email} as verified. */
    Response create(String sub, String email) {
        return invoke(verified(email, as(sub, body(user("User " + sub, email), event("create-user.json")))));
    }

    // ---- the happy paths ----

    @Test
    void createAnswers201WithLocationAndTheCallersUser() {
        Response response = invoke(event("create-user.json"));
        assertEquals(201, response.status());
        assertEquals("/users/user-123", response.headers().get("location").asText());
        assertEquals(Json.MAPPER.valueToTree(Map.of("id", "user-123", "name", "Ada Lovelace", "email", "ada@example.com",
                "avatarUrl", "https://cdn.example.com/avatars/ada.png",
                "preferences", Map.of("theme", "dark", "language", "en"),
                "createdAt", "2026-11-22T10:00:00Z", "updatedAt", "2026-11-22T10:00:00Z")), response.body());
    }

    @Test
    void getAnswersTheCallersOwnUser() {
        invoke(event("create-user.json"));
        Response response = invoke(event("get-user.json"));
        assertEquals(200, response.status());
        assertEquals("ada@example.com", response.body().get("email").asText());
        assertEquals("https://cdn.example.com/avatars/ada.png", response.body().get("avatarUrl").asText());
    }

    @Test
    void updateChangesTheUserAndMovesTheEmailLock() {
        invoke(event("create-user.json"));
        Response response = invoke(event("update-user.json"));
        assertEquals(200, response.status());
        assertEquals("Ada King", response.body().get("name").asText());
        assertEquals(Map.of("theme", "light"), Json.MAPPER.convertValue(response.body().get("preferences"), Map.class));
        assertEquals(201, create("user-456", "ada@example.com").status(), "the old address is free again");
        assertEquals(409, create("user-789", "ADA.KING@example.com").status(), "the new one is taken, in any case");
    }

    @Test
    void deleteAnswers204AndFreesTheEmail() {
        invoke(event("create-user.json"));
        assertEquals(204, invoke(event("delete-user.json")).status());
        assertEquals(404, invoke(event("get-user.json")).status());
        assertEquals(List.of(), tableContents());
        assertEquals(201, create("user-456", "ada@example.com").status());
    }

    // ---- user.created, through the outbox ----

    List<Map<String, AttributeValue>> pendingEvents() {
        return tableContents().stream().filter(i -> i.get("pk").s().startsWith("EVENT#")).toList();
    }

    @Test
    void aCreatedUserIsAnnouncedAndTheOutboxIsEmptiedAfterwards() {
        invoke(event("create-user.json"));
        assertEquals(1, published.size());
        EventEnvelope event = published.get(0);
        assertEquals("user.created", event.type());
        assertEquals("stratus.users", event.source());
        assertEquals(1, event.version());
        assertEquals("user-123", event.data().get("userId").asText());
        assertEquals("Ada Lovelace", event.data().get("name").asText());
        assertEquals("ada@example.com", event.data().get("email").asText());
        assertEquals(List.of(), pendingEvents());
    }

    @Test
    void whenTheBusIsDownTheUserIsStillCreatedAndTheEventWaitsForTheRelay() throws Exception {
        busDown.set(true);
        assertEquals(201, invoke(event("create-user.json")).status());
        assertEquals(List.of(), published);
        assertEquals(1, pendingEvents().size());
        assertEquals("PENDING", pendingEvents().get(0).get("outbox").s());

        assertTrue(logs.lines.get(0).contains("publish failed; the event stays in the outbox for the relay")
                && logs.lines.get(0).contains("EventBridge is unreachable"), logs.lines.toString());

        Outbox outbox = new Outbox(dynamo, table, "pk", publisher, logs.getLogger());
        Instant later = Instant.now().plusSeconds(60);
        assertEquals(1, outbox.relay(later, 100, () -> true).failed());
        busDown.set(false);
        assertEquals(1, outbox.relay(later, 100, () -> true).relayed());
        assertEquals(1, published.size());
        assertEquals("user-123", published.get(0).data().get("userId").asText());
        assertEquals(List.of(), pendingEvents());
        assertEquals(0, outbox.relay(later, 100, () -> true).relayed());
    }

    @Test
    void aRefusedCreatePublishesNothing() {
        create("user-1", "one@example.com");
        published.clear();
        assertEquals(409, create("user-2", "one@example.com").status());
        assertEquals(List.of(), published);
        assertEquals(List.of(), pendingEvents());
    }

    // ---- conflicts ----

    @Test
    void aSecondUserWithTheSameEmailIs409() {
        assertEquals(201, create("user-1", "grace@example.com").status());
        List<Map<String, AttributeValue>> before = tableContents();
        Response second = create("user-2", "Grace@Example.com");
        assertEquals(409, second.status());
        assertEquals("{\"error\":\"conflict\",\"details\":[\"e-mail address Grace@Example.com is already in use\"]}", second.body().toString());
        assertEquals(before, tableContents());
    }

    @Test
    void creatingTheSameUserTwiceIs409() {
        assertEquals(201, create("user-1", "one@example.com").status());
        Response again = create("user-1", "other@example.com");
        assertEquals(409, again.status());
        assertEquals("user user-1 already exists", again.body().get("details").get(0).asText());
    }

    @Test
    void updatingToAnEmailInUseIs409AndChangesNothing() {
        create("user-1", "one@example.com");
        create("user-2", "two@example.com");
        List<Map<String, AttributeValue>> before = tableContents();
        Response response = invoke(verified("two@example.com", as("user-1", forUser("user-1", body(user("One", "two@example.com"),
                event("update-user.json"))))));
        assertEquals(409, response.status());
        assertEquals(before, tableContents());
    }

    @Test
    void concurrentCreatesWithOneEmailLetExactlyOneWin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String email = "race" + round + "@example.com";
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> racers = new ArrayList<>();
                for (String sub : List.of("racer-a-" + round, "racer-b-" + round)) {
                    racers.add(pool.submit(() -> {
                        go.await();
                        return create(sub, email).status();
                    }));
                }
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> racer : racers) {
                    statuses.add(racer.get());
                }
                statuses.sort(null);
                assertEquals(List.of(201, 409), statuses, "round " + round);
            }
            long locks = tableContents().stream().filter(i -> i.get("pk").s().startsWith("EMAIL#")).count();
            assertEquals(20, locks);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- refusals: status, message, and nothing written ----

    @Test
    void anotherUsersDataIs403() {
        create("user-1", "one@example.com");
        List<Map<String, AttributeValue>> before = tableContents();
        for (String fixture : List.of("get-user.json", "update-user.json", "delete-user.json")) {
            Response response = invoke(as("user-2", forUser("user-1", event(fixture))));
            assertEquals(403, response.status(), fixture);
            assertEquals("you may only access your own user", response.body().get("details").get(0).asText());
        }
        assertEquals(before, tableContents());
    }

    @Test
    void aMissingUserIs404() {
        assertEquals(404, invoke(event("get-user.json")).status());
        assertEquals(404, invoke(event("update-user.json")).status());
        assertEquals(404, invoke(event("delete-user.json")).status());
        assertEquals(List.of(), tableContents());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "{\"name\":\"Ada\"|400|not valid JSON",
            "{\"name\":5,\"email\":\"a@example.com\"}|400|field 'name' must be a string",
            "{\"name\":\"Ada\",\"email\":\"a@example.com\",\"admin\":true}|400|unknown field 'admin'",
            "{}|400|field 'name' is required",
            "{\"name\":\"Ada\",\"email\":\"eve@example.com\"}|400|field 'email' must be the address your identity provider verified (ada@example.com), or left out",
            "{\"name\":\"Ada \u202Eecalevol\"}|400|field 'name' must not contain control or format characters, but has U+202E",
            "{\"name\":\"Ada\\r\\nBcc: eve@example.com\"}|400|field 'name' must not contain control or format characters, but has U+000D",
            "{\"name\":\"Ada\",\"name\":\"Eve\"}|400|field 'name' is given more than once",
            "{\"name\":\"Ada\",\"email\":\"not-an-address\"}|400|field 'email' is not an e-mail address like ada@example.com",
            "{\"name\":\"Ada\",\"email\":\"a@example.com\",\"preferences\":{\"theme\":1}}|400|field 'preferences.theme' must be a string",
            "{\"name\":\"Ada\",\"email\":\"a@example.com\",\"preferences\":{\"bad key\":\"x\"}}|400|preference key 'bad key' must be 1 to 50 letters",
            "{\"name\":\"   \",\"email\":\"a@example.com\"}|400|field 'name' must be 1 to 100 characters, but has 0",
            "{\"name\":\"Ada\",\"email\":\"a@example.com\",\"avatarUrl\":\"javascript:alert(1)\"}|400|field 'avatarUrl' must be an https:// URL",
            "[]|400|the body must be an object",
            "null|400|a JSON object is required"})
    void badBodiesAre4xxNamingTheProblemAndWriteNothing(String body, int status, String detail) {
        List<Map<String, AttributeValue>> before = tableContents();
        Response response = invoke(body(body, event("create-user.json")));
        assertEquals(status, response.status(), response.toString());
        assertEquals("invalid", response.body().get("error").asText().substring(0, 7));
        assertTrue(response.body().get("details").toString().contains(detail), response.body().toString());
        assertEquals(before, tableContents());
    }

    @Test
    void everyProblemOfABodyIsReportedAtOnce() {
        Response response = invoke(body("{\"name\":\"" + "x".repeat(101) + "\",\"email\":\"nope\"}", event("create-user.json")));
        assertEquals(2, response.body().get("details").size(), response.body().toString());
    }

    @Test
    void anOversizedBodyIs413() {
        String huge = "{\"name\":\"" + "x".repeat(5000) + "\",\"email\":\"a@example.com\"}";
        Response response = invoke(body(huge, event("create-user.json")));
        assertEquals(413, response.status());
        assertEquals(List.of(), tableContents());
    }

    @Test
    void aMalformedPathIdIs400AndAnUnknownMethodIs405() {
        assertEquals(400, invoke(forUser("user 1", event("get-user.json"))).status());
        ObjectNode patch = event("update-user.json");
        patch.put("routeKey", "PATCH /users/{userId}");
        ((ObjectNode) patch.path("requestContext").path("http")).put("method", "PATCH");
        Response response = invoke(patch);
        assertEquals(405, response.status());
        assertEquals("DELETE, GET, PUT", response.headers().get("allow").asText());
    }

    @Test
    void aRequestWithoutVerifiedIdentityIs401() {
        ObjectNode event = event("create-user.json");
        ((ObjectNode) event.path("requestContext")).remove("authorizer");
        event.with("headers").put("x-user-id", "user-123");
        assertEquals(401, invoke(event).status());
        assertEquals(List.of(), tableContents());
    }

    // ---- e-mail addresses: only what the identity provider verified ----

    @Test
    void anAddressTheTokenDoesNotProveCannotBeReserved() {
        ObjectNode unverified = event("create-user.json");
        claims(unverified).remove("email_verified");
        ObjectNode refuted = event("create-user.json");
        claims(refuted).put("email_verified", "false");
        ObjectNode accessToken = event("create-user.json");
        claims(accessToken).remove(List.of("email", "email_verified", "token_use"));
        for (ObjectNode event : List.of(unverified, refuted, accessToken)) {
            Response response = invoke(event);
            assertEquals(403, response.status(), response.toString());
            assertTrue(response.body().get("details").get(0).asText().startsWith("the token carries no verified e-mail address"));
        }
        // proven: eve@example.com; asked for: ada@example.com
        Response squatting = invoke(verified("eve@example.com", event("create-user.json")));
        assertEquals(400, squatting.status());
        assertEquals(List.of(), tableContents());
        assertEquals(List.of(), published, "no welcome mail to anyone");
    }

    @Test
    void withoutAnEmailFieldTheVerifiedAddressIsStored() {
        Response response = invoke(verified("Ada@Example.com", body("{\"name\":\"Ada\"}", event("create-user.json"))));
        assertEquals(201, response.status(), response.toString());
        assertEquals("Ada@Example.com", response.body().get("email").asText());
        assertEquals("Ada@Example.com", published.get(0).data().get("email").asText());
    }

    @Test
    void aChangedAddressMustBeVerifiedToo() {
        invoke(event("create-user.json"));
        ObjectNode update = event("update-user.json");
        claims(update).put("email", "ada@example.com");
        Response response = invoke(update);
        assertEquals(400, response.status(), "the token still proves the old address only");
        assertEquals("ada@example.com", invoke(event("get-user.json")).body().get("email").asText());
    }

    @Test
    void aBodyThatIsNotJsonIs415AndWritesNothing() {
        ObjectNode event = event("create-user.json");
        event.with("headers").put("content-type", "text/plain");
        Response response = invoke(event);
        assertEquals(415, response.status());
        assertEquals("the body must be sent as content-type application/json, not 'text/plain'",
                response.body().get("details").get(0).asText());
        assertEquals(List.of(), tableContents());
    }
}
