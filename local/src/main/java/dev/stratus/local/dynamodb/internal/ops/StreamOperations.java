package dev.stratus.local.dynamodb.internal.ops;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.engine.Engine;
import dev.stratus.local.dynamodb.internal.engine.StreamLog;
import dev.stratus.local.dynamodb.internal.engine.StreamRecord;
import dev.stratus.local.dynamodb.internal.value.AttributeValues;
import dev.stratus.local.dynamodb.internal.value.Values;

/**
 * DynamoDB Streams: ListStreams, DescribeStream, GetShardIterator and GetRecords (Amazon DynamoDB
 * Streams API Reference). Each stream has one shard, closed when the stream is disabled or its
 * table deleted. Records are kept 24 hours by the engine clock (trimmed when a stream is read) and
 * disabled streams are listed for 24 hours after they were disabled; shard iterators expire 15
 * minutes after they were issued.
 *
 * <p>A shard iterator is a self-contained token: the stream, the shard, the position (the sequence
 * number after which reading continues) and the time it was issued, with a checksum. The engine
 * keeps no per-iterator state.
 */
final class StreamOperations {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final Duration RETENTION = Duration.ofHours(24);
    static final Duration ITERATOR_LIFETIME = Duration.ofMinutes(15);
    /** GetRecords returns at most 1 MB of records (and at most Limit of them). */
    private static final long MAX_RESPONSE_BYTES = 1024 * 1024;
    private static final List<String> ITERATOR_TYPES = List.of("TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER",
            "AFTER_SEQUENCE_NUMBER");
    private static final Pattern STREAM_ARN =
            Pattern.compile("arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[a-zA-Z0-9_.-]{3,255}/stream/.+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final String ITERATOR_VERSION = "1";
    private static final String SERVICE_PRINCIPAL = "dynamodb.amazonaws.com";

    private StreamOperations() {
    }

    static JsonNode listStreams(Engine engine, Request request) {
        request.allowOnly(Set.of("TableName", "Limit", "ExclusiveStartStreamArn"));
        String tableName = request.string("TableName");
        if (tableName != null) {
            request.validateTableName(tableName, "tableName");
        }
        int limit = limit(request, 100);
        String start = request.string("ExclusiveStartStreamArn");
        if (start != null) {
            streamArnLength(request, start, "exclusiveStartStreamArn");
        }
        request.check();
        if (start != null && !STREAM_ARN.matcher(start).matches()) {
            throw ApiException.validation("Invalid ExclusiveStartStreamArn: " + start);
        }
        // ordered by ARN: by table name, then by creation time (labels are timestamps)
        TreeMap<String, StreamLog> streams = engine.streams(RETENTION);
        ObjectNode response = JSON.objectNode();
        ArrayNode out = response.putArray("Streams");
        Map<String, StreamLog> after = start == null ? streams : streams.tailMap(start, false);
        String last = null;
        for (StreamLog log : after.values()) {
            if (tableName != null && !tableName.equals(log.tableName())) {
                continue;
            }
            if (out.size() == limit) {
                response.put("LastEvaluatedStreamArn", last);
                break;
            }
            out.addObject().put("StreamArn", log.arn()).put("TableName", log.tableName()).put("StreamLabel", log.label());
            last = log.arn();
        }
        return response;
    }

    static JsonNode describeStream(Engine engine, Request request) {
        request.allowOnly(Set.of("StreamArn", "Limit", "ExclusiveStartShardId"));
        String arn = streamArn(request);
        int limit = limit(request, 100);
        String startShard = request.string("ExclusiveStartShardId");
        if (startShard != null) {
            shardIdLength(request, startShard, "exclusiveStartShardId");
        }
        request.check();
        StreamLog log = stream(engine, arn);
        log.trimBefore(engine.clock().now().minus(RETENTION));
        StreamLog.Bounds bounds = log.bounds();

        ObjectNode response = JSON.objectNode();
        ObjectNode description = response.putObject("StreamDescription");
        description.put("StreamArn", log.arn());
        description.put("StreamLabel", log.label());
        description.put("StreamStatus", log.enabled() ? "ENABLED" : "DISABLED");
        description.put("StreamViewType", log.viewType());
        description.put("CreationRequestDateTime", epochSeconds(log.createdAt()));
        description.put("TableName", log.tableName());
        ArrayNode keySchema = description.putArray("KeySchema");
        keySchema.addObject().put("AttributeName", log.partitionKey().name()).put("KeyType", "HASH");
        if (log.sortKey() != null) {
            keySchema.addObject().put("AttributeName", log.sortKey().name()).put("KeyType", "RANGE");
        }
        // one shard per stream; shards are listed in shard id order, after ExclusiveStartShardId
        ArrayNode shards = description.putArray("Shards");
        List<String> shardIds = List.of(log.shardId());
        int shown = 0;
        for (String shardId : shardIds) {
            if (startShard != null && shardId.compareTo(startShard) <= 0) {
                continue;
            }
            if (shown == limit) {
                description.put("LastEvaluatedShardId", shards.get(shown - 1).get("ShardId").textValue());
                break;
            }
            ObjectNode shard = shards.addObject();
            shard.put("ShardId", shardId);
            ObjectNode range = shard.putObject("SequenceNumberRange");
            range.put("StartingSequenceNumber", sequenceNumber(bounds.starting()));
            if (bounds.closed()) {
                range.put("EndingSequenceNumber", sequenceNumber(bounds.last()));
            }
            shown++;
        }
        return response;
    }

    static JsonNode getShardIterator(Engine engine, Request request) {
        request.allowOnly(Set.of("StreamArn", "ShardId", "ShardIteratorType", "SequenceNumber"));
        String arn = streamArn(request);
        String shardId = request.string("ShardId");
        if (shardId == null) {
            request.violation(null, "shardId", "Member must not be null");
        } else {
            shardIdLength(request, shardId, "shardId");
        }
        String type = request.string("ShardIteratorType");
        if (type == null) {
            request.violation(null, "shardIteratorType", "Member must not be null");
        } else if (!ITERATOR_TYPES.contains(type)) {
            request.violation(type, "shardIteratorType", "Member must satisfy enum value set: " + ITERATOR_TYPES);
        }
        String sequence = request.string("SequenceNumber");
        if (sequence != null && (sequence.length() < 21 || sequence.length() > 40)) {
            request.violation(sequence, "sequenceNumber", "Member must have length "
                    + (sequence.length() < 21 ? "greater than or equal to 21" : "less than or equal to 40"));
        }
        request.check();
        boolean bySequence = type.endsWith("_SEQUENCE_NUMBER");
        if (bySequence && sequence == null) {
            throw ApiException.validation("SequenceNumber is required when ShardIteratorType is " + type);
        }
        if (!bySequence && sequence != null) {
            throw ApiException.validation("SequenceNumber must not be given when ShardIteratorType is " + type);
        }
        if (sequence != null && !DIGITS.matcher(sequence).matches()) {
            throw ApiException.validation("Invalid SequenceNumber: " + sequence + " (a sequence number is a string of digits)");
        }

        StreamLog log = stream(engine, arn);
        if (!log.shardId().equals(shardId)) {
            throw ApiException.resourceNotFound("Requested resource not found: Shard: " + shardId + " in Stream: " + arn
                    + " not found");
        }
        Instant now = engine.clock().now();
        log.trimBefore(now.minus(RETENTION));
        StreamLog.Bounds bounds = log.bounds();
        long position;
        switch (type) {
            case "TRIM_HORIZON":
                position = bounds.trimmedThrough();
                break;
            case "LATEST":
                position = bounds.last();
                break;
            default:
                BigInteger number = new BigInteger(sequence);
                if (number.compareTo(BigInteger.valueOf(bounds.starting())) < 0
                        || number.compareTo(BigInteger.valueOf(bounds.last())) > 0) {
                    throw ApiException.validation("Invalid SequenceNumber: " + sequence + " is not in shard " + shardId
                            + ", whose sequence numbers run from " + sequenceNumber(bounds.starting()) + " to "
                            + sequenceNumber(bounds.last()));
                }
                position = "AT_SEQUENCE_NUMBER".equals(type) ? number.longValueExact() - 1 : number.longValueExact();
                if (position < bounds.trimmedThrough()) {
                    throw trimmed("Sequence number " + sequence + " of shard " + shardId + " is before the oldest record "
                            + "retained: records older than 24 hours were trimmed from the stream");
                }
        }
        ObjectNode response = JSON.objectNode();
        response.put("ShardIterator", ShardIterator.encode(new ShardIterator(log.arn(), shardId, position, now)));
        return response;
    }

    static JsonNode getRecords(Engine engine, Request request) {
        request.allowOnly(Set.of("ShardIterator", "Limit"));
        String token = request.string("ShardIterator");
        if (token == null) {
            request.violation(null, "shardIterator", "Member must not be null");
        } else if (token.isEmpty() || token.length() > 2048) {
            request.violation(token, "shardIterator", "Member must have length "
                    + (token.isEmpty() ? "greater than or equal to 1" : "less than or equal to 2048"));
        }
        int limit = limit(request, 1000);
        request.check();
        ShardIterator iterator = ShardIterator.decode(token);
        Instant now = engine.clock().now();
        if (!now.isBefore(iterator.issuedAt().plus(ITERATOR_LIFETIME))) {
            throw new ApiException("ExpiredIteratorException", 400, "Iterator expired. The iterator was created at time "
                    + iterator.issuedAt() + " while right now it's " + now + "; shard iterators expire 15 minutes after "
                    + "they are issued");
        }
        StreamLog log = stream(engine, iterator.streamArn());
        if (!log.shardId().equals(iterator.shardId())) {
            throw ApiException.resourceNotFound("Requested resource not found: Shard: " + iterator.shardId() + " in Stream: "
                    + iterator.streamArn() + " not found");
        }
        log.trimBefore(now.minus(RETENTION));
        String viewType = log.viewType();
        StreamLog.Slice slice = log.read(iterator.position(), limit, MAX_RESPONSE_BYTES, record -> sizeBytes(record, viewType));
        if (iterator.position() < slice.bounds().trimmedThrough()) {
            throw trimmed("The shard iterator points at records that were trimmed: records older than 24 hours are "
                    + "removed from the stream; get a new iterator (TRIM_HORIZON reads from the oldest record retained)");
        }
        ObjectNode response = JSON.objectNode();
        ArrayNode records = response.putArray("Records");
        for (StreamRecord record : slice.records()) {
            records.add(record(engine, record, viewType));
        }
        if (!(slice.bounds().closed() && !slice.more())) {
            response.put("NextShardIterator", ShardIterator.encode(new ShardIterator(iterator.streamArn(), iterator.shardId(),
                    slice.position(), now)));
        }
        return response;
    }

    private static ObjectNode record(Engine engine, StreamRecord record, String viewType) {
        ObjectNode node = JSON.objectNode();
        node.put("eventID", record.eventId());
        node.put("eventName", record.eventName());
        node.put("eventVersion", "1.1");
        node.put("eventSource", "aws:dynamodb");
        node.put("awsRegion", engine.region());
        ObjectNode dynamodb = node.putObject("dynamodb");
        // DynamoDB Streams gives the creation time rounded down to the second
        dynamodb.put("ApproximateCreationDateTime", record.createdAt().getEpochSecond());
        dynamodb.set("Keys", AttributeValues.toJson(record.keys()));
        if (showsNew(viewType) && record.newImage() != null) {
            dynamodb.set("NewImage", AttributeValues.toJson(record.newImage()));
        }
        if (showsOld(viewType) && record.oldImage() != null) {
            dynamodb.set("OldImage", AttributeValues.toJson(record.oldImage()));
        }
        dynamodb.put("SequenceNumber", sequenceNumber(record.sequenceNumber()));
        dynamodb.put("SizeBytes", sizeBytes(record, viewType));
        dynamodb.put("StreamViewType", viewType);
        if (record.service()) {
            node.putObject("userIdentity").put("PrincipalId", SERVICE_PRINCIPAL).put("Type", "Service");
        }
        return node;
    }

    private static boolean showsNew(String viewType) {
        return "NEW_IMAGE".equals(viewType) || "NEW_AND_OLD_IMAGES".equals(viewType);
    }

    private static boolean showsOld(String viewType) {
        return "OLD_IMAGE".equals(viewType) || "NEW_AND_OLD_IMAGES".equals(viewType);
    }

    /** The size of what the record shows: its keys and the images its view type includes. */
    static long sizeBytes(StreamRecord record, String viewType) {
        long size = Values.itemSize(record.keys());
        if (showsNew(viewType) && record.newImage() != null) {
            size += Values.itemSize(record.newImage());
        }
        if (showsOld(viewType) && record.oldImage() != null) {
            size += Values.itemSize(record.oldImage());
        }
        return size;
    }

    /** Sequence numbers on the wire: strings of 21 digits (the API takes 21 to 40), in numeric and string order alike. */
    static String sequenceNumber(long number) {
        return String.format("%021d", number);
    }

    private static ApiException trimmed(String message) {
        return new ApiException("TrimmedDataAccessException", 400, message);
    }

    private static BigDecimal epochSeconds(Instant at) {
        return BigDecimal.valueOf(at.toEpochMilli()).movePointLeft(3);
    }

    /** The stream named by a retained ARN, or ResourceNotFoundException. */
    private static StreamLog stream(Engine engine, String arn) {
        StreamLog log = engine.findStream(arn, RETENTION);
        if (log == null) {
            throw ApiException.resourceNotFound("Requested resource not found: Stream: " + arn + " not found");
        }
        return log;
    }

    /** Checks the StreamArn member (after {@link Request#check()}, also its form) and returns it. */
    private static String streamArn(Request request) {
        String arn = request.string("StreamArn");
        if (arn == null) {
            request.violation(null, "streamArn", "Member must not be null");
            request.check();
        }
        streamArnLength(request, arn, "streamArn");
        request.check();
        if (!STREAM_ARN.matcher(arn).matches()) {
            throw ApiException.validation("Invalid StreamArn: " + arn);
        }
        return arn;
    }

    private static void streamArnLength(Request request, String arn, String path) {
        if (arn.length() < 37) {
            request.violation(arn, path, "Member must have length greater than or equal to 37");
        } else if (arn.length() > 1024) {
            request.violation(arn, path, "Member must have length less than or equal to 1024");
        }
    }

    private static void shardIdLength(Request request, String shardId, String path) {
        if (shardId.length() < 28) {
            request.violation(shardId, path, "Member must have length greater than or equal to 28");
        } else if (shardId.length() > 65) {
            request.violation(shardId, path, "Member must have length less than or equal to 65");
        }
    }

    /** The Limit member, 1 to {@code max}; {@code max} when absent. */
    private static int limit(Request request, int max) {
        Long limit = request.number("Limit");
        if (limit == null) {
            return max;
        }
        if (limit < 1) {
            request.violation(limit, "limit", "Member must have value greater than or equal to 1");
        } else if (limit > max) {
            request.violation(limit, "limit", "Member must have value less than or equal to " + max);
        }
        return (int) Math.max(1, Math.min(max, limit));
    }

    /** A shard iterator's content; see the class comment. */
    record ShardIterator(String streamArn, String shardId, long position, Instant issuedAt) {
        static String encode(ShardIterator iterator) {
            String payload = String.join("|", ITERATOR_VERSION, Long.toString(iterator.issuedAt().toEpochMilli()),
                    Long.toString(iterator.position()), iterator.shardId(), iterator.streamArn());
            byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "." + checksum(bytes);
        }

        static ShardIterator decode(String token) {
            try {
                int dot = token.lastIndexOf('.');
                if (dot > 0) {
                    byte[] bytes = Base64.getUrlDecoder().decode(token.substring(0, dot));
                    if (checksum(bytes).equals(token.substring(dot + 1))) {
                        String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\\|", 5);
                        if (parts.length == 5 && ITERATOR_VERSION.equals(parts[0])) {
                            return new ShardIterator(parts[4], parts[3], Long.parseLong(parts[2]),
                                    Instant.ofEpochMilli(Long.parseLong(parts[1])));
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                // not one of ours: answered below
            }
            throw ApiException.validation("Invalid ShardIterator: it is not a shard iterator that GetShardIterator or "
                    + "GetRecords returned");
        }

        private static String checksum(byte[] bytes) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            return Long.toHexString(crc.getValue());
        }
    }
}
