package dev.stratus.local.dynamodb.internal.expr;

/**
 * Parses DynamoDB's expressions. Each method throws {@code ApiException.validation} with DynamoDB's
 * message ("Invalid ConditionExpression: Syntax error; token: ...") when the text is not valid.
 *
 * <p>Contract for the engine (implemented in this package):
 * <ul>
 * <li>{@link #condition}: {@code ConditionExpression} and {@code FilterExpression} (the parameter
 * name goes into messages).</li>
 * <li>{@link #keyCondition}: a Query's {@code KeyConditionExpression} against the key schema of the
 * table or index queried.</li>
 * <li>{@link #projection}: {@code ProjectionExpression}.</li>
 * <li>{@link #update}: {@code UpdateExpression}.</li>
 * </ul>
 */
public final class Expressions {
    private Expressions() {
    }

    public static Condition condition(String text, ExpressionAttributes attributes, String parameterName) {
        return new ConditionParser(text, attributes, parameterName).parse();
    }

    public static KeyCondition keyCondition(String text, ExpressionAttributes attributes, String partitionKey, String sortKey) {
        ConditionParser.ConditionImpl condition = new ConditionParser(text, attributes, "KeyConditionExpression").parse();
        return KeyConditions.build(condition.root, partitionKey, sortKey);
    }

    public static Projection projection(String text, ExpressionAttributes attributes) {
        return new ProjectionParser(text, attributes).parse();
    }

    public static Update update(String text, ExpressionAttributes attributes) {
        return new UpdateParser(text, attributes).parse();
    }
}
