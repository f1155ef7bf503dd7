package dev.stratus.local.dynamodb.internal.value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.local.dynamodb.internal.ApiException;

/**
 * Attribute values to and from their wire form, {@code {"S": "text"}}, with DynamoDB's validation
 * of what a value may hold (Developer Guide, "Supported data types and naming rules"; API
 * Reference, "AttributeValue"). Every refusal is a {@code ValidationException} with DynamoDB's
 * message.
 */
public final class AttributeValues {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AttributeValues() {
    }

    /** An item (a map of attribute names to values) from its wire form. */
    public static Map<String, Value> item(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiException.validation("Expected an object of attribute values, but got " + node.getNodeType());
        }
        Map<String, Value> item = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            item.put(field.getKey(), value(field.getValue()));
        }
        return item;
    }

    /** One value from its wire form. */
    public static Value value(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw ApiException.validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        int size = node.size();
        if (size == 0) {
            throw ApiException.validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (size > 1) {
            throw ApiException.validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        Map.Entry<String, JsonNode> only = node.fields().next();
        String typeName = only.getKey();
        JsonNode body = only.getValue();
        Value.Type type = Value.Type.of(typeName);
        if (type == null) {
            throw ApiException.validation("Supplied AttributeValue has an unknown datatype " + typeName
                    + ", must contain exactly one of the supported datatypes");
        }
        switch (type) {
            case S:
                return new Value.S(text(body, typeName));
            case N:
                return new Value.N(number(text(body, typeName)));
            case B:
                return new Value.B(binary(text(body, typeName)));
            case BOOL:
                if (!body.isBoolean()) {
                    throw ApiException.validation("BOOL must be true or false");
                }
                return Value.bool(body.booleanValue());
            case NULL:
                if (!body.isBoolean() || !body.booleanValue()) {
                    throw ApiException.validation("One or more parameter values were invalid: Null attribute value types must have the value of true");
                }
                return Value.Null.INSTANCE;
            case SS: {
                List<String> members = members(body, typeName, "One or more parameter values were invalid: An string set  may not be empty");
                Set<String> set = new LinkedHashSet<>(members);
                if (set.size() != members.size()) {
                    throw ApiException.validation("One or more parameter values were invalid: Input collection " + members + " contains duplicates.");
                }
                return new Value.SS(set);
            }
            case NS: {
                List<String> members = members(body, typeName, "One or more parameter values were invalid: An number set  may not be empty");
                Set<BigDecimal> set = new LinkedHashSet<>();
                for (String member : members) {
                    set.add(number(member));
                }
                if (set.size() != members.size()) {
                    throw ApiException.validation("Input collection contains duplicates");
                }
                return new Value.NS(set);
            }
            case BS: {
                List<String> members = members(body, typeName, "One or more parameter values were invalid: Binary sets should not be empty");
                Set<Bytes> set = new LinkedHashSet<>();
                for (String member : members) {
                    set.add(binary(member));
                }
                if (set.size() != members.size()) {
                    throw ApiException.validation("One or more parameter values were invalid: Input collection " + members + "of type BS contains duplicates.");
                }
                return new Value.BS(set);
            }
            case L: {
                if (!body.isArray()) {
                    throw ApiException.validation("L must be a list of attribute values");
                }
                List<Value> list = new ArrayList<>(body.size());
                for (JsonNode element : body) {
                    list.add(value(element));
                }
                return new Value.L(list);
            }
            case M: {
                if (!body.isObject()) {
                    throw ApiException.validation("M must be a map of attribute values");
                }
                return new Value.M(item(body));
            }
            default:
                throw new IllegalStateException(typeName);
        }
    }

    private static String text(JsonNode body, String typeName) {
        if (!body.isTextual()) {
            throw ApiException.validation(typeName + " must be a string, but was " + body.getNodeType());
        }
        return body.textValue();
    }

    private static List<String> members(JsonNode body, String typeName, String emptyMessage) {
        if (!body.isArray()) {
            throw ApiException.validation(typeName + " must be a list of strings");
        }
        if (body.isEmpty()) {
            throw ApiException.validation(emptyMessage);
        }
        List<String> members = new ArrayList<>(body.size());
        for (JsonNode member : body) {
            members.add(text(member, typeName));
        }
        return members;
    }

    private static BigDecimal number(String text) {
        try {
            return Numbers.parse(text);
        } catch (Numbers.NumberRuleException e) {
            throw ApiException.validation(e.getMessage());
        }
    }

    private static Bytes binary(String base64) {
        try {
            return Bytes.fromBase64(base64);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("Invalid Base64 in a binary value: " + e.getMessage());
        }
    }

    /** An item in its wire form. */
    public static ObjectNode toJson(Map<String, Value> item) {
        ObjectNode node = JSON.objectNode();
        for (Map.Entry<String, Value> attribute : item.entrySet()) {
            node.set(attribute.getKey(), toJson(attribute.getValue()));
        }
        return node;
    }

    /** A value in its wire form. */
    public static ObjectNode toJson(Value value) {
        ObjectNode node = JSON.objectNode();
        String name = value.type().wireName();
        switch (value.type()) {
            case S:
                node.put(name, ((Value.S) value).value());
                break;
            case N:
                node.put(name, ((Value.N) value).text());
                break;
            case B:
                node.put(name, ((Value.B) value).value().base64());
                break;
            case BOOL:
                node.put(name, ((Value.Bool) value).value());
                break;
            case NULL:
                node.put(name, true);
                break;
            case SS: {
                ArrayNode array = node.putArray(name);
                ((Value.SS) value).values().forEach(array::add);
                break;
            }
            case NS: {
                ArrayNode array = node.putArray(name);
                ((Value.NS) value).values().forEach(n -> array.add(n.toPlainString()));
                break;
            }
            case BS: {
                ArrayNode array = node.putArray(name);
                ((Value.BS) value).values().forEach(b -> array.add(b.base64()));
                break;
            }
            case L: {
                ArrayNode array = node.putArray(name);
                ((Value.L) value).values().forEach(v -> array.add(toJson(v)));
                break;
            }
            case M:
                node.set(name, toJson(((Value.M) value).values()));
                break;
            default:
                throw new IllegalStateException(name);
        }
        return node;
    }

    /** A short, readable form of a value for error messages, e.g. {@code {S:abc}}. */
    public static String describe(Value value) {
        return toJson(value).toString();
    }
}
