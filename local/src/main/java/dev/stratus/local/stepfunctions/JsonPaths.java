package dev.stratus.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Paths as the States Language defines them: JSONPath in Jayway's syntax (the specification names
 * Jayway's JsonPath as the syntax), evaluated by Jayway over Jackson trees; {@code $$} selects the
 * context object. Reference paths (ResultPath) are written by a small parser of their restricted
 * syntax, because JSONPath libraries read but do not create intermediate fields.
 */
final class JsonPaths {
    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .build();

    private JsonPaths() {
    }

    /** Whether {@code path} is syntactically a Path: starts with {@code $} and Jayway compiles it. */
    static Optional<String> checkPath(String path) {
        if (path == null || !path.startsWith("$")) {
            return Optional.of("must be a JSONPath starting with '$'");
        }
        if (!balanced(path)) {
            return Optional.of("is not a valid JSONPath (unbalanced brackets)");
        }
        try {
            JsonPath.compile(path.startsWith("$$") ? path.substring(1) : path);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("is not a valid JSONPath (" + e.getMessage() + ")");
        }
    }

    /** Jayway compiles {@code $.a[} as {@code $.a}; Step Functions would not accept it. */
    private static boolean balanced(String path) {
        int depth = 0;
        char quote = 0;
        for (char c : path.toCharArray()) {
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                if (--depth < 0) {
                    return false;
                }
            }
        }
        return depth == 0 && quote == 0;
    }

    /**
     * Applies {@code path} to {@code input} (or, for {@code $$...}, to {@code context}). A definite
     * path that selects nothing is empty; an indefinite path (wildcards, slices, filters) always
     * yields an array, possibly empty, as the specification asks. The result is a copy.
     *
     * @throws IllegalArgumentException when Jayway cannot evaluate the path on this input
     */
    static Optional<JsonNode> read(String path, JsonNode input, JsonNode context) {
        JsonNode document = input;
        String jsonPath = path;
        if (path.startsWith("$$")) {
            document = context;
            jsonPath = path.substring(1);
        }
        if ("$".equals(jsonPath)) {
            return Optional.of(Json.copy(document));
        }
        try {
            Object value = JsonPath.using(JAYWAY).parse(document).read(jsonPath);
            return Optional.of(toNode(value));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            // Jayway reports evaluation problems as JsonPathException, and some (filters over
            // unexpected types) as ClassCastException: either way the path cannot apply here.
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static JsonNode toNode(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof JsonNode node) {
            return node.deepCopy();
        }
        return Json.MAPPER.valueToTree(value);
    }

    /** One step of a reference path: a field name or an array index. */
    record Segment(String field, int index) {
        boolean isIndex() {
            return field == null;
        }

        @Override
        public String toString() {
            return isIndex() ? "[" + index + "]" : "['" + field + "']";
        }
    }

    /**
     * Parses a Reference Path: {@code $}, then {@code .name} (a backslash escapes the next
     * character), {@code ['name']} or {@code [n]} steps; the operators {@code @ , : ?}, wildcards
     * and deep scan are refused because a reference path names exactly one node.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static List<Segment> parseReferencePath(String path) {
        if (path == null || !path.startsWith("$") || path.startsWith("$$")) {
            throw new IllegalArgumentException("must be a reference path starting with '$' (not '$$')");
        }
        List<Segment> segments = new ArrayList<>();
        int i = 1;
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
                if (i < n && path.charAt(i) == '.') {
                    throw new IllegalArgumentException("deep scan '..' cannot be used in a reference path");
                }
                StringBuilder name = new StringBuilder();
                while (i < n && path.charAt(i) != '.' && path.charAt(i) != '[') {
                    char ch = path.charAt(i);
                    if (ch == '\\' && i + 1 < n) {
                        name.append(path.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    if (ch == '*' || ch == '@' || ch == ',' || ch == ':' || ch == '?') {
                        throw new IllegalArgumentException("operator '" + ch + "' cannot be used in a reference path");
                    }
                    name.append(ch);
                    i++;
                }
                if (name.length() == 0) {
                    throw new IllegalArgumentException("has an empty field name");
                }
                segments.add(new Segment(name.toString(), -1));
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("has an unclosed '['");
                }
                String inner = path.substring(i + 1, close).trim();
                if (inner.length() >= 2 && (inner.startsWith("'") && inner.endsWith("'")
                        || inner.startsWith("\"") && inner.endsWith("\""))) {
                    segments.add(new Segment(inner.substring(1, inner.length() - 1), -1));
                } else if (inner.matches("\\d+")) {
                    segments.add(new Segment(null, Integer.parseInt(inner)));
                } else {
                    throw new IllegalArgumentException("'[" + inner + "]' does not name a single field or index");
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("unexpected character '" + c + "' at position " + i);
            }
        }
        return segments;
    }

    /**
     * Places {@code value} at the reference path in (a copy of) {@code target}, creating missing
     * intermediate objects, as ResultPath does.
     *
     * @throws IllegalArgumentException when the path cannot be applied to {@code target}
     */
    static JsonNode set(JsonNode target, List<Segment> segments, JsonNode value) {
        if (segments.isEmpty()) {
            return value;
        }
        JsonNode root = Json.copy(target);
        JsonNode current = root;
        StringBuilder at = new StringBuilder("$");
        for (int s = 0; s < segments.size(); s++) {
            Segment segment = segments.get(s);
            boolean last = s == segments.size() - 1;
            if (segment.isIndex()) {
                if (!(current instanceof ArrayNode array) || segment.index() >= array.size()) {
                    throw new IllegalArgumentException("'" + at + "' is " + describe(current)
                            + ", so index " + segment.index() + " cannot be set");
                }
                if (last) {
                    array.set(segment.index(), value);
                    return root;
                }
                current = array.get(segment.index());
            } else {
                if (!(current instanceof ObjectNode object)) {
                    throw new IllegalArgumentException("'" + at + "' is " + describe(current)
                            + ", so field '" + segment.field() + "' cannot be set");
                }
                if (last) {
                    object.set(segment.field(), value);
                    return root;
                }
                JsonNode next = object.get(segment.field());
                if (next == null) {
                    next = Json.object();
                    object.set(segment.field(), next);
                }
                current = next;
            }
            at.append(segment);
        }
        return root;
    }

    private static String describe(JsonNode node) {
        String type = Json.typeOf(node);
        return (type.startsWith("a") || type.startsWith("o") ? "an " : "a ") + type;
    }
}
