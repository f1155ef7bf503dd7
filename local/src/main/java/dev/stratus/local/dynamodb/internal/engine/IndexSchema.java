package dev.stratus.local.dynamodb.internal.engine;

import java.util.List;
import java.util.Set;

/**
 * A secondary index.
 *
 * @param global true for a GSI, false for an LSI
 * @param sortKey null when the index has no sort key (GSIs only)
 * @param projectionType ALL, KEYS_ONLY or INCLUDE
 * @param nonKeyAttributes the INCLUDE list, else empty
 * @param readCapacity provisioned read capacity, 0 for on-demand or LSIs
 * @param writeCapacity provisioned write capacity, 0 for on-demand or LSIs
 */
public record IndexSchema(String name, String arn, boolean global, KeyDef partitionKey, KeyDef sortKey,
                          String projectionType, List<String> nonKeyAttributes, long readCapacity, long writeCapacity) {
    public IndexSchema {
        nonKeyAttributes = List.copyOf(nonKeyAttributes);
    }

    /** Whether an item with these attributes is projected into an index of this schema (the rest come from the keys). */
    public boolean projects(String attribute, Set<String> keyAttributes) {
        switch (projectionType) {
            case "ALL":
                return true;
            case "INCLUDE":
                return keyAttributes.contains(attribute) || nonKeyAttributes.contains(attribute);
            default:
                return keyAttributes.contains(attribute);
        }
    }
}
