package dev.stratus.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The JSONPath intrinsic functions of the States Language (Appendix B of the specification; the
 * Developer Guide's "Intrinsic functions" page): a parser for the call syntax, checked when a
 * definition is loaded, and an evaluator. Evaluation errors are {@link IllegalArgumentException}s
 * whose message the interpreter turns into a {@code States.Runtime} failure.
 */
final class Intrinsics {
    /** "You can nest up to 10 intrinsic functions within a field" (Developer Guide). */
    static final int MAX_FUNCTIONS_PER_FIELD = 10;

    /** Base64Encode, Base64Decode and Hash take at most 10,000 characters. */
    static final int MAX_DATA_CHARACTERS = 10_000;

    /** ArrayRange: "The newly generated array MUST NOT contain more than 1000 items." */
    static final int MAX_RANGE_ITEMS = 1000;

    // Escaped braces in string literals, kept apart from the {} placeholders of States.Format.
    private static final char ESCAPED_OPEN = '\uE000';
    private static final char ESCAPED_CLOSE = '\uE001';

    /** Minimum and maximum argument counts (-1: unbounded) of every function the service offers. */
    private static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("States.Format", new int[] {1, -1}),
            Map.entry("States.StringToJson", new int[] {1, 1}),
            Map.entry("States.JsonToString", new int[] {1, 1}),
            Map.entry("States.Array", new int[] {0, -1}),
            Map.entry("States.ArrayPartition", new int[] {2, 2}),
            Map.entry("States.ArrayContains", new int[] {2, 2}),
            Map.entry("States.ArrayRange", new int[] {3, 3}),
            Map.entry("States.ArrayGetItem", new int[] {2, 2}),
            Map.entry("States.ArrayLength", new int[] {1, 1}),
            Map.entry("States.ArrayUnique", new int[] {1, 1}),
            Map.entry("States.Base64Encode", new int[] {1, 1}),
            Map.entry("States.Base64Decode", new int[] {1, 1}),
            Map.entry("States.Hash", new int[] {2, 2}),
            Map.entry("States.JsonMerge", new int[] {3, 3}),
            Map.entry("States.MathRandom", new int[] {2, 3}),
            Map.entry("States.MathAdd", new int[] {2, 2}),
            Map.entry("States.StringSplit", new int[] {2, 2}),
            Map.entry("States.UUID", new int[] {0, 0}));

    private Intrinsics() {
    }

    /** A parsed argument or call. */
    sealed interface Expr permits Literal, PathArg, Call {
    }

    /** A string (with escaped braces marked), number, boolean or null. */
    record Literal(JsonNode value, String formatText) implements Expr {
    }

    record PathArg(String path) implements Expr {
    }

    record Call(String name, List<Expr> args) implements Expr {
    }

    /**
     * Parses an intrinsic function invocation.
     *
     * @throws IllegalArgumentException naming the problem (unknown function, wrong argument count,
     *     bad escape, more than ten functions, a malformed path argument)
     */
    static Call parse(String text) {
        Parser parser = new Parser(text);
        Call call = parser.call();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw new IllegalArgumentException("unexpected text after the closing ')' at position " + parser.pos);
        }
        if (parser.calls > MAX_FUNCTIONS_PER_FIELD) {
            throw new IllegalArgumentException("uses " + parser.calls + " intrinsic functions; at most "
                    + MAX_FUNCTIONS_PER_FIELD + " may be nested in one field");
        }
        return call;
    }

    private static final class Parser {
        private final String text;
        private int pos;
        private int calls;

        Parser(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        void skipSpace() {
            while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        Call call() {
            skipSpace();
            int start = pos;
            while (!atEnd() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                    || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (name.isEmpty() || atEnd() || text.charAt(pos) != '(') {
                throw new IllegalArgumentException("expected an intrinsic function call such as States.Format(...) at position " + start);
            }
            int[] arity = ARITY.get(name);
            if (arity == null) {
                throw new IllegalArgumentException("'" + name + "' is not an intrinsic function; known: "
                        + new java.util.TreeSet<>(ARITY.keySet()));
            }
            calls++;
            pos++;
            List<Expr> args = new ArrayList<>();
            skipSpace();
            if (!atEnd() && text.charAt(pos) == ')') {
                pos++;
            } else {
                while (true) {
                    args.add(argument());
                    skipSpace();
                    if (atEnd()) {
                        throw new IllegalArgumentException("missing ')' closing " + name);
                    }
                    char c = text.charAt(pos++);
                    if (c == ')') {
                        break;
                    }
                    if (c != ',') {
                        throw new IllegalArgumentException("expected ',' or ')' at position " + (pos - 1) + " in " + name);
                    }
                }
            }
            if (args.size() < arity[0] || arity[1] >= 0 && args.size() > arity[1]) {
                String expected = arity[1] < 0 ? "at least " + arity[0]
                        : arity[0] == arity[1] ? String.valueOf(arity[0]) : arity[0] + " to " + arity[1];
                throw new IllegalArgumentException(name + " takes " + expected + " argument(s), but was given " + args.size());
            }
            return new Call(name, List.copyOf(args));
        }

        Expr argument() {
            skipSpace();
            if (atEnd()) {
                throw new IllegalArgumentException("missing argument at the end");
            }
            char c = text.charAt(pos);
            if (c == '\'') {
                return string();
            }
            if (c == '$') {
                return path();
            }
            if (c == '-' || Character.isDigit(c)) {
                return number();
            }
            for (String word : new String[] {"null", "true", "false"}) {
                if (text.startsWith(word, pos) && !isNameChar(pos + word.length())) {
                    pos += word.length();
                    JsonNode value = switch (word) {
                        case "null" -> NullNode.getInstance();
                        case "true" -> BooleanNode.TRUE;
                        default -> BooleanNode.FALSE;
                    };
                    return new Literal(value, null);
                }
            }
            return call();
        }

        private boolean isNameChar(int at) {
            return at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_');
        }

        Literal string() {
            int start = pos;
            pos++;
            StringBuilder marked = new StringBuilder();
            while (true) {
                if (atEnd()) {
                    throw new IllegalArgumentException("unterminated string starting at position " + start);
                }
                char c = text.charAt(pos++);
                if (c == '\'') {
                    break;
                }
                if (c == '\\') {
                    if (atEnd()) {
                        throw new IllegalArgumentException("open escape '\\' at the end of the string starting at position " + start);
                    }
                    char escaped = text.charAt(pos++);
                    switch (escaped) {
                        case '\'' -> marked.append('\'');
                        case '\\' -> marked.append('\\');
                        case '{' -> marked.append(ESCAPED_OPEN);
                        case '}' -> marked.append(ESCAPED_CLOSE);
                        default -> throw new IllegalArgumentException("open escape '\\" + escaped
                                + "' in the string starting at position " + start + " (only \\' \\{ \\} \\\\ are escapes)");
                    }
                } else {
                    marked.append(c);
                }
            }
            String formatText = marked.toString();
            return new Literal(TextNode.valueOf(unmark(formatText)), formatText);
        }

        PathArg path() {
            int start = pos;
            int depth = 0;
            char quote = 0;
            while (!atEnd()) {
                char c = text.charAt(pos);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[' || c == '(') {
                    depth++;
                } else if (c == ']' || c == ')') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (c == ',' && depth == 0) {
                    break;
                }
                pos++;
            }
            String path = text.substring(start, pos).trim();
            JsonPaths.checkPath(path).ifPresent(problem -> {
                throw new IllegalArgumentException("argument '" + path + "' " + problem);
            });
            return new PathArg(path);
        }

        Literal number() {
            int start = pos;
            if (text.charAt(pos) == '-') {
                pos++;
            }
            while (!atEnd() && (Character.isDigit(text.charAt(pos)) || ".eE+-".indexOf(text.charAt(pos)) >= 0)) {
                pos++;
            }
            String token = text.substring(start, pos);
            try {
                JsonNode value = Json.MAPPER.readTree(token);
                if (value == null || !value.isNumber()) {
                    throw new IllegalArgumentException("'" + token + "' is not a number");
                }
                return new Literal(value, null);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("'" + token + "' is not a number");
            }
        }
    }

    private static String unmark(String text) {
        return text.replace(ESCAPED_OPEN, '{').replace(ESCAPED_CLOSE, '}');
    }

    /** Evaluates a parsed call against the payload template's input and the context object. */
    static JsonNode evaluate(Call call, JsonNode input, JsonNode context, Random random) {
        List<JsonNode> args = new ArrayList<>(call.args().size());
        for (Expr arg : call.args()) {
            args.add(value(arg, input, context, random));
        }
        try {
            return apply(call, args, random);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(call.name() + ": the result does not fit a 64-bit integer", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(call.name() + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode value(Expr expr, JsonNode input, JsonNode context, Random random) {
        if (expr instanceof Literal literal) {
            return literal.value();
        }
        if (expr instanceof PathArg path) {
            return JsonPaths.read(path.path(), input, context).orElseThrow(() -> new IllegalArgumentException(
                    "the JSONPath '" + path.path() + "' could not be found in the input"));
        }
        return evaluate((Call) expr, input, context, random);
    }

    private static JsonNode apply(Call call, List<JsonNode> args, Random random) {
        return switch (call.name()) {
            case "States.Format" -> format(call, args);
            case "States.StringToJson" -> {
                String text = string(args.get(0), "the argument");
                try {
                    JsonNode parsed = Json.MAPPER.readTree(text);
                    if (parsed == null || parsed.isMissingNode()) {
                        throw new IllegalArgumentException("the argument is empty, not JSON text");
                    }
                    yield parsed;
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException("the argument is not JSON text: " + e.getOriginalMessage());
                }
            }
            case "States.JsonToString" -> TextNode.valueOf(Json.write(args.get(0)));
            case "States.Array" -> {
                ArrayNode array = Json.array();
                args.forEach(array::add);
                yield array;
            }
            case "States.ArrayPartition" -> {
                ArrayNode items = array(args.get(0), "the first argument");
                long size = integer(args.get(1), "the chunk size");
                if (size <= 0) {
                    throw new IllegalArgumentException("the chunk size must be a positive integer, but was " + size);
                }
                ArrayNode chunks = Json.array();
                ArrayNode chunk = null;
                for (int i = 0; i < items.size(); i++) {
                    if (i % size == 0) {
                        chunk = chunks.addArray();
                    }
                    chunk.add(items.get(i));
                }
                yield chunks;
            }
            case "States.ArrayContains" -> {
                ArrayNode items = array(args.get(0), "the first argument");
                boolean found = false;
                for (JsonNode item : items) {
                    found |= Json.same(item, args.get(1));
                }
                yield BooleanNode.valueOf(found);
            }
            case "States.ArrayRange" -> {
                long first = integer(args.get(0), "the first argument");
                long last = integer(args.get(1), "the second argument");
                long step = integer(args.get(2), "the step");
                if (step == 0) {
                    throw new IllegalArgumentException("the step must not be zero");
                }
                ArrayNode range = Json.array();
                for (long v = first; step > 0 ? v <= last : v >= last; v += step) {
                    if (range.size() == MAX_RANGE_ITEMS) {
                        throw new IllegalArgumentException("the range would have more than " + MAX_RANGE_ITEMS + " items");
                    }
                    range.add(Json.number(v));
                }
                yield range;
            }
            case "States.ArrayGetItem" -> {
                ArrayNode items = array(args.get(0), "the first argument");
                long index = integer(args.get(1), "the index");
                if (index < 0 || index >= items.size()) {
                    throw new IllegalArgumentException("index " + index + " is out of bounds for an array of " + items.size() + " item(s)");
                }
                yield items.get((int) index);
            }
            case "States.ArrayLength" -> Json.NODES.numberNode(array(args.get(0), "the argument").size());
            case "States.ArrayUnique" -> {
                ArrayNode unique = Json.array();
                for (JsonNode item : array(args.get(0), "the argument")) {
                    boolean seen = false;
                    for (JsonNode kept : unique) {
                        seen |= Json.same(kept, item);
                    }
                    if (!seen) {
                        unique.add(item);
                    }
                }
                yield unique;
            }
            case "States.Base64Encode" -> TextNode.valueOf(Base64.getEncoder().encodeToString(
                    limited(string(args.get(0), "the argument")).getBytes(StandardCharsets.UTF_8)));
            case "States.Base64Decode" -> {
                try {
                    byte[] bytes = Base64.getDecoder().decode(limited(string(args.get(0), "the argument")));
                    yield TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the argument is not Base64: " + e.getMessage());
                }
            }
            case "States.Hash" -> {
                JsonNode data = args.get(0);
                String text = limited(data.isTextual() ? data.asText() : Json.write(data));
                String algorithm = string(args.get(1), "the algorithm");
                if (!List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512").contains(algorithm)) {
                    throw new IllegalArgumentException("the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but was '" + algorithm + "'");
                }
                try {
                    byte[] digest = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
                    yield TextNode.valueOf(HexFormat.of().formatHex(digest));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
            case "States.JsonMerge" -> {
                ObjectNode first = object(args.get(0), "the first argument");
                ObjectNode second = object(args.get(1), "the second argument");
                if (!args.get(2).isBoolean()) {
                    throw new IllegalArgumentException("the third argument must be a boolean, but was " + Json.typeOf(args.get(2)));
                }
                if (args.get(2).booleanValue()) {
                    // The Developer Guide: "Step Functions only supports the shallow merging mode".
                    throw new IllegalArgumentException("only the shallow merge (third argument false) is supported by Step Functions");
                }
                ObjectNode merged = first.deepCopy();
                merged.setAll(second.deepCopy());
                yield merged;
            }
            case "States.MathRandom" -> {
                long start = integer(args.get(0), "the start");
                long end = integer(args.get(1), "the end");
                if (end <= start) {
                    throw new IllegalArgumentException("the end (" + end + ") must be greater than the start (" + start + ")");
                }
                Random source = args.size() == 3 ? new Random(integer(args.get(2), "the seed")) : random;
                yield Json.number(start + (long) (source.nextDouble() * (end - start)));
            }
            case "States.MathAdd" -> Json.number(Math.addExact(
                    integer(args.get(0), "the first argument"), integer(args.get(1), "the second argument")));
            case "States.StringSplit" -> {
                String text = string(args.get(0), "the first argument");
                String delimiters = string(args.get(1), "the delimiter");
                ArrayNode parts = Json.array();
                // Every character of the second argument delimits; empty pieces are dropped.
                StringBuilder piece = new StringBuilder();
                for (char c : text.toCharArray()) {
                    if (delimiters.indexOf(c) >= 0) {
                        if (piece.length() > 0) {
                            parts.add(piece.toString());
                        }
                        piece.setLength(0);
                    } else {
                        piece.append(c);
                    }
                }
                if (piece.length() > 0) {
                    parts.add(piece.toString());
                }
                yield parts;
            }
            case "States.UUID" -> TextNode.valueOf(Json.uuid(random));
            default -> throw new IllegalStateException("no implementation of " + call.name());
        };
    }

    private static JsonNode format(Call call, List<JsonNode> args) {
        Expr first = call.args().get(0);
        String template = first instanceof Literal literal && literal.formatText() != null
                ? literal.formatText() : string(args.get(0), "the format string");
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw new IllegalArgumentException("the format string has more {} placeholders than the "
                            + (args.size() - 1) + " value(s) given");
                }
                JsonNode value = args.get(next++);
                if (value.isContainerNode()) {
                    throw new IllegalArgumentException("argument " + next + " is " + Json.typeOf(value)
                            + "; only strings, numbers, booleans and null can be formatted");
                }
                out.append(value.isNull() ? "null" : value.asText());
                i++;
            } else if (c == '{' || c == '}') {
                throw new IllegalArgumentException("the format string has an unescaped '" + c + "' (write \\\\" + c + ")");
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw new IllegalArgumentException("the format string has " + (next - 1) + " {} placeholder(s) but "
                    + (args.size() - 1) + " value(s) were given");
        }
        return TextNode.valueOf(unmark(out.toString()));
    }

    private static String limited(String text) {
        if (text.length() > MAX_DATA_CHARACTERS) {
            throw new IllegalArgumentException("the data has " + text.length() + " characters; at most "
                    + MAX_DATA_CHARACTERS + " are allowed");
        }
        return text;
    }

    private static String string(JsonNode value, String what) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(what + " must be a string, but was " + Json.typeOf(value));
        }
        return value.asText();
    }

    private static ArrayNode array(JsonNode value, String what) {
        if (!(value instanceof ArrayNode array)) {
            throw new IllegalArgumentException(what + " must be an array, but was " + Json.typeOf(value));
        }
        return array;
    }

    private static ObjectNode object(JsonNode value, String what) {
        if (!(value instanceof ObjectNode object)) {
            throw new IllegalArgumentException(what + " must be a JSON object, but was " + Json.typeOf(value));
        }
        return object;
    }

    private static long integer(JsonNode value, String what) {
        return Json.integral(value).orElseThrow(() -> new IllegalArgumentException(
                what + " must be an integer, but was " + (value.isNumber() ? value.asText() : Json.typeOf(value))));
    }
}
