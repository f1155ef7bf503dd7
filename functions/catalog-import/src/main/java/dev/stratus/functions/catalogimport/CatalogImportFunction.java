package dev.stratus.functions.catalogimport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.stratus.functions.bootstrap.Env;
import dev.stratus.functions.bootstrap.SdkClients;
import dev.stratus.functions.bootstrap.Timeouts;
import dev.stratus.functions.telemetry.CorrelationId;
import dev.stratus.functions.telemetry.JsonLog;
import dev.stratus.functions.telemetry.Metrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Lambda edge of the catalog import: an SQS batch of S3 "Object Created" events (as EventBridge
 * delivers them, through the FileIngest queue), each imported on its own ({@link CatalogImport});
 * answers {@code {"batchItemFailures": [...]}} with the messages that failed — only failures of S3 or
 * DynamoDB, or a message that is no S3 event (it then reaches the DLQ after maxReceiveCount). A bad
 * file is no failure: it gets its report.
 *
 * <p>Environment: {@code PRODUCTS_TABLE_NAME}. Each record is logged as a JSON line ({@link JsonLog},
 * correlation id: the S3 event's id); each report written is counted: {@code RowsImported},
 * {@code RowsRejected}, {@code FilesRejected} (EMF, {@code Service} = catalog-import).
 */
public final class CatalogImportFunction implements RequestStreamHandler {
    static final Timeouts TIMEOUTS = Timeouts.of(Duration.ofSeconds(30), Duration.ofSeconds(15));
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Business metrics per imported or refused file, namespace {@link Metrics#NAMESPACE}, dimension {@code Service}. */
    static final String ROWS_IMPORTED = "RowsImported";
    static final String ROWS_REJECTED = "RowsRejected";
    static final String FILES_REJECTED = "FilesRejected";
    static final Map<String, String> DIMENSIONS = Map.of("Service", "catalog-import");

    private final CatalogImport catalogImport;
    private final Metrics metrics;

    public CatalogImportFunction() {
        this(SdkClients.configure(S3Client.builder(), System.getenv(), TIMEOUTS).build(),
                SdkClients.dynamo(System.getenv(), TIMEOUTS), System.getenv(), Metrics.toStandardOutput(Metrics.NAMESPACE));
    }

    CatalogImportFunction(S3Client s3, DynamoDbClient dynamo, Map<String, String> env, Metrics metrics) {
        this.catalogImport = new CatalogImport(s3, dynamo, Env.required(env, "PRODUCTS_TABLE_NAME"), Clock.systemUTC());
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode batch;
        try {
            batch = JSON.readTree(input);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the invocation is not an SQS event (not JSON)");
        }
        JsonNode records = batch == null ? null : batch.get("Records");
        if (records == null || !records.isArray()) {
            throw new IllegalArgumentException("the invocation is not an SQS event (no Records array)");
        }
        List<Map<String, String>> failures = new ArrayList<>();
        JsonLog log = new JsonLog(context.getLogger());
        for (JsonNode record : records) {
            String messageId = record.path("messageId").asText("");
            if (messageId.isBlank()) {
                throw new IllegalArgumentException("a record has no messageId: not an SQS event");
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("messageId", messageId);
            // an upload comes from no API request: the S3 event's own id (EventBridge's) correlates its lines
            String correlationId = messageId;
            try {
                JsonNode event = JSON.readTree(record.path("body").asText(""));
                if (event != null && event.path("id").isTextual()) {
                    correlationId = CorrelationId.orElse(event.get("id").asText(), messageId);
                }
                JsonNode object = event == null ? null : event.path("detail").path("object");
                String bucket = event == null ? "" : event.path("detail").path("bucket").path("name").asText("");
                if (object == null || !object.path("key").isTextual() || bucket.isBlank()) {
                    throw new IllegalArgumentException("the message is not an S3 Object Created event (no detail.bucket.name or detail.object.key)");
                }
                String key = object.get("key").asText();
                CatalogImport.Result result = catalogImport.importFile(bucket, key,
                        object.path("version-id").isTextual() ? object.get("version-id").asText() : null,
                        object.path("etag").isTextual() ? object.get("etag").asText() : null);
                line.put("key", key);
                line.put("outcome", result.outcome().name());
                if (result.report() != null) {
                    line.put("status", result.report().status());
                    line.put("imported", result.report().imported());
                    line.put("rejected", result.report().rejectedCount());
                    line.put("report", result.reportKey());
                    metrics.emit(DIMENSIONS, List.of(Metrics.Metric.count(ROWS_IMPORTED, result.report().imported()),
                            Metrics.Metric.count(ROWS_REJECTED, result.report().rejectedCount()),
                            Metrics.Metric.count(FILES_REJECTED, "REJECTED".equals(result.report().status()) ? 1 : 0)));
                }
                log.info("file handled", correlationId, line);
            } catch (RuntimeException | JsonProcessingException e) {
                failures.add(Map.of("itemIdentifier", messageId));
                line.put("receiveCount", record.path("attributes").path("ApproximateReceiveCount").asText("?"));
                line.put("failure", e.getClass().getSimpleName() + ": " + e.getMessage());
                log.error("file failed", correlationId, line);
            }
        }
        output.write(JSON.writeValueAsBytes(Map.of("batchItemFailures", failures)));
    }
}
