package dev.stratus.local.dynamodb.internal.expr;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.value.Value;

/**
 * The {@code ExpressionAttributeNames} and {@code ExpressionAttributeValues} of one request, shared
 * by all its expressions, recording which placeholders the expressions used so that unused ones can
 * be refused afterwards, as DynamoDB does.
 */
public final class ExpressionAttributes {
    private final Map<String, String> names;
    private final Map<String, Value> values;
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();

    /** Either map may be null when the request has none. */
    public ExpressionAttributes(Map<String, String> names, Map<String, Value> values) {
        this.names = names == null ? null : new LinkedHashMap<>(names);
        this.values = values == null ? null : new LinkedHashMap<>(values);
    }

    public static ExpressionAttributes none() {
        return new ExpressionAttributes(null, null);
    }

    public Map<String, String> names() {
        return names;
    }

    public Map<String, Value> values() {
        return values;
    }

    /** Marks {@code #placeholder} used and returns its attribute name, or null when undefined. */
    public String useName(String placeholder) {
        usedNames.add(placeholder);
        return names == null ? null : names.get(placeholder);
    }

    /** Marks {@code :placeholder} used and returns its value, or null when undefined. */
    public Value useValue(String placeholder) {
        usedValues.add(placeholder);
        return values == null ? null : values.get(placeholder);
    }

    public Set<String> usedNames() {
        return usedNames;
    }

    public Set<String> usedValues() {
        return usedValues;
    }

    /**
     * Refuses placeholders that no expression of the request used, names first, with DynamoDB's
     * message ("Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}").
     */
    public void assertAllUsed() {
        refuseUnused("ExpressionAttributeNames", names == null ? null : names.keySet(), usedNames);
        refuseUnused("ExpressionAttributeValues", values == null ? null : values.keySet(), usedValues);
    }

    private static void refuseUnused(String parameter, Set<String> defined, Set<String> used) {
        if (defined == null) {
            return;
        }
        StringJoiner unused = new StringJoiner(", ", "{", "}");
        boolean any = false;
        for (String placeholder : defined) {
            if (!used.contains(placeholder)) {
                unused.add(placeholder);
                any = true;
            }
        }
        if (any) {
            throw ApiException.validation("Value provided in " + parameter + " unused in expressions: keys: " + unused);
        }
    }
}
