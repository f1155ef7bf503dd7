package dev.stratus.local.dynamodb.internal.engine;

import java.time.Instant;
import java.util.Map;

import dev.stratus.local.dynamodb.internal.value.Value;

/**
 * One change of one item, as a stream keeps it: both images are kept, and the stream's view type
 * decides what GetRecords shows.
 *
 * @param eventName INSERT, MODIFY or REMOVE
 * @param sequenceNumber increasing across the engine
 * @param oldImage null for INSERT
 * @param newImage null for REMOVE
 * @param service true when DynamoDB itself made the change (a time-to-live deletion)
 */
public record StreamRecord(String eventId, String eventName, long sequenceNumber, Instant createdAt,
                           Map<String, Value> keys, Map<String, Value> oldImage, Map<String, Value> newImage,
                           boolean service) {
}
