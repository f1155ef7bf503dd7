package dev.stratus.functions.users;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.functions.events.publish.Outbox;
import dev.stratus.functions.fuzz.FuzzHarness;
import dev.stratus.functions.fuzz.Mutator;
import dev.stratus.functions.testing.Tables;
import dev.stratus.local.dynamodb.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/** 3,000 mutated API Gateway events against the users service on the local DynamoDB engine. */
class UsersFuzzTest {
    static final int PER_ROUTE = 750;

    @Test
    void hostileEventsNeverYield5xxNorWriteWhenRejected() {
        try (LocalDynamoDb local = LocalDynamoDb.start(); DynamoDbClient dynamo = local.client()) {
            dynamo.createTable(b -> b.tableName("users").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Tables.stringAttribute("pk"), Tables.stringAttribute("outbox"),
                            Tables.stringAttribute("eventTime"))
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(Outbox.INDEX)
                            .keySchema(KeySchemaElement.builder().attributeName("outbox").keyType(KeyType.HASH).build(),
                                    KeySchemaElement.builder().attributeName("eventTime").keyType(KeyType.RANGE).build())
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
            AtomicInteger published = new AtomicInteger();
            UsersFunction function = new UsersFunction(dynamo, Map.of("USERS_TABLE_NAME", "users"), Clock.systemUTC(),
                    event -> published.incrementAndGet(), new dev.stratus.functions.testing.FakeContext(10_000).getLogger());
            Mutator mutator = new Mutator(FuzzHarness.SEED);
            FuzzHarness fuzz = new FuzzHarness(local::changeCount, published::get, false);
            function.handleRequest(new java.io.ByteArrayInputStream(Mutator.fixture("create-user.json").toString().getBytes()),
                    new java.io.ByteArrayOutputStream(), new dev.stratus.functions.testing.FakeContext(10_000));
            for (String fixture : List.of("create-user.json", "get-user.json", "update-user.json", "delete-user.json")) {
                ObjectNode base = Mutator.fixture(fixture);
                for (int i = 0; i < PER_ROUTE; i++) {
                    // a new caller and address per create, or every create after the first is a 409
                    ObjectNode event = fixture.equals("create-user.json") ? newCaller(base, "fuzz-" + i) : base;
                    fuzz.http(fixture, function, mutator.httpEvent(event));
                }
            }
            System.out.println("FUZZ users: " + 4 * PER_ROUTE + " events, outcomes " + fuzz.outcomes());
            fuzz.requireHttpMix();
            assertTrue(fuzz.failures().isEmpty(), String.join("\n", fuzz.failures()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The create-user fixture for another caller, with that caller's own e-mail address. */
    static ObjectNode newCaller(ObjectNode base, String userId) throws java.io.IOException {
        ObjectNode event = base.deepCopy();
        ObjectNode claims = (ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims");
        claims.put("sub", userId).put("cognito:username", userId).put("email", userId + "@example.com");
        ObjectNode body = (ObjectNode) Mutator.JSON.readTree(event.path("body").asText());
        body.put("email", userId + "@example.com");
        event.put("body", Mutator.JSON.writeValueAsString(body));
        return event;
    }
}
