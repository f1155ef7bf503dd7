package dev.stratus.functions.users;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

import dev.stratus.functions.events.publish.EventPublisher;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs on a schedule: publishes the events the users service committed but could not publish at
 * once (see {@link Outbox}). Answers and logs {@code {"relayed": n, "failed": m}}.
 */
public final class RelayPendingEventsFunction implements RequestStreamHandler {
    static final int BATCH = 100;

    private final Outbox outbox;

    public RelayPendingEventsFunction() {
        this(UsersFunction.dynamo(System.getenv()), System.getenv(), UsersFunction.publisher(System.getenv()));
    }

    RelayPendingEventsFunction(DynamoDbClient dynamo, Map<String, String> env, EventPublisher publisher) {
        this.outbox = new Outbox(dynamo, UsersFunction.required(env, "USERS_TABLE_NAME"), publisher);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Outbox.RelayResult result = outbox.relayPending(BATCH);
        String json = "{\"relayed\":" + result.relayed() + ",\"failed\":" + result.failed() + "}";
        context.getLogger().log(json, result.failed() > 0 ? LogLevel.WARN : LogLevel.INFO);
        output.write(json.getBytes(StandardCharsets.UTF_8));
    }
}
