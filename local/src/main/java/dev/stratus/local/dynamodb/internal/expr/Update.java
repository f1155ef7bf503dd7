package dev.stratus.local.dynamodb.internal.expr;

import java.util.List;
import java.util.Map;

import dev.stratus.local.dynamodb.internal.value.Value;

/** A parsed update expression. */
public interface Update {
    /** Every document path the expression writes (SET, REMOVE, ADD, DELETE targets). */
    List<Path> targets();

    /**
     * The item after the update; the input is not changed. {@code item} is empty when no item
     * exists yet. Throws {@code ApiException.validation} with DynamoDB's message when an operand has
     * the wrong type at run time (e.g. {@code SET a = a + :v} on a string).
     */
    Map<String, Value> apply(Map<String, Value> item);
}
