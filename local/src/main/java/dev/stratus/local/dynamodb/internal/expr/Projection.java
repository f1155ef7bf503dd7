package dev.stratus.local.dynamodb.internal.expr;

import java.util.List;
import java.util.Map;

import dev.stratus.local.dynamodb.internal.value.Value;

/** A parsed projection expression. */
public interface Projection {
    /** The document paths, in the order given. */
    List<Path> paths();

    /** The item reduced to the projected paths (missing paths are left out, as in DynamoDB). */
    Map<String, Value> apply(Map<String, Value> item);
}
