package dev.stratus.local.dynamodb.internal.expr;

import java.util.ArrayList;
import java.util.List;

import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.expr.Lexer.Kind;
import dev.stratus.local.dynamodb.internal.expr.Lexer.Token;
import dev.stratus.local.dynamodb.internal.value.Value;
import dev.stratus.local.dynamodb.internal.value.Values;

/**
 * What the expression parsers share: the token cursor, syntax errors worded as DynamoDB words them,
 * document paths, placeholders, the documented limits, and the problems found while parsing, kept
 * by category and reported in each expression type's order of precedence once the text parsed
 * (a syntax error is reported at once and wins over any of them).
 */
abstract class Parser {
    /** DynamoDB's messages for names and placeholders, the same in every kind of expression. */
    static String reservedWordMessage(String word) {
        return "Attribute name is a reserved keyword; reserved keyword: " + word;
    }

    static String undefinedNameMessage(String placeholder) {
        return "An expression attribute name used in the document path is not defined; attribute name: " + placeholder;
    }

    static String undefinedValueMessage(String placeholder) {
        return "An expression attribute value used in expression is not defined; attribute value: " + placeholder;
    }

    /** Developer Guide, "Expression parameters": an expression is at most 4 KB. */
    static final int MAX_SIZE = 4096;
    /** Developer Guide, "Expression parameters": at most 300 operators or functions. */
    static final int MAX_OPERATORS = 300;
    /** Developer Guide, "Attributes": nested attributes go at most 32 levels deep. */
    static final int MAX_PATH_LEVELS = 32;
    /** This engine's bound on nested parentheses and function calls, so that parsing never overflows the stack. */
    static final int MAX_DEPTH = 400;

    final String text;
    final String parameter;
    final ExpressionAttributes attributes;
    final Token[] tokens;
    private int pos;
    private final String[] problems;
    private int depth;
    private int operators;

    Parser(String text, ExpressionAttributes attributes, String parameter, int categories) {
        this.parameter = parameter;
        if (text == null || text.isBlank()) {
            throw invalid("The expression can not be empty;");
        }
        int size = Values.utf8Length(text);
        if (size > MAX_SIZE) {
            throw invalid("Expression size has exceeded the maximum allowed size; expression size: " + size);
        }
        this.text = text;
        this.attributes = attributes == null ? ExpressionAttributes.none() : attributes;
        this.tokens = Lexer.tokens(text);
        this.problems = new String[categories];
    }

    // ------------------------------------------------------------------------------------ hooks

    /** Words that are part of the grammar here and so never a bare attribute name. */
    abstract boolean isKeyword(Token token);

    abstract void reservedWord(String word);

    abstract void undefinedName(String placeholder);

    abstract void undefinedValue(String placeholder);

    // ----------------------------------------------------------------------------------- tokens

    final Token peek() {
        return tokens[pos];
    }

    final Token next() {
        Token token = tokens[pos];
        if (token.kind() != Kind.EOF) {
            pos++;
        }
        return token;
    }

    final boolean at(String symbol) {
        return tokens[pos].is(symbol);
    }

    final boolean atWord(String keyword) {
        return tokens[pos].isWord(keyword);
    }

    final Token expect(String symbol) {
        Token token = next();
        if (!token.is(symbol)) {
            throw syntax(token);
        }
        return token;
    }

    final void expectEnd() {
        if (peek().kind() != Kind.EOF) {
            throw syntax(peek());
        }
    }

    /** A bare name that may start a path (not a keyword of this expression type). */
    final boolean isPathStart(Token token) {
        return token.kind() == Kind.NAME || (token.kind() == Kind.IDENT && !isKeyword(token));
    }

    // ----------------------------------------------------------------------------------- errors

    final ApiException invalid(String message) {
        return ApiException.validation("Invalid " + parameter + ": " + message);
    }

    /**
     * DynamoDB's syntax error: the offending token ({@code <EOF>} at the end) and the text from the
     * token before it to the token after it.
     */
    final ApiException syntax(Token bad) {
        Token before = bad.index() > 0 ? tokens[bad.index() - 1] : null;
        int start = before != null ? before.start() : bad.start();
        int end;
        if (bad.kind() == Kind.EOF) {
            end = before != null ? before.end() : bad.start();
        } else {
            Token after = tokens[bad.index() + 1];
            end = after.kind() != Kind.EOF ? after.end() : bad.end();
        }
        String token = bad.kind() == Kind.EOF ? "<EOF>" : bad.text();
        return invalid("Syntax error; token: \"" + token + "\", near: \"" + text.substring(start, end) + "\"");
    }

    /** Records a problem; the first of each category is kept. */
    final void problem(int category, String message) {
        if (problems[category] == null) {
            problems[category] = message;
        }
    }

