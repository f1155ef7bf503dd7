package dev.stratus.local.dynamodb.internal.expr;

import java.util.List;
import java.util.Map;

import dev.stratus.local.dynamodb.internal.value.Value;

/** A parsed condition or filter expression. */
public interface Condition {
    /**
     * Whether the item (null or empty when there is none) satisfies the condition. Comparing values
     * of different types is false, never an error, as in DynamoDB.
     */
    boolean test(Map<String, Value> item);

    /** Every document path the condition reads, in the order written (placeholders resolved). */
    List<Path> paths();
}
