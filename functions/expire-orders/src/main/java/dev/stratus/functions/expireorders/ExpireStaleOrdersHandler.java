package dev.stratus.functions.expireorders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of the nightly job: parses the schedule's payload, runs {@link OrderExpiry}
 * and returns and logs its {@link ExpiryResult} as one JSON line. Bad input throws an
 * {@link IllegalArgumentException} naming the problem before anything is read or written.
 */
public final class ExpireStaleOrdersHandler implements RequestStreamHandler {
    /** Stop starting updates when less than this is left of the function's timeout. */
    static final int SAFETY_MARGIN_MS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExpiryConfig config;
    private final OrderExpiry expiry;

    /** Used by Lambda: built once per execution environment, before the SnapStart snapshot. */
    public ExpireStaleOrdersHandler() {
        this(DynamoDbClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .region(Region.of(System.getenv("AWS_REGION")))
                        .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                        .build(),
                System.getenv(), Clock.systemUTC());
    }

    ExpireStaleOrdersHandler(DynamoDbClient dynamo, Map<String, String> env, Clock clock) {
        this.config = ExpiryConfig.fromEnvironment(env);
        this.expiry = new OrderExpiry(dynamo, config.tableName(), config.statusIndex(), config.pageSize(), clock);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ExpiryRequest request = ExpiryRequest.parse(input.readNBytes(ExpiryRequest.MAX_INPUT_BYTES + 1),
                config.defaultMaxPendingAge());
        ExpiryResult result = expiry.expire(request.maxPendingAge(),
                () -> context.getRemainingTimeInMillis() > SAFETY_MARGIN_MS);
        String json = JSON.writeValueAsString(result);
        context.getLogger().log(json, LogLevel.INFO);
        output.write(json.getBytes(StandardCharsets.UTF_8));
    }
}
