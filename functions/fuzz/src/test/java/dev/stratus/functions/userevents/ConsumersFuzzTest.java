package dev.stratus.functions.userevents;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import dev.stratus.functions.fuzz.FuzzHarness;
import dev.stratus.functions.fuzz.Mutator;
import dev.stratus.functions.testing.Tables;
import dev.stratus.local.dynamodb.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/** 3,000 SQS batches of mutated user.created events against both consumers. */
class ConsumersFuzzTest {
    static final int BATCHES = 1500;

    @Test
    void hostileBatchesNeverEscapeNorWriteWhenEveryRecordFailed() {
        try (LocalDynamoDb local = LocalDynamoDb.start(); DynamoDbClient dynamo = local.client()) {
            dynamo.createTable(b -> b.tableName("mail").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Tables.stringAttribute("messageId"))
                    .keySchema(KeySchemaElement.builder().attributeName("messageId").keyType(KeyType.HASH).build()));
            dynamo.createTable(b -> b.tableName("profiles").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Tables.stringAttribute("userId"))
                    .keySchema(KeySchemaElement.builder().attributeName("userId").keyType(KeyType.HASH).build()));
            UserEventFunctions.SendWelcomeEmail welcome = new UserEventFunctions.SendWelcomeEmail(
                    new TableMailbox(dynamo, "mail", Clock.systemUTC()));
            UserEventFunctions.CreateUserProfile profile = new UserEventFunctions.CreateUserProfile(
                    new UserProfiles(dynamo, "profiles", Clock.systemUTC()));
            String body = Mutator.fixture("sqs-user-created.json").path("Records").get(0).path("body").asText();
            Mutator mutator = new Mutator(FuzzHarness.SEED + 3);
            // consumers publish nothing
            FuzzHarness fuzz = new FuzzHarness(local::changeCount, () -> 0, false);
            for (int i = 0; i < BATCHES; i++) {
                fuzz.sqs("send-welcome-email", welcome, mutator.sqsEvent(body));
                fuzz.sqs("create-user-profile", profile, mutator.sqsEvent(body));
            }
            System.out.println("FUZZ consumers: " + 2 * BATCHES + " batches, outcomes " + fuzz.outcomes());
            fuzz.requireBatchMix();
            assertTrue(fuzz.failures().isEmpty(), String.join("\n", fuzz.failures()));
        }
    }
}
