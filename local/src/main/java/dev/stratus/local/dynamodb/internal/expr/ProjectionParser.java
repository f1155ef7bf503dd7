package dev.stratus.local.dynamodb.internal.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.stratus.local.dynamodb.internal.expr.Lexer.Token;
import dev.stratus.local.dynamodb.internal.value.Value;

/**
 * Parses a projection expression (Developer Guide, "Using projection expressions"): document paths
 * separated by commas. Its problems are reported in dynalite's projection grammar's order:
 * reserved words, undefined names, overlapping paths, conflicting paths.
 */
final class ProjectionParser extends Parser {
    private static final int RESERVED = 0;
    private static final int NAME = 1;
    private static final int OVERLAP = 2;
    private static final int CONFLICT = 3;

    ProjectionParser(String text, ExpressionAttributes attributes) {
        super(text, attributes, "ProjectionExpression", 4);
    }

    ProjectionImpl parse() {
        List<List<Object>> written = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        paths.add(onePath(written));
        while (at(",")) {
            next();
            paths.add(onePath(written));
        }
        expectEnd();
        throwProblems();
        return new ProjectionImpl(paths);
    }

    private Path onePath(List<List<Object>> written) {
        Token first = next();
        if (!isPathStart(first)) {
            throw syntax(first);
        }
        List<Object> path = path(first);
        checkPath(written, path, OVERLAP, CONFLICT);
        return new Path(path);
    }

    @Override
    boolean isKeyword(Token token) {
        return false;
    }

    @Override
    void reservedWord(String word) {
        problem(RESERVED, reservedWordMessage(word));
    }

    @Override
    void undefinedName(String placeholder) {
        problem(NAME, undefinedNameMessage(placeholder));
    }

    @Override
    void undefinedValue(String placeholder) {
        // a projection has no values: a :value is a syntax error
    }

    /**
     * A parsed projection. Applied to an item it keeps the structure of the projected paths: a map
     * keeps the projected entries, a list the projected elements in index order; paths that lead
     * nowhere are left out, and so is a map or list of which nothing is left.
     */
    static final class ProjectionImpl implements Projection {
        private static final class Node {
            boolean whole;
            Map<String, Node> names;
            TreeMap<Integer, Node> indexes;
        }

        private final List<Path> paths;
        private final Node root = new Node();

        ProjectionImpl(List<Path> paths) {
            this.paths = List.copyOf(paths);
            for (Path path : this.paths) {
                Node node = root;
                for (Object step : path.elements()) {
                    if (step instanceof Integer index) {
                        if (node.indexes == null) {
                            node.indexes = new TreeMap<>();
                        }
                        node = node.indexes.computeIfAbsent(index, i -> new Node());
                    } else {
                        if (node.names == null) {
                            node.names = new LinkedHashMap<>();
                        }
                        node = node.names.computeIfAbsent((String) step, s -> new Node());
                    }
                }
                node.whole = true;
            }
        }

        @Override
        public List<Path> paths() {
            return paths;
        }

        @Override
        public Map<String, Value> apply(Map<String, Value> item) {
            Map<String, Value> result = new LinkedHashMap<>();
            if (item == null) {
                return result;
            }
            for (Map.Entry<String, Node> entry : root.names.entrySet()) {
                Value value = item.get(entry.getKey());
                Value picked = value == null ? null : pick(entry.getValue(), value);
                if (picked != null) {
                    result.put(entry.getKey(), picked);
                }
            }
            return result;
        }

        private static Value pick(Node node, Value value) {
            if (node.whole) {
                return value;
            }
            if (node.names != null) {
                if (!(value instanceof Value.M map)) {
                    return null;
                }
                Map<String, Value> entries = new LinkedHashMap<>();
                for (Map.Entry<String, Node> child : node.names.entrySet()) {
                    Value entry = map.values().get(child.getKey());
                    Value picked = entry == null ? null : pick(child.getValue(), entry);
                    if (picked != null) {
                        entries.put(child.getKey(), picked);
                    }
                }
                return entries.isEmpty() ? null : new Value.M(entries);
            }
            if (!(value instanceof Value.L list)) {
                return null;
            }
            List<Value> elements = new ArrayList<>();
            for (Map.Entry<Integer, Node> child : node.indexes.entrySet()) {
                if (child.getKey() < list.values().size()) {
                    Value picked = pick(child.getValue(), list.values().get(child.getKey()));
                    if (picked != null) {
                        elements.add(picked);
                    }
                }
            }
            return elements.isEmpty() ? null : new Value.L(elements);
        }
    }
}
