package dev.stratus.local.dynamodb.internal.expr;

import dev.stratus.local.dynamodb.internal.value.Value;
import dev.stratus.local.dynamodb.internal.value.Values;

/**
 * A parsed key condition: equality on the partition key, and at most one condition on the sort key.
 *
 * @param partitionKey the partition key attribute's name (resolved from any {@code #name})
 * @param partitionValue the value it must equal
 * @param sortKey the sort key attribute's name, or null when the expression has no sort key condition
 * @param sortOperator the sort key condition, or null
 * @param sortValue the operand (the lower bound for BETWEEN), or null
 * @param sortValue2 the upper bound for BETWEEN, else null
 */
public record KeyCondition(String partitionKey, Value partitionValue, String sortKey, SortOperator sortOperator,
                           Value sortValue, Value sortValue2) {

    public enum SortOperator { EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH }

    /** Whether a sort key value satisfies the sort key condition (true when there is none). */
    public boolean matchesSort(Value value) {
        if (sortOperator == null) {
            return true;
        }
        if (value == null || sortValue == null || value.type() != sortValue.type() || !Parser.isScalar(value.type())) {
            return false;
        }
        int order = Values.compareScalars(value, sortValue);
        switch (sortOperator) {
            case EQ:
                return order == 0;
            case LT:
                return order < 0;
            case LE:
                return order <= 0;
            case GT:
                return order > 0;
            case GE:
                return order >= 0;
            case BETWEEN:
                return order >= 0 && sortValue2 != null && sortValue2.type() == value.type()
                        && Values.compareScalars(value, sortValue2) <= 0;
            case BEGINS_WITH:
                return Cond.beginsWith(value, sortValue);
            default:
                return false;
        }
    }
}