    /** Throws the problem of the first category that has one. */
    final void throwProblems() {
        for (String problem : problems) {
            if (problem != null) {
                throw invalid(problem);
            }
        }
    }

    final void enter() {
        if (++depth > MAX_DEPTH) {
            throw invalid("The expression is nested too deeply; nesting levels: " + depth);
        }
    }

    final void leave() {
        depth--;
    }

    final void countOperator() {
        if (++operators > MAX_OPERATORS) {
            throw invalid("The expression contains too many operators; operator count: " + operators);
        }
    }

    // ------------------------------------------------------------------------------------ paths

    /** A path starting at a token already taken ({@link #isPathStart}). */
    final List<Object> path(Token first) {
        List<Object> elements = new ArrayList<>(4);
        elements.add(element(first));
        continuePath(elements);
        return elements;
    }

    /** Adds any {@code .name} and {@code [index]} that follow. */
    final void continuePath(List<Object> elements) {
        while (true) {
            if (at(".")) {
                next();
                Token name = next();
                if (!isPathStart(name)) {
                    throw syntax(name);
                }
                elements.add(element(name));
            } else if (at("[")) {
                next();
                Token index = next();
                if (index.kind() != Kind.NUMBER) {
                    throw syntax(index);
                }
                expect("]");
                elements.add(index(index));
            } else {
                return;
            }
            if (elements.size() > MAX_PATH_LEVELS) {
                throw invalid("The document path has too many nesting levels; nesting levels: " + elements.size());
            }
        }
    }

    private String element(Token token) {
        if (token.kind() == Kind.IDENT) {
            if (ReservedWords.contains(token.text())) {
                reservedWord(token.text());
            }
            return token.text();
        }
        String name = attributes.useName(token.text());
        if (name == null) {
            undefinedName(token.text());
            return token.text();
        }
        return name;
    }

    private Integer index(Token number) {
        String digits = number.text();
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;
        }
        String significant = digits.substring(first);
        if (significant.length() > 10 || Long.parseLong(significant) > Integer.MAX_VALUE) {
            throw invalid("List index is not within the allowable range; index: [" + digits + "]");
        }
        return Integer.valueOf(significant);
    }

    /** The value of a {@code :placeholder}, or null (and a problem) when it is not defined. */
    final Value value(Token token) {
        Value value = attributes.useValue(token.text());
        if (value == null) {
            undefinedValue(token.text());
        }
        return value;
    }

    /**
     * Checks a written path against those written before it: the same path, or one inside the
     * other, overlap; paths that step into the same place once by name and once by index conflict.
     */
    final void checkPath(List<List<Object>> earlier, List<Object> path, int overlapCategory, int conflictCategory) {
        for (List<Object> one : earlier) {
            int common = Math.min(one.size(), path.size());
            boolean apart = false;
            for (int i = 0; i < common && !apart; i++) {
                Object a = one.get(i);
                Object b = path.get(i);
                if ((a instanceof Integer) != (b instanceof Integer)) {
                    problem(conflictCategory, "Two document paths conflict with each other; must remove or rewrite one of these paths; "
                            + "path one: " + describe(one) + ", path two: " + describe(path));
                    apart = true;
                } else if (!a.equals(b)) {
                    apart = true;
                }
            }
            if (!apart) {
                problem(overlapCategory, "Two document paths overlap with each other; must remove or rewrite one of these paths; "
                        + "path one: " + describe(one) + ", path two: " + describe(path));
                return;
            }
        }
        earlier.add(path);
    }

    /** A path as DynamoDB's messages show it: {@code [a, b, [2]]}. */
    static String describe(List<Object> elements) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            Object element = elements.get(i);
            text.append(element instanceof Integer ? "[" + element + "]" : element);
        }
        return text.append(']').toString();
    }

    /** A scalar as DynamoDB's messages show it: {@code {S:abc}}, {@code {N:1}}, {@code {B:YQ==}}. */
    static String describe(Value value) {
        String body;
        if (value instanceof Value.S s) {
            body = s.value();
        } else if (value instanceof Value.N n) {
            body = n.text();
        } else if (value instanceof Value.B b) {
            body = b.value().base64();
        } else {
            body = String.valueOf(value);
        }
        return "{" + value.type().wireName() + ":" + body + "}";
    }

    /** The name the messages of a data type use for an ADD or DELETE operand (STRING, NUMBER, ...). */
    static String longTypeName(Value.Type type) {
        switch (type) {
            case S: return "STRING";
            case N: return "NUMBER";
            case B: return "BINARY";
            case BOOL: return "BOOLEAN";
            case NULL: return "NULL";
            case L: return "LIST";
            case M: return "MAP";
            default: return type.wireName();
        }
    }

    static boolean isScalar(Value.Type type) {
        return type == Value.Type.S || type == Value.Type.N || type == Value.Type.B;
    }
}
