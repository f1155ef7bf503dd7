package dev.stratus.local.dynamodb.internal.ops;

import java.util.List;
import java.util.Map;

import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.engine.IndexSchema;
import dev.stratus.local.dynamodb.internal.engine.KeyDef;
import dev.stratus.local.dynamodb.internal.engine.TableSchema;
import dev.stratus.local.dynamodb.internal.expr.Path;
import dev.stratus.local.dynamodb.internal.value.Value;
import dev.stratus.local.dynamodb.internal.value.Values;

/**
 * What DynamoDB requires of keys and items (Developer Guide, "Service, account, and table quotas":
 * item size 400 KB, partition key 2048 bytes, sort key 1024 bytes; "Supported data types": key
 * attributes are non-empty scalars of the defined type; secondary index keys likewise).
 */
final class ItemRules {
    static final long MAX_ITEM_SIZE = 400 * 1024;
    private static final int MAX_PARTITION_KEY = 2048;
    private static final int MAX_SORT_KEY = 1024;

    private ItemRules() {
    }

    /** A Key parameter: exactly the table's key attributes, of the right types. */
    static void checkKey(TableSchema schema, Map<String, Value> key) {
        int expected = schema.sortKey() == null ? 1 : 2;
        if (key.size() != expected) {
            throw ApiException.validation("The provided key element does not match the schema");
        }
        checkKeyPart(key, schema.partitionKey(), true, false);
        if (schema.sortKey() != null) {
            checkKeyPart(key, schema.sortKey(), false, false);
        }
    }

    private static void checkKeyPart(Map<String, Value> key, KeyDef def, boolean partition, boolean inItem) {
        Value value = key.get(def.name());
        if (inItem) {
            if (value == null) {
                throw ApiException.validation("One or more parameter values were invalid: Missing the key " + def.name() + " in the item");
            }
            if (value.type() != def.type()) {
                throw ApiException.validation("One or more parameter values were invalid: Type mismatch for key " + def.name()
                        + " expected: " + def.type() + " actual: " + value.type());
            }
        } else if (value == null || value.type() != def.type()) {
            throw ApiException.validation("The provided key element does not match the schema");
        }
        if (isEmpty(value)) {
            throw ApiException.validation((inItem ? "One or more parameter values are not valid. "
                    : "One or more parameter values were invalid: ")
                    + "The AttributeValue for a key attribute cannot contain an empty " + (value.type() == Value.Type.S ? "string" : "binary")
                    + " value. Key: " + def.name());
        }
        long size = value.type() == Value.Type.N ? 0 : Values.size(value);
        if (partition && size > MAX_PARTITION_KEY) {
            throw ApiException.validation("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
        }
        if (!partition && size > MAX_SORT_KEY) {
            throw ApiException.validation("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
        }
    }

    private static boolean isEmpty(Value value) {
        return (value instanceof Value.S && ((Value.S) value).value().isEmpty())
                || (value instanceof Value.B && ((Value.B) value).value().length() == 0);
    }

    /** A whole item to write: the table's keys, index key types, and the size limit. */
    static void checkItem(TableSchema schema, Map<String, Value> item, boolean update) {
        checkKeyPart(item, schema.partitionKey(), true, true);
        if (schema.sortKey() != null) {
            checkKeyPart(item, schema.sortKey(), false, true);
        }
        checkIndexKeys(schema, item);
        if (Values.itemSize(item) > MAX_ITEM_SIZE) {
            throw ApiException.validation(update ? "Item size to update has exceeded the maximum allowed size"
                    : "Item size has exceeded the maximum allowed size");
        }
    }

    private static void checkIndexKeys(TableSchema schema, Map<String, Value> item) {
        for (IndexSchema index : schema.indexes()) {
            checkIndexKey(index, index.partitionKey(), item);
            if (index.sortKey() != null) {
                checkIndexKey(index, index.sortKey(), item);
            }
        }
    }

    private static void checkIndexKey(IndexSchema index, KeyDef def, Map<String, Value> item) {
        Value value = item.get(def.name());
        if (value == null) {
            return;
        }
        if (value.type() != def.type()) {
            throw ApiException.validation("One or more parameter values were invalid: Type mismatch for Index Key " + def.name()
                    + " Expected: " + def.type() + " Actual: " + value.type() + " IndexName: " + index.name());
        }
        if (isEmpty(value)) {
            throw ApiException.validation("One or more parameter values are not valid. A value specified for a secondary index key "
                    + "is not supported. The AttributeValue for a key attribute cannot contain an empty " + (value.type() == Value.Type.S
                    ? "string" : "binary") + " value. IndexName: " + index.name() + ", IndexKey: " + def.name());
        }
    }

    /** An update expression may not write key attributes, nor paths inside index key attributes. */
    static void checkUpdateTargets(TableSchema schema, List<Path> targets) {
        for (Path target : targets) {
            String attribute = target.attribute();
            if (schema.keyAttributes().contains(attribute)) {
                if (target.elements().size() > 1) {
                    throw ApiException.validation("Key attributes must be scalars; list random access '[]' and map lookup '.' "
                            + "are not allowed: Key: " + attribute);
                }
                throw ApiException.validation("One or more parameter values were invalid: Cannot update attribute " + attribute
                        + ". This attribute is part of the key");
            }
            if (target.elements().size() > 1) {
                for (IndexSchema index : schema.indexes()) {
                    if (index.partitionKey().name().equals(attribute)
                            || (index.sortKey() != null && index.sortKey().name().equals(attribute))) {
                        throw ApiException.validation("Key attributes must be scalars; list random access '[]' and map lookup '.' "
                                + "are not allowed: IndexKey: " + attribute);
                    }
                }
            }
        }
    }
}
