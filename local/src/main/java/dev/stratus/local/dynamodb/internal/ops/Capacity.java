package dev.stratus.local.dynamodb.internal.ops;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.local.dynamodb.internal.value.Value;
import dev.stratus.local.dynamodb.internal.value.Values;

/**
 * Consumed capacity as the Developer Guide's "Read/write capacity mode" page counts it: a write
 * unit per 1 KB written (the larger of the old and new item), a read unit per 4 KB read (half for
 * eventually consistent reads), doubled in transactions. Reported when ReturnConsumedCapacity is
 * TOTAL or INDEXES (INDEXES adds the table's share; index shares are not itemized).
 */
final class Capacity {
    static final Set<String> MODES = Set.of("INDEXES", "TOTAL", "NONE");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Capacity() {
    }

    static double writeUnits(Map<String, Value> oldItem, Map<String, Value> newItem) {
        long size = Math.max(oldItem == null ? 0 : Values.itemSize(oldItem), newItem == null ? 0 : Values.itemSize(newItem));
        return Math.max(1, Math.ceil(size / 1024.0));
    }

    static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, Math.ceil(bytes / 4096.0));
        return consistent ? units : units / 2;
    }

    /** The ConsumedCapacity member for {@code mode}, or null when none is asked for. */
    static ObjectNode json(String mode, String table, double units) {
        if (mode == null || "NONE".equals(mode)) {
            return null;
        }
        ObjectNode capacity = JSON.objectNode();
        capacity.put("TableName", table);
        capacity.put("CapacityUnits", BigDecimal.valueOf(units));
        if ("INDEXES".equals(mode)) {
            capacity.putObject("Table").put("CapacityUnits", BigDecimal.valueOf(units));
        }
        return capacity;
    }
}
