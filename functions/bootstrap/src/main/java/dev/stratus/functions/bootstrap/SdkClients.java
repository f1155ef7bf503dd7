package dev.stratus.functions.bootstrap;

import java.util.Map;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the SDK clients of a function, once per execution environment (before the SnapStart
 * snapshot): the JDK's URL-connection HTTP client (no Apache or Netty in the jar), the region
 * {@code AWS_REGION} that Lambda sets, and {@link Timeouts} on every call and attempt.
 *
 * <p>No explicit credentials provider: with SnapStart, Lambda serves credentials through the
 * container endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}), not {@code AWS_ACCESS_KEY_ID},
 * and only the default chain finds both. Nothing resolves credentials before the snapshot.
 * {@code AWS_ENDPOINT_URL_<SERVICE>} (the SDK reads it) points a client at a local engine.
 */
public final class SdkClients {
    private SdkClients() {
    }

    /** A DynamoDB client configured as above. */
    public static DynamoDbClient dynamo(Map<String, String> env, Timeouts timeouts) {
        return configure(DynamoDbClient.builder(), env, timeouts).build();
    }

    /** Applies the HTTP client, region and timeouts to any synchronous AWS client builder. */
    public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B configure(
            B builder, Map<String, String> env, Timeouts timeouts) {
        return builder
                .httpClient(UrlConnectionHttpClient.create())
                .region(region(env))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(timeouts.apiCall())
                        .apiCallAttemptTimeout(timeouts.attempt())
                        .build());
    }

    /** {@code AWS_REGION}, which Lambda always sets. */
    public static Region region(Map<String, String> env) {
        return Region.of(Env.required(env, "AWS_REGION", "Lambda sets it"));
    }
}
