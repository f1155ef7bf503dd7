package dev.stratus.local.dynamodb.internal.ops;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.local.dynamodb.Fault;
import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.expr.ExpressionAttributes;
import dev.stratus.local.dynamodb.internal.value.AttributeValues;
import dev.stratus.local.dynamodb.internal.value.Value;

/**
 * One request's body with the checks DynamoDB makes before it looks at any table: members it does
 * not know (refused as unsupported, never ignored), required members, types, lengths and enums,
 * reported DynamoDB's way ("1 validation error detected: Value null at 'tableName' failed to satisfy
 * constraint: Member must not be null").
 */
public final class Request {
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    /** Developer Guide, "Expression attribute names" and "values": {@code #} or {@code :}, then letters, digits, underscores. */
    private static final Pattern NAME_PLACEHOLDER = Pattern.compile("#[A-Za-z0-9_]+");
    private static final Pattern VALUE_PLACEHOLDER = Pattern.compile(":[A-Za-z0-9_]+");

    private final String operation;
    private final JsonNode body;
    private final Fault fault;
    private final List<String> violations = new ArrayList<>();

    public Request(String operation, JsonNode body, Fault fault) {
        this.operation = operation;
        this.body = body;
        this.fault = fault;
    }

    public String operation() {
        return operation;
    }

    public JsonNode body() {
        return body;
    }

    /** The injected fault the operation must act out itself (conflict, unprocessed), or null. */
    public Fault fault() {
        return fault;
    }

    /** Refuses every member but these: a member this engine does not know is one it does not implement. */
    public Request allowOnly(Set<String> members) {
        return allowOnly(body, members, operation);
    }

    /** The same check for a nested structure, e.g. each action of TransactItems. */
    public Request allowOnly(JsonNode node, Set<String> members, String where) {
        if (node == null || !node.isObject()) {
            return this;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!members.contains(name) && !node.get(name).isNull()) {
                throw ApiException.unsupported("The parameter " + name + " of " + where);
            }
        }
        return this;
    }

    public JsonNode get(String member) {
        JsonNode node = body.get(member);
        return node == null || node.isNull() ? null : node;
    }

    public boolean has(String member) {
        return get(member) != null;
    }

    /** A string member, or null. */
    public String string(String member) {
        return string(body, member);
    }

    public String string(JsonNode node, String member) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ApiException("SerializationException", 400, "Member " + member + " must be a string");
        }
        return value.textValue();
    }

    public Boolean bool(String member) {
        JsonNode value = get(member);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new ApiException("SerializationException", 400, "Member " + member + " must be a boolean");
        }
        return value.booleanValue();
    }

    public Long number(JsonNode node, String member) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw new ApiException("SerializationException", 400, "Member " + member + " must be an integer");
        }
        return value.longValue();
    }

    public Long number(String member) {
        return number(body, member);
    }

    /** Records a constraint violation at {@code path} (e.g. {@code tableName}); see {@link #check()}. */
    public void violation(Object value, String path, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        violations.add("Value " + shown + " at '" + path + "' failed to satisfy constraint: " + constraint);
    }

    /** Throws the violations recorded so far, DynamoDB's way, if there are any. */
    public void check() {
        if (violations.isEmpty()) {
            return;
        }
        int n = violations.size();
        String message = n + " validation error" + (n == 1 ? "" : "s") + " detected: " + String.join("; ", violations);
        violations.clear();
        throw ApiException.validation(message);
    }

    /** Checks a table name's presence, length and characters, and returns it (after {@link #check()}). */
    public String tableName(String member, String path) {
        String name = string(member);
        if (name != null && (name.length() < 3 || name.length() > 255)) {
            // DynamoDB checks a table name's length before anything else, with a message of its own
            throw ApiException.validation(member + " must be at least 3 characters long and at most 255 characters long");
        }
        validateTableName(name, path);
        return name;
    }

    public void validateTableName(String name, String path) {
        if (name == null) {
            violation(null, path, "Member must not be null");
            return;
        }
        if (!TABLE_NAME.matcher(name).matches()) {
            violation(name, path, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        if (name.length() < 3) {
            violation(name, path, "Member must have length greater than or equal to 3");
        } else if (name.length() > 255) {
            violation(name, path, "Member must have length less than or equal to 255");
        }
    }

    /** Checks an enum member and returns it (null when absent). */
    public String oneOf(String member, String path, Set<String> allowed) {
        String value = string(member);
        if (value != null && !allowed.contains(value)) {
            violation(value, path, "Member must satisfy enum value set: " + allowed);
        }
        return value;
    }

    public static Map<String, Value> item(JsonNode node) {
        return AttributeValues.item(node);
    }

    /** The request's ExpressionAttributeNames and ExpressionAttributeValues. */
    public ExpressionAttributes expressionAttributes(JsonNode node) {
        Map<String, String> names = null;
        JsonNode namesNode = node.get("ExpressionAttributeNames");
        if (namesNode != null && !namesNode.isNull()) {
            if (namesNode.isEmpty()) {
                throw ApiException.validation("ExpressionAttributeNames must not be empty");
            }
            names = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = namesNode.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!NAME_PLACEHOLDER.matcher(field.getKey()).matches()) {
                    throw ApiException.validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + field.getKey() + "\"");
                }
                names.put(field.getKey(), field.getValue().asText());
            }
        }
        Map<String, Value> values = null;
        JsonNode valuesNode = node.get("ExpressionAttributeValues");
        if (valuesNode != null && !valuesNode.isNull()) {
            if (valuesNode.isEmpty()) {
                throw ApiException.validation("ExpressionAttributeValues must not be empty");
            }
            values = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = valuesNode.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!VALUE_PLACEHOLDER.matcher(field.getKey()).matches()) {
                    throw ApiException.validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + field.getKey() + "\"");
                }
                try {
                    values.put(field.getKey(), AttributeValues.value(field.getValue()));
                } catch (ApiException e) {
                    throw ApiException.validation("ExpressionAttributeValues contains invalid value: " + e.getMessage()
                            + " for key " + field.getKey());
                }
            }
        }
        return new ExpressionAttributes(names, values);
    }
}
