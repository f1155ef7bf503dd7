package dev.stratus.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the CloudFormation intrinsic functions CDK writes into a {@code DefinitionString} to plain
 * text. Pseudo parameters become fixed values ({@link #PARTITION}, {@link #REGION},
 * {@link #ACCOUNT_ID}, {@link #URL_SUFFIX}); references to resources become placeholders in
 * {@code Fn::Sub} syntax: {@code {"Ref": "Fn1"}} is {@code ${Fn1}} and
 * {@code {"Fn::GetAtt": ["Fn1", "Arn"]}} is {@code ${Fn1.Arn}}. Supported: {@code Ref},
 * {@code Fn::GetAtt}, {@code Fn::Join}, {@code Fn::Sub}, {@code Fn::Select}, {@code Fn::Split},
 * {@code Fn::ImportValue}; any other intrinsic is refused by name.
 */
final class TemplateRenderer {
    static final String PARTITION = Defaults.PARTITION;
    static final String REGION = Defaults.REGION;
    static final String ACCOUNT_ID = Defaults.ACCOUNT_ID;
    static final String URL_SUFFIX = Defaults.URL_SUFFIX;

    /** A rendered reference: {@code ${LogicalId}} or {@code ${LogicalId.Attribute}}. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.([A-Za-z0-9.]+))?}");

    private final String where;

    TemplateRenderer(String where) {
        this.where = where;
    }

    /** Renders a value that must come out as one string. */
    String string(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        if (node.isObject() && node.size() == 1) {
            Map.Entry<String, JsonNode> fn = node.properties().iterator().next();
            JsonNode args = fn.getValue();
            switch (fn.getKey()) {
                case "Ref":
                    return ref(args.asText());
                case "Fn::GetAtt":
                    if (args.isArray() && args.size() == 2) {
                        return "${" + args.get(0).asText() + "." + string(args.get(1)) + "}";
                    }
                    if (args.isTextual() && args.asText().contains(".")) {
                        return "${" + args.asText() + "}";
                    }
                    throw new IllegalArgumentException(where + ": Fn::GetAtt needs [logicalId, attribute], but was " + args);
                case "Fn::Join": {
                    if (!args.isArray() || args.size() != 2) {
                        throw new IllegalArgumentException(where + ": Fn::Join needs [delimiter, [values]], but was " + args);
                    }
                    return String.join(string(args.get(0)), list(args.get(1)));
                }
                case "Fn::Sub":
                    return sub(args);
                case "Fn::Select": {
                    List<String> values = list(args.get(1));
                    int index = Integer.parseInt(string(args.get(0)));
                    if (index < 0 || index >= values.size()) {
                        throw new IllegalArgumentException(where + ": Fn::Select index " + index + " is out of bounds for " + values);
                    }
                    return values.get(index);
                }
                case "Fn::ImportValue":
                    return "${ImportValue:" + string(args) + "}";
                default:
                    if (fn.getKey().startsWith("Fn::") || fn.getKey().equals("Condition")) {
                        throw new UnsupportedFeatureException("the CloudFormation intrinsic " + fn.getKey() + " in " + where);
                    }
            }
        }
        throw new IllegalArgumentException(where + ": expected a string or an intrinsic function, but found " + node);
    }

    /** Renders a value that must come out as a list of strings (Fn::Join's and Fn::Select's lists). */
    List<String> list(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                values.add(string(item));
            }
            return values;
        }
        if (node.isObject() && node.has("Fn::Split")) {
            JsonNode args = node.get("Fn::Split");
            String delimiter = string(args.get(0));
            String text = string(args.get(1));
            int from = 0;
            for (int at = text.indexOf(delimiter); at >= 0; at = text.indexOf(delimiter, from)) {
                values.add(text.substring(from, at));
                from = at + delimiter.length();
            }
            values.add(text.substring(from));
            return values;
        }
        if (node.isObject() && node.size() == 1 && node.fieldNames().next().startsWith("Fn::")) {
            throw new UnsupportedFeatureException("the CloudFormation intrinsic " + node.fieldNames().next()
                    + " as a list in " + where);
        }
        throw new IllegalArgumentException(where + ": expected a list, but found " + node);
    }

    private String ref(String name) {
        return switch (name) {
            case "AWS::Partition" -> PARTITION;
            case "AWS::Region" -> REGION;
            case "AWS::AccountId" -> ACCOUNT_ID;
            case "AWS::URLSuffix" -> URL_SUFFIX;
            default -> "${" + name + "}";
        };
    }

    private String sub(JsonNode args) {
        String text;
        JsonNode variables = null;
        if (args.isTextual()) {
            text = args.asText();
        } else if (args.isArray() && args.size() == 2) {
            text = string(args.get(0));
            variables = args.get(1);
        } else {
            throw new IllegalArgumentException(where + ": Fn::Sub needs a string or [string, {variables}], but was " + args);
        }
        Matcher matcher = Pattern.compile("\\$\\{(!?)([^}]+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(2);
            String replacement;
            if (!matcher.group(1).isEmpty()) {
                replacement = "${" + name + "}";
            } else if (variables != null && variables.has(name)) {
                replacement = string(variables.get(name));
            } else if (name.contains(".")) {
                replacement = "${" + name + "}";
            } else {
                replacement = ref(name);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Replaces {@code ${key}} by each DefinitionSubstitutions value, as CloudFormation does. */
    String substitute(String definition, JsonNode substitutions) {
        if (substitutions == null || substitutions.isNull()) {
            return definition;
        }
        String result = definition;
        for (Map.Entry<String, JsonNode> entry : substitutions.properties()) {
            result = result.replace("${" + entry.getKey() + "}", string(entry.getValue()));
        }
        return result;
    }

    /** Renders every intrinsic inside an object-form {@code Definition} property. */
    JsonNode renderTree(JsonNode node) {
        if (node.isObject()) {
            if (node.size() == 1) {
                String key = node.fieldNames().next();
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return Json.NODES.textNode(string(node));
                }
            }
            com.fasterxml.jackson.databind.node.ObjectNode out = Json.object();
            node.properties().forEach(field -> out.set(field.getKey(), renderTree(field.getValue())));
            return out;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode out = Json.array();
            node.forEach(item -> out.add(renderTree(item)));
            return out;
        }
        return node;
    }
}
