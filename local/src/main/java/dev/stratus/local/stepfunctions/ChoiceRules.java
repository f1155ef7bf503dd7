package dev.stratus.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Choice Rules of the Choice state: the comparison operators (each with its {@code Path} variant),
 * {@code StringMatches}, the type tests ({@code IsNull}, {@code IsPresent}, {@code IsNumeric},
 * {@code IsString}, {@code IsBoolean}, {@code IsTimestamp}) and {@code And}/{@code Or}/{@code Not}.
 * A comparison whose value has another type is false ("Step Functions doesn't attempt to match a
 * numeric field to a string value"); a Variable that selects nothing is a {@code States.Runtime}
 * error, except for {@code IsPresent}.
 */
final class ChoiceRules {
    private enum Kind { STRING, NUMERIC, BOOLEAN, TIMESTAMP }

    private enum Op { EQ, LT, GT, LTE, GTE, MATCHES }

    private record Comparison(Kind kind, Op op, boolean path) {
    }

    private static final Map<String, Comparison> COMPARISONS = new LinkedHashMap<>();
    private static final Set<String> TYPE_TESTS = Set.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");

    static {
        Map<String, Op> ops = Map.of("Equals", Op.EQ, "LessThan", Op.LT, "GreaterThan", Op.GT,
                "LessThanEquals", Op.LTE, "GreaterThanEquals", Op.GTE);
        for (Kind kind : Kind.values()) {
            String prefix = switch (kind) {
                case STRING -> "String";
                case NUMERIC -> "Numeric";
                case BOOLEAN -> "Boolean";
                case TIMESTAMP -> "Timestamp";
            };
            for (Map.Entry<String, Op> op : ops.entrySet()) {
                if (kind == Kind.BOOLEAN && op.getValue() != Op.EQ) {
                    continue;
                }
                COMPARISONS.put(prefix + op.getKey(), new Comparison(kind, op.getValue(), false));
                COMPARISONS.put(prefix + op.getKey() + "Path", new Comparison(kind, op.getValue(), true));
            }
        }
        COMPARISONS.put("StringMatches", new Comparison(Kind.STRING, Op.MATCHES, false));
    }

    private ChoiceRules() {
    }

    /** Checks one rule; {@code topLevel} rules need a Next, nested ones may not have one. */
    static void check(JsonNode rule, boolean topLevel, String where, List<String> problems) {
        if (!rule.isObject()) {
            problems.add(where + " must be a JSON object, but is " + Json.typeOf(rule));
            return;
        }
        if (topLevel && !rule.path("Next").isTextual()) {
            problems.add(where + ": field 'Next' is required in a top-level Choice Rule");
        }
        if (!topLevel && rule.has("Next")) {
            problems.add(where + ": field 'Next' is only allowed in a top-level Choice Rule, not inside And, Or or Not");
        }
        List<String> operators = new ArrayList<>();
        for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.equals("Next") || name.equals("Comment") || name.equals("Variable")) {
                continue;
            }
            if (name.equals("And") || name.equals("Or") || name.equals("Not")
                    || COMPARISONS.containsKey(name) || TYPE_TESTS.contains(name)) {
                operators.add(name);
            } else if (name.equals("Condition") || name.equals("Assign")) {
                problems.add(where + ": field '" + name + "' belongs to JSONata or variables, which the local executor does not support");
            } else {
                problems.add(where + ": field '" + name + "' is not a Choice Rule field or comparison operator");
            }
        }
        if (operators.size() != 1) {
            problems.add(where + " must have exactly one comparison operator or And/Or/Not, but has "
                    + (operators.isEmpty() ? "none" : String.join(", ", operators)));
            return;
        }
        String operator = operators.get(0);
        JsonNode operand = rule.get(operator);
        switch (operator) {
            case "And", "Or" -> {
                if (rule.has("Variable")) {
                    problems.add(where + ": field 'Variable' cannot be combined with '" + operator + "'");
                }
                if (!operand.isArray() || operand.isEmpty()) {
                    problems.add(where + ": field '" + operator + "' must be a non-empty array of Choice Rules");
                } else {
                    for (int i = 0; i < operand.size(); i++) {
                        check(operand.get(i), false, where + " " + operator + "[" + i + "]", problems);
                    }
                }
            }
            case "Not" -> {
                if (rule.has("Variable")) {
                    problems.add(where + ": field 'Variable' cannot be combined with 'Not'");
                }
                check(operand, false, where + " Not", problems);
            }
            default -> {
                JsonNode variable = rule.get("Variable");
                if (variable == null || !variable.isTextual()) {
                    problems.add(where + ": field 'Variable' is required with '" + operator + "' and must be a JSONPath string");
                } else {
                    JsonPaths.checkPath(variable.asText()).ifPresent(p -> problems.add(where + ": field 'Variable' " + p));
                }
                checkOperand(operator, operand, where, problems);
            }
        }
    }

    private static void checkOperand(String operator, JsonNode operand, String where, List<String> problems) {
        String field = where + ": field '" + operator + "'";
        if (TYPE_TESTS.contains(operator)) {
            if (!operand.isBoolean()) {
                problems.add(field + " must be true or false, but is " + Json.typeOf(operand));
            }
            return;
        }
        Comparison comparison = COMPARISONS.get(operator);
        if (comparison.path()) {
            if (!operand.isTextual()) {
                problems.add(field + " must be a JSONPath string, but is " + Json.typeOf(operand));
            } else {
                JsonPaths.checkPath(operand.asText()).ifPresent(p -> problems.add(field + " " + p));
            }
            return;
        }
        boolean ok = switch (comparison.kind()) {
            case STRING -> operand.isTextual();
            case NUMERIC -> operand.isNumber();
            case BOOLEAN -> operand.isBoolean();
            case TIMESTAMP -> operand.isTextual() && Json.parseTimestamp(operand.asText()).isPresent();
        };
        if (!ok) {
            String expected = switch (comparison.kind()) {
                case STRING -> "a string";
                case NUMERIC -> "a number";
                case BOOLEAN -> "true or false";
                case TIMESTAMP -> "an RFC 3339 timestamp such as 2016-08-18T17:33:00Z";
            };
            problems.add(field + " must be " + expected + ", but is " + Json.write(operand));
        }
    }

    /** Whether {@code rule} matches the state's effective input. */
    static boolean matches(JsonNode rule, JsonNode input, JsonNode context) {
        if (rule.has("And")) {
            for (JsonNode inner : rule.get("And")) {
                if (!matches(inner, input, context)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode inner : rule.get("Or")) {
                if (matches(inner, input, context)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(rule.get("Not"), input, context);
        }
        String variable = rule.get("Variable").asText();
        Optional<JsonNode> selected = read(variable, input, context);
        if (rule.has("IsPresent")) {
            return selected.isPresent() == rule.get("IsPresent").booleanValue();
        }
        JsonNode value = selected.orElseThrow(() -> invalidPath(variable));
        for (String test : TYPE_TESTS) {
            if (rule.has(test)) {
                boolean is = switch (test) {
                    case "IsNull" -> value.isNull();
                    case "IsNumeric" -> value.isNumber();
                    case "IsString" -> value.isTextual();
                    case "IsBoolean" -> value.isBoolean();
                    default -> value.isTextual() && Json.parseTimestamp(value.asText()).isPresent();
                };
                return is == rule.get(test).booleanValue();
            }
        }
        for (Map.Entry<String, Comparison> entry : COMPARISONS.entrySet()) {
            if (rule.has(entry.getKey())) {
                Comparison comparison = entry.getValue();
                JsonNode operand = rule.get(entry.getKey());
                if (comparison.path()) {
                    String path = operand.asText();
                    operand = read(path, input, context).orElseThrow(() -> invalidPath(path));
                }
                return compare(comparison, value, operand);
            }
        }
        throw new IllegalStateException("unchecked Choice Rule " + rule);
    }

    private static Optional<JsonNode> read(String path, JsonNode input, JsonNode context) {
        try {
            return JsonPaths.read(path, input, context);
        } catch (IllegalArgumentException e) {
            throw StatesFailure.runtime("Invalid path '" + path + "': " + e.getMessage());
        }
    }

    private static StatesFailure invalidPath(String path) {
        return StatesFailure.runtime("Invalid path '" + path + "': The choice state's condition path references an invalid value.");
    }

    private static boolean compare(Comparison comparison, JsonNode value, JsonNode operand) {
        int order;
        switch (comparison.kind()) {
            case STRING -> {
                if (!value.isTextual() || !operand.isTextual()) {
                    return false;
                }
                if (comparison.op() == Op.MATCHES) {
                    return wildcard(operand.asText()).matcher(value.asText()).matches();
                }
                order = value.asText().compareTo(operand.asText());
            }
            case NUMERIC -> {
                if (!value.isNumber() || !operand.isNumber()) {
                    return false;
                }
                order = value.decimalValue().compareTo(operand.decimalValue());
            }
            case BOOLEAN -> {
                return value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
            }
            default -> {
                Optional<Instant> left = value.isTextual() ? Json.parseTimestamp(value.asText()) : Optional.empty();
                Optional<Instant> right = operand.isTextual() ? Json.parseTimestamp(operand.asText()) : Optional.empty();
                if (left.isEmpty() || right.isEmpty()) {
                    return false;
                }
                order = left.get().compareTo(right.get());
            }
        }
        return switch (comparison.op()) {
            case EQ -> order == 0;
            case LT -> order < 0;
            case GT -> order > 0;
            case LTE -> order <= 0;
            case GTE -> order >= 0;
            case MATCHES -> throw new IllegalStateException();
        };
    }

    /** StringMatches: {@code *} matches any run of characters, {@code \*} a star, {@code \\} a backslash. */
    static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
            } else if (c == '*') {
                regex.append(Pattern.quote(literal.toString())).append(".*");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
