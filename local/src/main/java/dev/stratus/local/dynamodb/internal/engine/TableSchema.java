package dev.stratus.local.dynamodb.internal.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.stratus.local.dynamodb.internal.value.Value;

/**
 * What a table is: immutable; UpdateTable and UpdateTimeToLive swap in a new one.
 *
 * @param sortKey null for a table with a partition key only
 * @param attributeDefinitions every attribute used in the table's and indexes' key schemas
 * @param billingMode PAY_PER_REQUEST or PROVISIONED
 * @param streamViewType null when no stream is enabled
 * @param streamLabel the current stream's label (also kept after the stream was disabled), or null
 * @param ttlAttribute the time-to-live attribute, or null when disabled
 * @param sseKmsKeyArn the KMS key of SSESpecification, or null
 * @param extras descriptive fields echoed by DescribeTable (TableClass, SSE), by wire name
 */
public record TableSchema(String name, String arn, String tableId, Instant createdAt, KeyDef partitionKey, KeyDef sortKey,
                          Map<String, Value.Type> attributeDefinitions, String billingMode, long readCapacity, long writeCapacity,
                          List<IndexSchema> globalIndexes, List<IndexSchema> localIndexes, String streamViewType, String streamLabel,
                          String ttlAttribute, boolean deletionProtection, String tableClass, String sseKmsKeyArn,
                          Map<String, String> tags) {
    public TableSchema {
        attributeDefinitions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributeDefinitions));
        globalIndexes = List.copyOf(globalIndexes);
        localIndexes = List.copyOf(localIndexes);
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** The table's own key attribute names. */
    public Set<String> keyAttributes() {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(partitionKey.name());
        if (sortKey != null) {
            keys.add(sortKey.name());
        }
        return keys;
    }

    public IndexSchema index(String indexName) {
        for (IndexSchema index : globalIndexes) {
            if (index.name().equals(indexName)) {
                return index;
            }
        }
        for (IndexSchema index : localIndexes) {
            if (index.name().equals(indexName)) {
                return index;
            }
        }
        return null;
    }

    public List<IndexSchema> indexes() {
        java.util.ArrayList<IndexSchema> all = new java.util.ArrayList<>(globalIndexes);
        all.addAll(localIndexes);
        return all;
    }

    public String streamArn() {
        return streamLabel == null ? null : arn + "/stream/" + streamLabel;
    }

    public TableSchema withGlobalIndexes(List<IndexSchema> indexes, Map<String, Value.Type> definitions) {
        return new TableSchema(name, arn, tableId, createdAt, partitionKey, sortKey, definitions, billingMode, readCapacity,
                writeCapacity, indexes, localIndexes, streamViewType, streamLabel, ttlAttribute, deletionProtection, tableClass,
                sseKmsKeyArn, tags);
    }

    public TableSchema withStream(String viewType, String label) {
        return new TableSchema(name, arn, tableId, createdAt, partitionKey, sortKey, attributeDefinitions, billingMode,
                readCapacity, writeCapacity, globalIndexes, localIndexes, viewType, label, ttlAttribute, deletionProtection,
                tableClass, sseKmsKeyArn, tags);
    }

    public TableSchema withTimeToLive(String attribute) {
        return new TableSchema(name, arn, tableId, createdAt, partitionKey, sortKey, attributeDefinitions, billingMode,
                readCapacity, writeCapacity, globalIndexes, localIndexes, streamViewType, streamLabel, attribute,
                deletionProtection, tableClass, sseKmsKeyArn, tags);
    }

    public TableSchema withBilling(String mode, long read, long write) {
        return new TableSchema(name, arn, tableId, createdAt, partitionKey, sortKey, attributeDefinitions, mode, read, write,
                globalIndexes, localIndexes, streamViewType, streamLabel, ttlAttribute, deletionProtection, tableClass,
                sseKmsKeyArn, tags);
    }

    public TableSchema withDeletionProtection(boolean enabled) {
        return new TableSchema(name, arn, tableId, createdAt, partitionKey, sortKey, attributeDefinitions, billingMode,
                readCapacity, writeCapacity, globalIndexes, localIndexes, streamViewType, streamLabel, ttlAttribute, enabled,
                tableClass, sseKmsKeyArn, tags);
    }

    public TableSchema withTableClass(String newClass) {
        return new TableSchema(name, arn, tableId, createdAt, partitionKey, sortKey, attributeDefinitions, billingMode,
                readCapacity, writeCapacity, globalIndexes, localIndexes, streamViewType, streamLabel, ttlAttribute,
                deletionProtection, newClass, sseKmsKeyArn, tags);
    }
}
