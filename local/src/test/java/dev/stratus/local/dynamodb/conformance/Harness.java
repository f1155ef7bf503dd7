package dev.stratus.local.dynamodb.conformance;

import java.util.function.Consumer;

import dev.stratus.local.dynamodb.LocalDynamoDb;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * One engine and the SDK clients that talk to it: each test class starts one in {@code @BeforeAll}
 * and closes it in {@code @AfterAll}. The clients use the URL-connection HTTP client and do not
 * retry, so that every outcome is the engine's first answer.
 */
final class Harness implements AutoCloseable {
    final LocalDynamoDb db;
    final DynamoDbClient ddb;
    final DynamoDbStreamsClient streams;

    private Harness(LocalDynamoDb db) {
        this.db = db;
        this.ddb = client(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        this.streams = db.streamsClientBuilder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static Harness start() {
        return new Harness(LocalDynamoDb.start());
    }

    /** A further client with its own override configuration (retry strategy, timeouts). */
    DynamoDbClient client(Consumer<ClientOverrideConfiguration.Builder> overrides) {
        return db.clientBuilder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(overrides)
                .build();
    }

    @Override
    public void close() {
        try {
            ddb.close();
            streams.close();
        } finally {
            db.close();
        }
    }
}
