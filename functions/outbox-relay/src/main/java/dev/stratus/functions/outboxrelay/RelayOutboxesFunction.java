package dev.stratus.functions.outboxrelay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

import dev.stratus.functions.events.publish.EventBridgePublisher;
import dev.stratus.functions.events.publish.EventPublisher;
import dev.stratus.functions.events.publish.Outbox;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs on a schedule: publishes the events producers committed to their outbox but could not
 * publish at once. {@code OUTBOX_TABLES} lists {@code table:keyAttribute} pairs, comma-separated;
 * {@code EVENT_BUS_NAME} names the bus. Answers and logs {@code {"relayed": n, "failed": m}}.
 */
public final class RelayOutboxesFunction implements RequestStreamHandler {
    static final int BATCH = 100;

    private final List<Outbox> outboxes;

    public RelayOutboxesFunction() {
        this(dynamo(), System.getenv(), EventBridgePublisher.fromEnvironment(System.getenv()));
    }

    RelayOutboxesFunction(DynamoDbClient dynamo, Map<String, String> env, EventPublisher publisher) {
        String tables = env.get("OUTBOX_TABLES");
        if (tables == null || tables.isBlank()) {
            throw new IllegalStateException("environment variable OUTBOX_TABLES is required (table:keyAttribute, comma-separated)");
        }
        this.outboxes = new ArrayList<>();
        for (String entry : tables.split(",")) {
            String[] parts = entry.strip().split(":");
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalStateException("OUTBOX_TABLES entry '" + entry.strip() + "' is not table:keyAttribute");
            }
            outboxes.add(new Outbox(dynamo, parts[0], parts[1], publisher));
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        int relayed = 0;
        int failed = 0;
        for (Outbox outbox : outboxes) {
            Outbox.RelayResult result = outbox.relayPending(BATCH);
            relayed += result.relayed();
            failed += result.failed();
        }
        String json = "{\"relayed\":" + relayed + ",\"failed\":" + failed + "}";
        context.getLogger().log(json, failed > 0 ? LogLevel.WARN : LogLevel.INFO);
        output.write(json.getBytes(StandardCharsets.UTF_8));
    }

    private static DynamoDbClient dynamo() {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(System.getenv("AWS_REGION")))
                .build();
    }

}
