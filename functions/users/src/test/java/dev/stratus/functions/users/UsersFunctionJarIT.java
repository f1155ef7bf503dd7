package dev.stratus.functions.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stratus.functions.testing.FunctionJar;
import dev.stratus.functions.testing.Tables;
import dev.stratus.local.dynamodb.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The shaded users jar, alone in a fresh JVM and configured by environment only, creates and reads a user. */
class UsersFunctionJarIT {
    static final Path JAR = Path.of(System.getProperty("function.jar", "target/function.jar"));

    @Test
    void createsAndReadsAUserFromTheDeploymentJar() throws Exception {
        try (LocalDynamoDb local = LocalDynamoDb.start(); DynamoDbClient dynamo = local.client()) {
            UsersFunctionTest.createUsersTable(dynamo, "users");
            // no EventBridge here: a closed local port makes the publish fail, so the event must stay in the outbox
            Map<String, String> env = Map.of("USERS_TABLE_NAME", "users", "AWS_ENDPOINT_URL_DYNAMODB", local.endpoint().toString(),
                    "EVENT_BUS_NAME", "stratus-test", "AWS_ENDPOINT_URL_EVENTBRIDGE", "http://127.0.0.1:9");
            String handler = UsersFunction.class.getName();
            FunctionJar.Run created = FunctionJar.invoke(JAR, handler, env, fixture("create-user.json"));
            assertEquals(0, created.exitCode(), created.output());
            assertTrue(created.response().contains("\"statusCode\":201"), created.output());
            FunctionJar.Run read = FunctionJar.invoke(JAR, handler, env, fixture("get-user.json"));
            assertTrue(read.response().contains("\"statusCode\":200") && read.response().contains("ada@example.com"), read.output());
            long pending = Tables.scanAll(dynamo, "users", "pk").stream().filter(i -> i.get("pk").s().startsWith("EVENT#")).count();
            assertEquals(1, pending, "the user.created event waits in the outbox");
            System.out.println("users function.jar ran on " + read.java());
        }
    }

    static String fixture(String name) throws Exception {
        try (var in = UsersFunctionJarIT.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
