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
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.stratus.functions.bootstrap.SdkClients;
import dev.stratus.functions.bootstrap.Timeouts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of the nightly job: parses the schedule's payload, runs {@link OrderExpiry}
 * and returns and logs its {@link ExpiryResult} as one JSON line. Bad input throws an
 * {@link IllegalArgumentException} naming the problem before anything is read or written.
 */
public final class ExpireStaleOrdersHandler implements RequestStreamHandler {
    /** Stop starting updates when less than this is left of the function's timeout. */
    static final int SAFETY_MARGIN_MS = 10_000;
    /** A nightly batch job: patient per call, but never hung past a few seconds. */
    static final Timeouts TIMEOUTS = Timeouts.of(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(2));
    private static final ObjectWriter JSON = JsonMapper.builder().build().writer();

    private final ExpiryConfig config;
    private final OrderExpiry expiry;

    /**
     * Used by Lambda: built once per execution environment, before the SnapStart snapshot. The
     * environment is checked before the client is built, so a missing variable is what is reported.
     */
    public ExpireStaleOrdersHandler() {
        this(ExpiryConfig.fromEnvironment(System.getenv()), dynamoClient(System.getenv()), Clock.systemUTC());
    }

    /** For tests: a client of their own (DynamoDB Local), the environment as a map, a fixed clock. */
    ExpireStaleOrdersHandler(DynamoDbClient dynamo, Map<String, String> env, Clock clock) {
        this(ExpiryConfig.fromEnvironment(env), dynamo, clock);
    }

    private ExpireStaleOrdersHandler(ExpiryConfig config, DynamoDbClient dynamo, Clock clock) {
        this.config = config;
        this.expiry = new OrderExpiry(dynamo, config.tableName(), config.statusIndex(), config.pageSize(), clock);
    }

    /** The client of {@link SdkClients}: URL-connection HTTP client, {@code AWS_REGION}, {@link #TIMEOUTS}. */
    static DynamoDbClient dynamoClient(Map<String, String> env) {
        return SdkClients.dynamo(env, TIMEOUTS);
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
