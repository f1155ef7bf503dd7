package dev.stratus.functions.userevents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stratus.functions.testing.FunctionJar;
import dev.stratus.functions.testing.Tables;
import dev.stratus.local.dynamodb.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/** The shaded consumers jar in a fresh JVM writes the welcome message to the outgoing-mail table. */
class UserEventsFunctionJarIT {
    static final Path JAR = Path.of(System.getProperty("function.jar", "target/function.jar"));

    @Test
    void welcomeConsumerFromTheDeploymentJar() throws Exception {
        try (LocalDynamoDb local = LocalDynamoDb.start(); DynamoDbClient dynamo = local.client()) {
            dynamo.createTable(b -> b.tableName("mail").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Tables.stringAttribute("messageId"))
                    .keySchema(KeySchemaElement.builder().attributeName("messageId").keyType(KeyType.HASH).build()));
            String event;
            try (var in = getClass().getResourceAsStream("/events/sqs-user-created.json")) {
                event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            FunctionJar.Run run = FunctionJar.invoke(JAR, UserEventFunctions.SendWelcomeEmail.class.getName(),
                    Map.of("MAIL_TABLE_NAME", "mail", "AWS_ENDPOINT_URL_DYNAMODB", local.endpoint().toString()), event);
            assertEquals(0, run.exitCode(), run.output());
            assertEquals("{\"batchItemFailures\":[]}", run.response(), run.output());
            assertEquals(1, Tables.scanAll(dynamo, "mail", "messageId").size());
        }
    }
}
