package dev.stratus.local.dynamodb.internal.ops;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.engine.Engine;
import dev.stratus.local.dynamodb.internal.engine.IndexSchema;
import dev.stratus.local.dynamodb.internal.engine.KeyDef;
import dev.stratus.local.dynamodb.internal.engine.Table;
import dev.stratus.local.dynamodb.internal.engine.TableSchema;
import dev.stratus.local.dynamodb.internal.value.Value;

/**
 * CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable, UpdateTimeToLive,
 * DescribeTimeToLive and the tagging operations (API Reference pages of the same names). Tables and
 * indexes are ACTIVE as soon as they are created: there is nothing to wait for locally, and a new
 * index is filled from the existing items before UpdateTable answers.
 */
final class TableOperations {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> PROJECTIONS = Set.of("ALL", "KEYS_ONLY", "INCLUDE");
    private static final Set<String> VIEW_TYPES = Set.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES");
    private static final Set<String> TABLE_CLASSES = Set.of("STANDARD", "STANDARD_INFREQUENT_ACCESS");

    private TableOperations() {
    }

    static JsonNode createTable(Engine engine, Request request) {
        request.allowOnly(Set.of("TableName", "AttributeDefinitions", "KeySchema", "LocalSecondaryIndexes",
                "GlobalSecondaryIndexes", "BillingMode", "ProvisionedThroughput", "StreamSpecification", "SSESpecification",
                "Tags", "TableClass", "DeletionProtectionEnabled", "OnDemandThroughput"));
        String name = request.tableName("TableName", "tableName");
        JsonNode definitionsNode = request.get("AttributeDefinitions");
        JsonNode keySchemaNode = request.get("KeySchema");
        if (definitionsNode == null) {
            request.violation(null, "attributeDefinitions", "Member must not be null");
        }
        if (keySchemaNode == null) {
            request.violation(null, "keySchema", "Member must not be null");
        } else if (keySchemaNode.size() < 1 || keySchemaNode.size() > 2) {
            request.violation(keySchemaNode, "keySchema", "Member must have length " + (keySchemaNode.size() < 1
                    ? "greater than or equal to 1" : "less than or equal to 2"));
        }
        String billingMode = request.oneOf("BillingMode", "billingMode", Set.of("PROVISIONED", "PAY_PER_REQUEST"));
        String tableClass = request.oneOf("TableClass", "tableClass", TABLE_CLASSES);
        request.check();
        if (billingMode == null) {
            billingMode = "PROVISIONED";
        }

        Map<String, Value.Type> definitions = attributeDefinitions(definitionsNode);
        List<String> keyNames = keyNames(keySchemaNode);
        KeyDef[] tableKeys = keySchema(keySchemaNode, definitions, keyNames);
        long[] throughput = throughput(request.get("ProvisionedThroughput"), billingMode, null);

        String arn = "arn:aws:dynamodb:" + engine.region() + ":" + engine.accountId() + ":table/" + name;
        Set<String> indexNames = new LinkedHashSet<>();
        Set<String> usedAttributes = new LinkedHashSet<>(keyNames);
        List<IndexSchema> locals = new ArrayList<>();
        JsonNode localsNode = request.get("LocalSecondaryIndexes");
        if (localsNode != null) {
            if (localsNode.isEmpty()) {
                throw invalid("List of LocalSecondaryIndexes is empty");
            }
            if (tableKeys[1] == null) {
                throw invalid("Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
            }
            for (JsonNode indexNode : localsNode) {
                IndexSchema index = index(request, indexNode, arn, false, definitions, billingMode, usedAttributes);
                if (index.sortKey() == null) {
                    throw invalid("Index KeySchema does not have a range key for index: " + index.name());
                }
                if (!index.partitionKey().name().equals(tableKeys[0].name())) {
                    throw invalid("Index KeySchema does not have the same leading hash key as table KeySchema for index: "
                            + index.name() + ". index hash key: " + index.partitionKey().name() + ", table hash key: "
                            + tableKeys[0].name());
                }
                if (!indexNames.add(index.name())) {
                    throw invalid("Duplicate index name: " + index.name());
                }
                locals.add(index);
            }
            if (locals.size() > 5) {
                throw invalid("Number of LocalSecondaryIndexes exceeds per-table limit of 5");
            }
        }
        List<IndexSchema> globals = new ArrayList<>();
        JsonNode globalsNode = request.get("GlobalSecondaryIndexes");
        if (globalsNode != null) {
            if (globalsNode.isEmpty()) {
                throw invalid("List of GlobalSecondaryIndexes is empty");
            }
            for (JsonNode indexNode : globalsNode) {
                IndexSchema index = index(request, indexNode, arn, true, definitions, billingMode, usedAttributes);
                if (!indexNames.add(index.name())) {
                    throw invalid("Duplicate index name: " + index.name());
                }
                globals.add(index);
            }
            if (globals.size() > 20) {
                throw invalid("GlobalSecondaryIndex count exceeds the per-table limit of 20");
            }
        }
        if (localsNode == null && globalsNode == null && definitions.size() != keyNames.size()) {
            throw invalid("Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        }
        if (!usedAttributes.containsAll(definitions.keySet())) {
            throw invalid("Some AttributeDefinitions are not used. AttributeDefinitions: " + definitions.keySet()
                    + ", keys used: " + usedAttributes);
        }

        String viewType = null;
        String label = null;
        JsonNode streamNode = request.get("StreamSpecification");
        if (streamNode != null) {
            viewType = streamSpecification(request, streamNode);
            if (viewType != null) {
                label = engine.newStreamLabel();
            }
        }
        String kmsKey = sse(request, request.get("SSESpecification"));
        Boolean deletionProtection = request.bool("DeletionProtectionEnabled");
        TableSchema schema = new TableSchema(name, arn, UUID.randomUUID().toString(), engine.clock().now(), tableKeys[0],
                tableKeys[1], definitions, billingMode, throughput[0], throughput[1], globals, locals, viewType, label, null,
                Boolean.TRUE.equals(deletionProtection), tableClass == null ? "STANDARD" : tableClass, kmsKey,
                tags(request, request.get("Tags")));
        Table table = engine.createTable(schema);
        ObjectNode response = JSON.objectNode();
        response.set("TableDescription", describe(table));
        return response;
    }

    private static ApiException invalid(String message) {
        return ApiException.validation("One or more parameter values were invalid: " + message);
    }

    private static Map<String, Value.Type> attributeDefinitions(JsonNode node) {
        Map<String, Value.Type> definitions = new LinkedHashMap<>();
        for (JsonNode definition : node) {
            String attribute = definition.path("AttributeName").asText(null);
            String type = definition.path("AttributeType").asText(null);
            if (attribute == null || attribute.isEmpty()) {
                throw ApiException.validation("1 validation error detected: Value null at 'attributeDefinitions.member.attributeName' "
                        + "failed to satisfy constraint: Member must not be null");
            }
            if (!"S".equals(type) && !"N".equals(type) && !"B".equals(type)) {
                throw ApiException.validation("1 validation error detected: Value " + (type == null ? "null" : "'" + type + "'")
                        + " at 'attributeDefinitions.member.attributeType' failed to satisfy constraint: Member must satisfy "
                        + "enum value set: [B, N, S]");
            }
            if (definitions.put(attribute, Value.Type.of(type)) != null) {
                throw ApiException.validation("Cannot have two attributes with the same name: " + attribute);
            }
        }
        return definitions;
    }

    private static List<String> keyNames(JsonNode keySchema) {
        List<String> names = new ArrayList<>();
        for (JsonNode element : keySchema) {
            names.add(element.path("AttributeName").asText(null));
        }
        return names;
    }

    /** The partition and sort key (null when none) of a key schema, checked against the definitions. */
    private static KeyDef[] keySchema(JsonNode keySchema, Map<String, Value.Type> definitions, List<String> names) {
        if (names.stream().anyMatch(n -> n == null || !definitions.containsKey(n))) {
            throw invalid("Some index key attributes are not defined in AttributeDefinitions. Keys: " + names
                    + ", AttributeDefinitions: " + definitions.keySet());
        }
        if (names.size() == 2 && names.get(0).equals(names.get(1))) {
            throw ApiException.validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        if (!"HASH".equals(keySchema.get(0).path("KeyType").asText())) {
            throw ApiException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (keySchema.size() == 2 && !"RANGE".equals(keySchema.get(1).path("KeyType").asText())) {
            throw ApiException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        KeyDef partition = new KeyDef(names.get(0), definitions.get(names.get(0)));
        KeyDef sort = names.size() == 2 ? new KeyDef(names.get(1), definitions.get(names.get(1))) : null;
        return new KeyDef[] {partition, sort};
    }

    /** Read and write capacity, checked against the billing mode; {@code current} for UpdateTable. */
    private static long[] throughput(JsonNode node, String billingMode, long[] current) {
        if ("PAY_PER_REQUEST".equals(billingMode)) {
            if (node != null) {
                throw invalid("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
            return new long[] {0, 0};
        }
        if (node == null) {
            if (current != null) {
                return current;
            }
            throw invalid("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
        long read = node.path("ReadCapacityUnits").asLong(0);
        long write = node.path("WriteCapacityUnits").asLong(0);
        if (read < 1 || write < 1) {
            throw invalid("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
        if (read > 1_000_000_000_000L) {
            throw ApiException.validation("Given value " + read + " for ReadCapacityUnits is out of bounds");
        }
        if (write > 1_000_000_000_000L) {
            throw ApiException.validation("Given value " + write + " for WriteCapacityUnits is out of bounds");
        }
        return new long[] {read, write};
    }

    private static IndexSchema index(Request request, JsonNode node, String tableArn, boolean global,
                                     Map<String, Value.Type> definitions, String billingMode, Set<String> usedAttributes) {
        request.allowOnly(node, global ? Set.of("IndexName", "KeySchema", "Projection", "ProvisionedThroughput", "OnDemandThroughput")
                : Set.of("IndexName", "KeySchema", "Projection"), global ? "GlobalSecondaryIndex" : "LocalSecondaryIndex");
        String name = request.string(node, "IndexName");
        request.validateTableName(name, (global ? "globalSecondaryIndexes" : "localSecondaryIndexes") + ".member.indexName");
        JsonNode keySchema = node.get("KeySchema");
        if (keySchema == null || keySchema.size() < 1 || keySchema.size() > 2) {
            request.violation(keySchema, (global ? "globalSecondaryIndexes" : "localSecondaryIndexes") + ".member.keySchema",
                    keySchema == null ? "Member must not be null" : "Member must have length less than or equal to 2");
        }
        JsonNode projection = node.get("Projection");
        if (projection == null) {
            request.violation(null, (global ? "globalSecondaryIndexes" : "localSecondaryIndexes") + ".member.projection",
                    "Member must not be null");
        }
        request.check();
        List<String> names = keyNames(keySchema);
        KeyDef[] keys = keySchema(keySchema, definitions, names);
        usedAttributes.addAll(names);
        String projectionType = projection.path("ProjectionType").asText(null);
        if (projectionType == null) {
            throw invalid("Unknown ProjectionType: null");
        }
        if (!PROJECTIONS.contains(projectionType)) {
            throw ApiException.validation("1 validation error detected: Value '" + projectionType
                    + "' at 'projection.projectionType' failed to satisfy constraint: Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]");
        }
        List<String> nonKey = new ArrayList<>();
        JsonNode nonKeyNode = projection.get("NonKeyAttributes");
        if (nonKeyNode != null && !nonKeyNode.isNull()) {
            if (!"INCLUDE".equals(projectionType)) {
                throw invalid("ProjectionType is " + projectionType + ", but NonKeyAttributes is specified");
            }
            nonKeyNode.forEach(attribute -> nonKey.add(attribute.asText()));
        } else if ("INCLUDE".equals(projectionType)) {
            throw invalid("NonKeyAttributes must be specified when ProjectionType is INCLUDE");
        }
        long[] throughput = {0, 0};
        if (global) {
            JsonNode provisioned = node.get("ProvisionedThroughput");
            if ("PAY_PER_REQUEST".equals(billingMode) && provisioned != null) {
                throw invalid("ProvisionedThroughput should not be specified for index: " + name + " when BillingMode is PAY_PER_REQUEST");
            }
            if (!"PAY_PER_REQUEST".equals(billingMode)) {
                if (provisioned == null) {
                    throw invalid("ProvisionedThroughput is not specified for index: " + name);
                }
                throughput = throughput(provisioned, billingMode, null);
            }
        }
        return new IndexSchema(name, tableArn + "/index/" + name, global, keys[0], keys[1], projectionType, nonKey,
                throughput[0], throughput[1]);
    }

    /** The view type of an enabled stream specification, or null for a disabled one. */
    private static String streamSpecification(Request request, JsonNode node) {
        request.allowOnly(node, Set.of("StreamEnabled", "StreamViewType"), "StreamSpecification");
        JsonNode enabled = node.get("StreamEnabled");
        String viewType = node.path("StreamViewType").asText(null);
        if (enabled == null || !enabled.isBoolean()) {
            throw ApiException.validation("1 validation error detected: Value null at 'streamSpecification.streamEnabled' "
                    + "failed to satisfy constraint: Member must not be null");
        }
        if (viewType != null && !VIEW_TYPES.contains(viewType)) {
            throw ApiException.validation("1 validation error detected: Value '" + viewType + "' at 'streamSpecification.streamViewType' "
                    + "failed to satisfy constraint: Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]");
        }
        if (enabled.booleanValue()) {
            if (viewType == null) {
                throw ApiException.validation("One or more parameter values were invalid: "
                        + "StreamViewType is required when StreamEnabled is true");
            }
            return viewType;
        }
        if (viewType != null) {
            throw ApiException.validation("One or more parameter values were invalid: "
                    + "StreamViewType cannot be specified when StreamEnabled is false");
        }
        return null;
    }

    /** The KMS key of an SSE specification (a placeholder ARN for the AWS managed key), or null. */
    private static String sse(Request request, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        request.allowOnly(node, Set.of("Enabled", "SSEType", "KMSMasterKeyId"), "SSESpecification");
        if (!node.path("Enabled").asBoolean(true)) {
            return null;
        }
        String sseType = node.path("SSEType").asText("KMS");
        if (!"KMS".equals(sseType)) {
            throw ApiException.validation("1 validation error detected: Value '" + sseType
                    + "' at 'sSESpecification.sSEType' failed to satisfy constraint: Member must satisfy enum value set: [KMS]");
        }
        return node.path("KMSMasterKeyId").asText("alias/aws/dynamodb");
    }

    private static Map<String, String> tags(Request request, JsonNode node) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (node != null && !node.isNull()) {
            for (JsonNode tag : node) {
                request.allowOnly(tag, Set.of("Key", "Value"), "Tag");
                String key = tag.path("Key").asText(null);
                if (key == null || key.isEmpty() || key.length() > 128) {
                    throw ApiException.validation("1 validation error detected: Value '" + key
                            + "' at 'tags.member.key' failed to satisfy constraint: Member must have length between 1 and 128");
                }
                tags.put(key, tag.path("Value").asText(""));
            }
        }
        return tags;
    }

    static JsonNode describeTable(Engine engine, Request request) {
        request.allowOnly(Set.of("TableName"));
        String name = request.tableName("TableName", "tableName");
        request.check();
        ObjectNode response = JSON.objectNode();
        response.set("Table", describe(engine.table(name)));
        return response;
    }

    static ObjectNode describe(Table table) {
        table.lock().readLock().lock();
        try {
            return describe(table, "ACTIVE");
        } finally {
            table.lock().readLock().unlock();
        }
    }

    /** A TableDescription; hold the table's read lock. */
    private static ObjectNode describe(Table table, String status) {
        TableSchema s = table.schema();
        ObjectNode description = JSON.objectNode();
        ArrayNode definitions = description.putArray("AttributeDefinitions");
        s.attributeDefinitions().forEach((attribute, type) ->
                definitions.addObject().put("AttributeName", attribute).put("AttributeType", type.wireName()));
        description.put("TableName", s.name());
        description.set("KeySchema", keySchemaJson(s.partitionKey(), s.sortKey()));
        description.put("TableStatus", status);
        description.put("CreationDateTime", epochSeconds(s.createdAt()));
        description.set("ProvisionedThroughput", throughputJson(s.readCapacity(), s.writeCapacity()));
        description.put("TableSizeBytes", table.sizeBytes());
        description.put("ItemCount", table.itemCount());
        description.put("TableArn", s.arn());
        description.put("TableId", s.tableId());
        if ("PAY_PER_REQUEST".equals(s.billingMode())) {
            description.putObject("BillingModeSummary").put("BillingMode", "PAY_PER_REQUEST")
                    .put("LastUpdateToPayPerRequestDateTime", epochSeconds(s.createdAt()));
        } else {
            description.putObject("BillingModeSummary").put("BillingMode", "PROVISIONED");
        }
        if (!s.localIndexes().isEmpty()) {
            ArrayNode locals = description.putArray("LocalSecondaryIndexes");
            for (IndexSchema index : s.localIndexes()) {
                locals.add(indexJson(table, index));
            }
        }
        if (!s.globalIndexes().isEmpty()) {
            ArrayNode globals = description.putArray("GlobalSecondaryIndexes");
            for (IndexSchema index : s.globalIndexes()) {
                ObjectNode json = indexJson(table, index);
                json.put("IndexStatus", "ACTIVE");
                json.set("ProvisionedThroughput", throughputJson(index.readCapacity(), index.writeCapacity()));
                globals.add(json);
            }
        }
        if (s.streamViewType() != null) {
            description.putObject("StreamSpecification").put("StreamEnabled", true).put("StreamViewType", s.streamViewType());
        }
        if (s.streamLabel() != null) {
            description.put("LatestStreamLabel", s.streamLabel());
            description.put("LatestStreamArn", s.streamArn());
        }
        if (s.sseKmsKeyArn() != null) {
            description.putObject("SSEDescription").put("Status", "ENABLED").put("SSEType", "KMS")
                    .put("KMSMasterKeyArn", s.sseKmsKeyArn());
        }
        description.putObject("TableClassSummary").put("TableClass", s.tableClass());
        description.put("DeletionProtectionEnabled", s.deletionProtection());
        return description;
    }

    private static ObjectNode indexJson(Table table, IndexSchema index) {
        ObjectNode json = JSON.objectNode();
        json.put("IndexName", index.name());
        json.set("KeySchema", keySchemaJson(index.partitionKey(), index.sortKey()));
        ObjectNode projection = json.putObject("Projection").put("ProjectionType", index.projectionType());
        if (!index.nonKeyAttributes().isEmpty()) {
            ArrayNode nonKey = projection.putArray("NonKeyAttributes");
            index.nonKeyAttributes().forEach(nonKey::add);
        }
        var entries = table.index(index.name());
        long size = 0;
        if (entries != null) {
            for (Map<String, Value> entry : entries.values()) {
                size += dev.stratus.local.dynamodb.internal.value.Values.itemSize(entry);
            }
        }
        json.put("IndexSizeBytes", size);
        json.put("ItemCount", entries == null ? 0 : entries.size());
        json.put("IndexArn", index.arn());
        return json;
    }

    private static ArrayNode keySchemaJson(KeyDef partition, KeyDef sort) {
        ArrayNode keySchema = JSON.arrayNode();
        keySchema.addObject().put("AttributeName", partition.name()).put("KeyType", "HASH");
        if (sort != null) {
            keySchema.addObject().put("AttributeName", sort.name()).put("KeyType", "RANGE");
        }
        return keySchema;
    }

    private static ObjectNode throughputJson(long read, long write) {
        return JSON.objectNode().put("NumberOfDecreasesToday", 0).put("ReadCapacityUnits", read).put("WriteCapacityUnits", write);
    }

    private static BigDecimal epochSeconds(java.time.Instant at) {
        return BigDecimal.valueOf(at.toEpochMilli()).movePointLeft(3);
    }

    static JsonNode listTables(Engine engine, Request request) {
        request.allowOnly(Set.of("ExclusiveStartTableName", "Limit"));
        String start = request.string("ExclusiveStartTableName");
        if (start != null) {
            request.validateTableName(start, "exclusiveStartTableName");
        }
        Long limit = request.number("Limit");
        if (limit != null && limit < 1) {
            request.violation(limit, "limit", "Member must have value greater than or equal to 1");
        } else if (limit != null && limit > 100) {
            request.violation(limit, "limit", "Member must have value less than or equal to 100");
        }
        request.check();
        int max = limit == null ? 100 : limit.intValue();
        ObjectNode response = JSON.objectNode();
        ArrayNode names = response.putArray("TableNames");
        String last = null;
        boolean more = false;
        for (String name : engine.tables().keySet()) {
            if (start != null && name.compareTo(start) <= 0) {
                continue;
            }
            if (names.size() == max) {
                more = true;
                break;
            }
            names.add(name);
            last = name;
        }
        if (more) {
            response.put("LastEvaluatedTableName", last);
        }
        return response;
    }

    static JsonNode deleteTable(Engine engine, Request request) {
        request.allowOnly(Set.of("TableName"));
        String name = request.tableName("TableName", "tableName");
        request.check();
        Table table = engine.table(name);
        if (table.schema().deletionProtection()) {
            throw ApiException.validation("Resource cannot be deleted as it is currently protected against deletion. "
                    + "Disable deletion protection first.");
        }
        ObjectNode description;
        table.lock().readLock().lock();
        try {
            description = describe(table, "DELETING");
        } finally {
            table.lock().readLock().unlock();
        }
        engine.deleteTable(name);
        ObjectNode response = JSON.objectNode();
        response.set("TableDescription", description);
        return response;
    }

    static JsonNode updateTable(Engine engine, Request request) {
        request.allowOnly(Set.of("TableName", "AttributeDefinitions", "BillingMode", "ProvisionedThroughput",
                "GlobalSecondaryIndexUpdates", "StreamSpecification", "SSESpecification", "TableClass",
                "DeletionProtectionEnabled", "OnDemandThroughput"));
        String name = request.tableName("TableName", "tableName");
        String billingMode = request.oneOf("BillingMode", "billingMode", Set.of("PROVISIONED", "PAY_PER_REQUEST"));
        String tableClass = request.oneOf("TableClass", "tableClass", TABLE_CLASSES);
        request.check();
        JsonNode updates = request.get("GlobalSecondaryIndexUpdates");
        JsonNode streamNode = request.get("StreamSpecification");
        Boolean deletionProtection = request.bool("DeletionProtectionEnabled");
        if (billingMode == null && !request.has("ProvisionedThroughput") && updates == null && streamNode == null
                && !request.has("SSESpecification") && tableClass == null && deletionProtection == null
                && !request.has("OnDemandThroughput")) {
            throw ApiException.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                    + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        Table table = engine.table(name);
        table.lock().writeLock().lock();
        try {
            TableSchema schema = table.schema();
            String mode = billingMode == null ? schema.billingMode() : billingMode;
            if (billingMode != null || request.has("ProvisionedThroughput")) {
                long[] throughput = throughput(request.get("ProvisionedThroughput"), mode,
                        billingMode == null ? new long[] {schema.readCapacity(), schema.writeCapacity()} : null);
                schema = schema.withBilling(mode, throughput[0], throughput[1]);
            }
            if (updates != null) {
                schema = updateIndexes(engine, request, table, schema, updates, mode);
            }
            if (streamNode != null) {
                String viewType = streamSpecification(request, streamNode);
                if (viewType != null) {
                    if (schema.streamViewType() != null) {
                        throw ApiException.validation("Table already has an enabled stream: TableName: " + name);
                    }
                    schema = schema.withStream(viewType, engine.newStreamLabel());
                    engine.enableStream(table, schema);
                } else {
                    if (schema.streamViewType() == null) {
                        throw ApiException.validation("Table already has stream disabled: TableName: " + name);
                    }
                    schema = schema.withStream(null, schema.streamLabel());
                    engine.disableStream(table);
                }
            }
            if (deletionProtection != null) {
                schema = schema.withDeletionProtection(deletionProtection);
            }
            if (tableClass != null) {
                schema = schema.withTableClass(tableClass);
            }
            if (request.has("SSESpecification")) {
                String kmsKey = sse(request, request.get("SSESpecification"));
                schema = new TableSchema(schema.name(), schema.arn(), schema.tableId(), schema.createdAt(),
                        schema.partitionKey(), schema.sortKey(), schema.attributeDefinitions(), schema.billingMode(),
                        schema.readCapacity(), schema.writeCapacity(), schema.globalIndexes(), schema.localIndexes(),
                        schema.streamViewType(), schema.streamLabel(), schema.ttlAttribute(), schema.deletionProtection(),
                        schema.tableClass(), kmsKey, schema.tags());
            }
            engine.setSchema(table, schema);
            ObjectNode response = JSON.objectNode();
            response.set("TableDescription", describe(table, "ACTIVE"));
            return response;
        } finally {
            table.lock().writeLock().unlock();
        }
    }

    private static TableSchema updateIndexes(Engine engine, Request request, Table table, TableSchema schema, JsonNode updates,
                                             String billingMode) {
        int createOrDelete = 0;
        List<IndexSchema> globals = new ArrayList<>(schema.globalIndexes());
        Map<String, Value.Type> definitions = new LinkedHashMap<>(schema.attributeDefinitions());
        JsonNode definitionsNode = request.get("AttributeDefinitions");
        if (definitionsNode != null) {
            for (Map.Entry<String, Value.Type> definition : attributeDefinitions(definitionsNode).entrySet()) {
                Value.Type existing = definitions.get(definition.getKey());
                if (existing != null && existing != definition.getValue()) {
                    throw invalid("Cannot change the type of attribute " + definition.getKey() + " from " + existing
                            + " to " + definition.getValue());
                }
                definitions.put(definition.getKey(), definition.getValue());
            }
        }
        List<IndexSchema> created = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (JsonNode update : updates) {
            request.allowOnly(update, Set.of("Create", "Delete", "Update"), "GlobalSecondaryIndexUpdate");
            if (update.has("Create")) {
                createOrDelete++;
                Set<String> used = new LinkedHashSet<>();
                IndexSchema index = index(request, update.get("Create"), schema.arn(), true, definitions, billingMode, used);
                if (schema.index(index.name()) != null || created.stream().anyMatch(i -> i.name().equals(index.name()))) {
                    throw ApiException.validation("One or more parameter values were invalid: Duplicate index name: " + index.name());
                }
                created.add(index);
                globals.add(index);
            } else if (update.has("Delete")) {
                createOrDelete++;
                String indexName = update.get("Delete").path("IndexName").asText(null);
                if (globals.removeIf(i -> i.name().equals(indexName))) {
                    deleted.add(indexName);
                } else {
                    throw ApiException.resourceNotFound("Requested resource not found: Index: " + indexName
                            + " not found in table " + schema.name());
                }
            } else if (update.has("Update")) {
                JsonNode body = update.get("Update");
                String indexName = body.path("IndexName").asText(null);
                int at = -1;
                for (int i = 0; i < globals.size(); i++) {
                    if (globals.get(i).name().equals(indexName)) {
                        at = i;
                    }
                }
                if (at < 0) {
                    throw ApiException.resourceNotFound("Requested resource not found: Index: " + indexName
                            + " not found in table " + schema.name());
                }
                IndexSchema old = globals.get(at);
                long[] throughput = throughput(body.get("ProvisionedThroughput"), billingMode,
                        new long[] {old.readCapacity(), old.writeCapacity()});
                globals.set(at, new IndexSchema(old.name(), old.arn(), true, old.partitionKey(), old.sortKey(),
                        old.projectionType(), old.nonKeyAttributes(), throughput[0], throughput[1]));
            }
        }
        if (createOrDelete > 1) {
            throw new ApiException("LimitExceededException", 400,
                    "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table");
        }
        // attribute definitions keep only the attributes some key schema still uses
        Set<String> used = new LinkedHashSet<>(schema.keyAttributes());
        for (IndexSchema index : globals) {
            used.add(index.partitionKey().name());
            if (index.sortKey() != null) {
                used.add(index.sortKey().name());
            }
        }
        for (IndexSchema index : schema.localIndexes()) {
            used.add(index.sortKey().name());
        }
        definitions.keySet().retainAll(used);
        TableSchema updated = schema.withGlobalIndexes(globals, definitions);
        engine.setSchema(table, updated);
        for (String name : deleted) {
            engine.dropIndex(table, name);
        }
        for (IndexSchema index : created) {
            engine.addIndex(table, index);
        }
        return updated;
    }

    static JsonNode updateTimeToLive(Engine engine, Request request) {
        request.allowOnly(Set.of("TableName", "TimeToLiveSpecification"));
        String name = request.tableName("TableName", "tableName");
        JsonNode specification = request.get("TimeToLiveSpecification");
        if (specification == null) {
            request.violation(null, "timeToLiveSpecification", "Member must not be null");
        }
        request.check();
        request.allowOnly(specification, Set.of("Enabled", "AttributeName"), "TimeToLiveSpecification");
        JsonNode enabledNode = specification.get("Enabled");
        String attribute = specification.path("AttributeName").asText(null);
        if (enabledNode == null || !enabledNode.isBoolean()) {
            request.violation(null, "timeToLiveSpecification.enabled", "Member must not be null");
        }
        if (attribute == null) {
            request.violation(null, "timeToLiveSpecification.attributeName", "Member must not be null");
        } else if (attribute.isEmpty() || attribute.length() > 255) {
            request.violation(attribute, "timeToLiveSpecification.attributeName",
                    "Member must have length between 1 and 255");
        }
        request.check();
        boolean enabled = enabledNode.booleanValue();
        Table table = engine.table(name);
        table.lock().writeLock().lock();
        try {
            TableSchema schema = table.schema();
            String current = schema.ttlAttribute();
            java.time.Instant now = engine.clock().now();
            java.time.Instant last = table.timeToLiveUpdatedAt();
            if (last != null && now.isBefore(last.plus(java.time.Duration.ofHours(1)))) {
                // API Reference, UpdateTimeToLive: further calls within the hour a change takes are refused
                throw ApiException.validation("Time to live has been modified multiple times within a fixed interval");
            }
            if (enabled) {
                if (current != null) {
                    throw ApiException.validation("TimeToLive is already enabled");
                }
                engine.setSchema(table, schema.withTimeToLive(attribute));
            } else {
                if (current == null) {
                    throw ApiException.validation("TimeToLive is already disabled");
                }
                if (!current.equals(attribute)) {
                    throw ApiException.validation("TimeToLive is active on a different AttributeName: current AttributeName is "
                            + current);
                }
                engine.setSchema(table, schema.withTimeToLive(null));
            }
            table.timeToLiveUpdated(now);
        } finally {
            table.lock().writeLock().unlock();
        }
        ObjectNode response = JSON.objectNode();
        response.putObject("TimeToLiveSpecification").put("Enabled", enabled).put("AttributeName", attribute);
        return response;
    }

    static JsonNode describeTimeToLive(Engine engine, Request request) {
        request.allowOnly(Set.of("TableName"));
        String name = request.tableName("TableName", "tableName");
        request.check();
        String attribute = engine.table(name).schema().ttlAttribute();
        ObjectNode response = JSON.objectNode();
        ObjectNode description = response.putObject("TimeToLiveDescription");
        if (attribute == null) {
            description.put("TimeToLiveStatus", "DISABLED");
        } else {
            description.put("TimeToLiveStatus", "ENABLED").put("AttributeName", attribute);
        }
        return response;
    }

    private static Table tableByArn(Engine engine, Request request) {
        String arn = request.string("ResourceArn");
        if (arn == null) {
            request.violation(null, "resourceArn", "Member must not be null");
            request.check();
        }
        String prefix = "arn:aws:dynamodb:" + engine.region() + ":" + engine.accountId() + ":table/";
        if (!arn.startsWith(prefix) || arn.indexOf('/', prefix.length()) >= 0) {
            throw ApiException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        }
        Table table = engine.findTable(arn.substring(prefix.length()));
        if (table == null) {
            throw new ApiException("AccessDeniedException", 400, "Requested resource not found: ResourcArn: " + arn + " not found");
        }
        return table;
    }

    static JsonNode tagResource(Engine engine, Request request) {
        request.allowOnly(Set.of("ResourceArn", "Tags"));
        Table table = tableByArn(engine, request);
        Map<String, String> added = tags(request, request.get("Tags"));
        table.lock().writeLock().lock();
        try {
            TableSchema s = table.schema();
            Map<String, String> tags = new LinkedHashMap<>(s.tags());
            tags.putAll(added);
            engine.setSchema(table, withTags(s, tags));
        } finally {
            table.lock().writeLock().unlock();
        }
        return JSON.objectNode();
    }

    static JsonNode untagResource(Engine engine, Request request) {
        request.allowOnly(Set.of("ResourceArn", "TagKeys"));
        Table table = tableByArn(engine, request);
        JsonNode keys = request.get("TagKeys");
        table.lock().writeLock().lock();
        try {
            TableSchema s = table.schema();
            Map<String, String> tags = new LinkedHashMap<>(s.tags());
            if (keys != null) {
                keys.forEach(key -> tags.remove(key.asText()));
            }
            engine.setSchema(table, withTags(s, tags));
        } finally {
            table.lock().writeLock().unlock();
        }
        return JSON.objectNode();
    }

    static JsonNode listTagsOfResource(Engine engine, Request request) {
        request.allowOnly(Set.of("ResourceArn", "NextToken"));
        Table table = tableByArn(engine, request);
        ObjectNode response = JSON.objectNode();
        ArrayNode tags = response.putArray("Tags");
        table.schema().tags().forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
        return response;
    }

    private static TableSchema withTags(TableSchema s, Map<String, String> tags) {
        return new TableSchema(s.name(), s.arn(), s.tableId(), s.createdAt(), s.partitionKey(), s.sortKey(),
                s.attributeDefinitions(), s.billingMode(), s.readCapacity(), s.writeCapacity(), s.globalIndexes(),
                s.localIndexes(), s.streamViewType(), s.streamLabel(), s.ttlAttribute(), s.deletionProtection(),
                s.tableClass(), s.sseKmsKeyArn(), tags);
    }
}
