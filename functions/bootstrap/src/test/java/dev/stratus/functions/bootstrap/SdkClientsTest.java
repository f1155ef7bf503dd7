package dev.stratus.functions.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.stratus.local.dynamodb.Fault;
import dev.stratus.local.dynamodb.LocalDynamoDb;
import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The shared bootstrap against the local DynamoDB engine: a hung downstream ends at the configured timeout. */
@ExtendWith(LocalDynamoDbExtension.class)
class SdkClientsTest {
    static final Map<String, String> ENV = Map.of("AWS_REGION", "eu-central-1");

    static DynamoDbClient client(LocalDynamoDb db, Timeouts timeouts) {
        return SdkClients.configure(DynamoDbClient.builder(), ENV, timeouts)
                .endpointOverride(db.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    @Test
    void aHungCallEndsAtTheCallTimeoutRetriesIncluded(LocalDynamoDb db) {
        db.faults().inject(Fault.delay(Duration.ofSeconds(3)).on("ListTables"));
        try (DynamoDbClient dynamo = client(db, Timeouts.of(Duration.ofMillis(600), Duration.ofMillis(250)))) {
            long start = System.nanoTime();
            SdkClientException e = assertThrows(SdkClientException.class, dynamo::listTables);
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException, e.toString());
            assertTrue(tookMs < 1_500, "took " + tookMs + " ms");
        } finally {
            db.faults().clear();
        }
    }

    @Test
    void theClientCarriesBothTimeouts() {
        try (DynamoDbClient dynamo = SdkClients.dynamo(ENV, Timeouts.of(Duration.ofSeconds(2), Duration.ofMillis(800)))) {
            var config = dynamo.serviceClientConfiguration().overrideConfiguration();
            assertEquals(Duration.ofSeconds(2), config.apiCallTimeout().orElseThrow());
            assertEquals(Duration.ofMillis(800), config.apiCallAttemptTimeout().orElseThrow());
            assertEquals("eu-central-1", dynamo.serviceClientConfiguration().region().id());
        }
    }

    @Test
    void failsWhenTheRegionOrARequiredVariableIsMissing() {
        assertEquals("environment variable AWS_REGION is required (Lambda sets it)", assertThrows(IllegalStateException.class,
                () -> SdkClients.dynamo(Map.of(), Timeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(1)))).getMessage());
        assertEquals("environment variable TABLE is required", assertThrows(IllegalStateException.class,
                () -> Env.required(Map.of("TABLE", " "), "TABLE")).getMessage());
    }

    @Test
    void failsOnTimeoutsThatCannotWork() {
        assertEquals("the attempt timeout (PT2S) must not exceed the call timeout (PT1S)", assertThrows(IllegalArgumentException.class,
                () -> Timeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(2))).getMessage());
        assertEquals("timeouts must be positive, but were apiCall PT0S, attempt PT1S", assertThrows(IllegalArgumentException.class,
                () -> Timeouts.of(Duration.ZERO, Duration.ofSeconds(1))).getMessage());
    }
}
