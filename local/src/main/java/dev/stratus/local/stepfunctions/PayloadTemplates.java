package dev.stratus.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Payload templates (Parameters, ResultSelector, ItemSelector): every field whose name ends in
 * {@code .$}, however deeply nested, is renamed without the suffix and its value replaced by the
 * path's selection (from the input, or from the context object for {@code $$}) or the intrinsic
 * function's result.
 */
final class PayloadTemplates {
    private static final Map<String, Intrinsics.Call> PARSED = new ConcurrentHashMap<>();

    private PayloadTemplates() {
    }

    /** Problems with a template, checked when a definition is loaded. */
    static void check(JsonNode template, String where, List<String> problems) {
        if (template instanceof ObjectNode object) {
            java.util.Set<String> names = new java.util.HashSet<>();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String name = field.getKey();
                String target = name.endsWith(".$") ? name.substring(0, name.length() - 2) : name;
                if (!names.add(target)) {
                    problems.add(where + ": field '" + target + "' appears twice once '.$' suffixes are removed");
                }
                if (name.endsWith(".$")) {
                    checkDynamic(field.getValue(), where + " field '" + name + "'", problems);
                } else {
                    check(field.getValue(), where, problems);
                }
            }
        } else if (template instanceof ArrayNode array) {
            array.forEach(item -> check(item, where, problems));
        }
    }

    /** Checks the value of a {@code .$} field (or of ErrorPath/CausePath): a path or an intrinsic. */
    static void checkDynamic(JsonNode value, String where, List<String> problems) {
        if (!value.isTextual()) {
            problems.add(where + " must be a string holding a JSONPath or an intrinsic function, but is " + Json.typeOf(value));
            return;
        }
        String text = value.asText();
        if (text.startsWith("$")) {
            JsonPaths.checkPath(text).ifPresent(problem -> problems.add(where + " value '" + text + "' " + problem));
        } else {
            try {
                parse(text);
            } catch (IllegalArgumentException e) {
                problems.add(where + " value '" + text + "' is not a valid intrinsic function: " + e.getMessage());
            }
        }
    }

    static Intrinsics.Call parse(String text) {
        return PARSED.computeIfAbsent(text, Intrinsics::parse);
    }

    /**
     * Builds the payload.
     *
     * @throws StatesFailure {@code States.Runtime} when a path selects nothing or a function fails
     */
    static JsonNode apply(JsonNode template, JsonNode input, JsonNode context, Random random) {
        if (template instanceof ObjectNode object) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String name = field.getKey();
                if (name.endsWith(".$")) {
                    out.set(name.substring(0, name.length() - 2),
                            dynamic(field.getValue().asText(), "field '" + name + "'", input, context, random));
                } else {
                    out.set(name, apply(field.getValue(), input, context, random));
                }
            }
            return out;
        }
        if (template instanceof ArrayNode array) {
            ArrayNode out = Json.array();
            array.forEach(item -> out.add(apply(item, input, context, random)));
            return out;
        }
        return Json.copy(template);
    }

    /** Evaluates a path or an intrinsic function as a {@code .$} field (or ErrorPath) does. */
    static JsonNode dynamic(String expression, String field, JsonNode input, JsonNode context, Random random) {
        if (expression.startsWith("$")) {
            Optional<JsonNode> selected;
            try {
                selected = JsonPaths.read(expression, input, context);
            } catch (IllegalArgumentException e) {
                throw StatesFailure.runtime("The JSONPath '" + expression + "' specified for the " + field
                        + " could not be evaluated: " + e.getMessage());
            }
            return selected.orElseThrow(() -> StatesFailure.runtime("The JSONPath '" + expression
                    + "' specified for the " + field + " could not be found in the input '"
                    + Json.write(expression.startsWith("$$") ? context : input) + "'"));
        }
        try {
            return Intrinsics.evaluate(parse(expression), input, context, random);
        } catch (IllegalArgumentException e) {
            throw StatesFailure.runtime("The evaluation of the intrinsic function '" + expression
                    + "' specified for the " + field + " failed: " + e.getMessage());
        }
    }
}
