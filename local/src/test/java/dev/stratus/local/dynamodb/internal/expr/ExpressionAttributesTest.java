package dev.stratus.local.dynamodb.internal.expr;

import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.attrs;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.invalid;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.n;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.names;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.s;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.values;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Placeholders of a request shared by its expressions; unused ones are refused. Sources: dynalite's
 * validations (the messages) and test/getItem.js / test/updateItem.js (recorded from DynamoDB),
 * ScyllaDB Alternator's test_condition_expression.py, test_projection_expression.py and
 * test_key_condition_expression.py (run against DynamoDB).
 */
class ExpressionAttributesTest {
    @Test
    @DisplayName("unused names, in the order given (dynalite test/getItem.js 'unused names in ProjectionExpression')")
    void unusedNames() {
        ExpressionAttributes attributes = attrs(names("#a", "a", "#b", "b"), null);
        Expressions.projection("a,b", attributes);
        assertEquals("Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}",
                invalid(attributes::assertAllUsed));
    }

    @Test
    @DisplayName("unused values (Alternator test_update_expression_spurious_value; dynalite test/updateItem.js)")
    void unusedValues() {
        ExpressionAttributes attributes = attrs(values(":a", s("a"), ":b", s("a"), ":c", s("a")));
        Expressions.update("remove a", attributes);
        Expressions.condition("a = :b", attributes, "ConditionExpression");
        assertEquals("Value provided in ExpressionAttributeValues unused in expressions: keys: {:a, :c}",
                invalid(attributes::assertAllUsed));
    }

    @Test
    @DisplayName("names are checked before values (dynalite validations/index.js)")
    void namesFirst() {
        ExpressionAttributes attributes = attrs(names("#name1", "a", "#name3", "c"), values(":val1", n(1), ":val3", n(3)));
        Expressions.condition("#name1 = :val1", attributes, "ConditionExpression");
        assertEquals("Value provided in ExpressionAttributeNames unused in expressions: keys: {#name3}",
                invalid(attributes::assertAllUsed));
    }

    @Test
    @DisplayName("a placeholder used by any expression of the request counts (Alternator "
            + "test_projection_expression_and_key_condition_expression)")
    void sharedAcrossExpressions() {
        ExpressionAttributes attributes = attrs(names("#name1", "p", "#name2", "a"), values(":val1", s("x")));
        Expressions.keyCondition("#name1 = :val1", attributes, "p", null);
        Expressions.projection("#name2", attributes);
        assertDoesNotThrow(attributes::assertAllUsed);
    }

    @Test
    @DisplayName("placeholders count when parsed, not when evaluated (Alternator test_update_condition_unused_entries_short_circuit)")
    void usedWhenParsed() {
        ExpressionAttributes attributes = attrs(names("#name1", "a", "#name2", "b"), values(":val1", n(1), ":val2", n(2), ":val3", n(3)));
        Condition condition = Expressions.condition("#name1 = :val1 OR #name2 = :val2", attributes, "ConditionExpression");
        Expressions.update("SET #name1 = :val3", attributes);
        condition.test(ExprSupport.item("a", n(1)));
        assertDoesNotThrow(attributes::assertAllUsed);
    }

    @Test
    @DisplayName("no placeholders at all is fine (this engine's contract)")
    void none() {
        assertDoesNotThrow(ExpressionAttributes.none()::assertAllUsed);
    }
}
