package dev.stratus.functions.orderstats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.functions.testing.FakeContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What Lambda's event source mapping does with a DynamoDB stream, on the local engine's real
 * DynamoDB Streams API: GetRecords batches from the shard, each turned into the Lambda event JSON
 * (the {@code Records} array Lambda sends), the handler's {@code batchItemFailures} honoured by
 * retrying from the first failed record, and a record still failing after {@code retryAttempts}
 * retries sent to the "failure queue" (a list here) so the shard moves on. No bisection: the handler
 * reports the failed record itself, which is what bisection would find.
 */
final class StreamPoller {
    static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final RequestStreamHandler handler;
    private final int batchSize;
    private final int retryAttempts;
    private String position;
    final List<Record> failureQueue = new ArrayList<>();
    final List<Record> delivered = new ArrayList<>();
    int invocations;
    final FakeContext context = new FakeContext(60_000);

    StreamPoller(DynamoDbStreamsClient streams, String streamArn, RequestStreamHandler handler, int batchSize, int retryAttempts) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.handler = handler;
        this.batchSize = batchSize;
        this.retryAttempts = retryAttempts;
    }

    /** Every record not processed yet, in batches; returns the records read. */
    int drain() {
        String shard = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
        int read = 0;
        while (true) {
            String from = position;
            String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard)
                    .shardIteratorType(from == null ? ShardIteratorType.TRIM_HORIZON : ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .sequenceNumber(from)).shardIterator();
            List<Record> batch = new ArrayList<>(streams.getRecords(b -> b.shardIterator(iterator).limit(batchSize)).records());
            if (batch.isEmpty()) {
                return read;
            }
            read += batch.size();
            int attempts = 0;
            while (!batch.isEmpty()) {
                String failed = invoke(batch);
                if (failed == null) {
                    position = batch.get(batch.size() - 1).dynamodb().sequenceNumber();
                    break;
                }
                int at = indexOf(batch, failed);
                if (at > 0) {
                    position = batch.get(at - 1).dynamodb().sequenceNumber();
                    batch = new ArrayList<>(batch.subList(at, batch.size()));
                    attempts = 0;
                }
                if (++attempts > retryAttempts) {
                    failureQueue.add(batch.get(0));
                    position = batch.get(0).dynamodb().sequenceNumber();
                    batch = new ArrayList<>(batch.subList(1, batch.size()));
                    attempts = 0;
                }
            }
        }
    }

    private static int indexOf(List<Record> batch, String sequence) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).dynamodb().sequenceNumber().equals(sequence)) {
                return i;
            }
        }
        throw new AssertionError("batchItemFailures names " + sequence + ", which is not in the batch");
    }

    /** Invokes the handler with {@code batch}; the first failed sequence number, or null. */
    String invoke(List<Record> batch) {
        invocations++;
        delivered.addAll(batch);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(lambdaEvent(batch).getBytes(java.nio.charset.StandardCharsets.UTF_8)), out, context);
            JsonNode failures = JSON.readTree(out.toByteArray()).get("batchItemFailures");
            return failures.isEmpty() ? null : failures.get(0).get("itemIdentifier").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event Lambda sends for {@code records}: the DynamoDB Streams records in Lambda's JSON shape. */
    String lambdaEvent(List<Record> records) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        for (Record r : records) {
            ObjectNode record = array.addObject();
            record.put("eventID", r.eventID());
            record.put("eventName", r.eventNameAsString());
            record.put("eventVersion", r.eventVersion());
            record.put("eventSource", r.eventSource());
            record.put("awsRegion", r.awsRegion());
            ObjectNode stream = record.putObject("dynamodb");
            stream.put("ApproximateCreationDateTime", r.dynamodb().approximateCreationDateTime().getEpochSecond());
            stream.set("Keys", item(r.dynamodb().keys()));
            if (r.dynamodb().hasNewImage()) {
                stream.set("NewImage", item(r.dynamodb().newImage()));
            }
            if (r.dynamodb().hasOldImage()) {
                stream.set("OldImage", item(r.dynamodb().oldImage()));
            }
            stream.put("SequenceNumber", r.dynamodb().sequenceNumber());
            stream.put("SizeBytes", r.dynamodb().sizeBytes());
            stream.put("StreamViewType", r.dynamodb().streamViewTypeAsString());
            record.put("eventSourceARN", streamArn);
        }
        try {
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode node = JSON.createObjectNode();
        item.forEach((name, value) -> node.set(name, value(value)));
        return node;
    }

    static ObjectNode value(AttributeValue v) {
        ObjectNode node = JSON.createObjectNode();
        switch (v.type()) {
            case S -> node.put("S", v.s());
            case N -> node.put("N", v.n());
            case B -> node.put("B", base64(v.b()));
            case BOOL -> node.put("BOOL", v.bool());
            case NUL -> node.put("NULL", true);
            case SS -> v.ss().forEach(node.putArray("SS")::add);
            case NS -> v.ns().forEach(node.putArray("NS")::add);
            case BS -> v.bs().forEach(b -> node.withArray("BS").add(base64(b)));
            case M -> node.set("M", item(v.m()));
            case L -> {
                ArrayNode list = node.putArray("L");
                v.l().forEach(e -> list.add(value(e)));
            }
            default -> throw new IllegalArgumentException("unknown attribute type of " + v);
        }
        return node;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
