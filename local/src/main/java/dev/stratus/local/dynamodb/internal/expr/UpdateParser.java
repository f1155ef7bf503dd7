package dev.stratus.local.dynamodb.internal.expr;

import java.util.ArrayList;
import java.util.List;

import dev.stratus.local.dynamodb.internal.expr.Lexer.Kind;
import dev.stratus.local.dynamodb.internal.expr.Lexer.Token;
import dev.stratus.local.dynamodb.internal.value.Value;

/**
 * Parses an update expression (Developer Guide, "Using update expressions"): clauses SET, REMOVE,
 * ADD and DELETE in any order and any case, each at most once, each a comma-separated list of
 * actions. A SET value is an operand, or two operands joined by {@code +} or {@code -}, in
 * optional parentheses; an operand is a path, a {@code :value}, {@code if_not_exists(path,
 * operand)} or {@code list_append(operand, operand)}. The problems found after the parse are
 * reported in dynalite's update grammar's order: reserved words, unknown functions, repeated
 * clauses, undefined names, undefined values, overlapping paths, conflicting paths, wrong ADD or
 * DELETE operands, then wrong function operands.
 */
final class UpdateParser extends Parser {
    /*
     * ADD and DELETE take nested paths too: the API Reference (UpdateItem) says they "can only be
     * used on top-level attributes", but public suites run against DynamoDB itself use nested paths
     * with ADD successfully (dynalite test/updateItem.js "should update nested attributes";
     * ScyllaDB Alternator test_condition_expression.py test_update_condition_eq_nested_set), and
     * this engine follows what the service does.
     */

    private static final int RESERVED = 0;
    private static final int UNKNOWN_FUNCTION = 1;
    private static final int MISUSED_FUNCTION = 2;
    private static final int SECTION = 3;
    private static final int NAME = 4;
    private static final int VALUE = 5;
    private static final int OVERLAP = 6;
    private static final int CONFLICT = 7;
    private static final int OPERAND = 8;
    private static final int FUNCTION = 9;

    private final boolean[] seen = new boolean[UpdateImpl.Kind.values().length];
    private final List<List<Object>> written = new ArrayList<>();
    private final List<UpdateImpl.Action> actions = new ArrayList<>();

    UpdateParser(String text, ExpressionAttributes attributes) {
        super(text, attributes, "UpdateExpression", 11);
    }

    UpdateImpl parse() {
        UpdateImpl.Kind clause = clause(peek());
        if (clause == null) {
            throw syntax(peek());
        }
        while (true) {
            next();
            action(clause);
            while (at(",")) {
                next();
                action(clause);
            }
            if (seen[clause.ordinal()]) {
                problem(SECTION, "The \"" + clause.name() + "\" section can only be used once in an update expression;");
            }
            seen[clause.ordinal()] = true;
            Token token = peek();
            if (token.kind() == Kind.EOF) {
                break;
            }
            clause = clause(token);
            if (clause == null) {
                throw syntax(token);
            }
        }
        throwProblems();
        return new UpdateImpl(actions);
    }

    private static UpdateImpl.Kind clause(Token token) {
        for (UpdateImpl.Kind kind : UpdateImpl.Kind.values()) {
            if (token.isWord(kind.name())) {
                return kind;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------ hooks

    @Override
    boolean isKeyword(Token token) {
        return clause(token) != null;
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
        problem(VALUE, undefinedValueMessage(placeholder));
    }

    // ---------------------------------------------------------------------------------- grammar

    private void action(UpdateImpl.Kind kind) {
        Token first = next();
        if (!isPathStart(first)) {
            throw syntax(first);
        }
        List<Object> path = path(first);
        Operand value = null;
        Value operand = null;
        switch (kind) {
            case SET:
                expect("=");
                value = setValue();
                break;
            case REMOVE:
                break;
            default: {
                Token token = next();
                if (token.kind() != Kind.VALUE) {
                    throw syntax(token);
                }
                operand = value(token);
                if (operand != null) {
                    checkOperand(kind, operand.type());
                }
            }
        }
        checkPath(written, path, OVERLAP, CONFLICT);
        actions.add(new UpdateImpl.Action(kind, new Path(path), value, operand));
    }

    /** {@code value}, or {@code (value)}, where a value is {@code operand [+|- operand]}. */
    private Operand setValue() {
        if (at("(")) {
            next();
            enter();
            Operand inner = sum();
            expect(")");
            leave();
            if (!(inner instanceof Operand.Arithmetic) && (at("+") || at("-"))) {
                return arithmetic(inner);
            }
            return inner;
        }
        return sum();
    }

    private Operand sum() {
        Operand first = operandInParens();
        return at("+") || at("-") ? arithmetic(first) : first;
    }

    private Operand arithmetic(Operand left) {
        Token operator = next();
        countOperator();
        Operand right = operandInParens();
        for (Operand operand : List.of(left, right)) {
            if (operand instanceof Operand.Const constant && constant.value != null && constant.value.type() != Value.Type.N) {
                problem(FUNCTION, incorrectType(operator.text(), constant.value.type()));
                break;
            }
        }
        return new Operand.Arithmetic(left, right, operator.is("-"));
    }

    private Operand operandInParens() {
        if (at("(")) {
            next();
            enter();
            Operand inner = operand();
            expect(")");
            leave();
            return inner;
        }
        return operand();
    }

    private Operand operand() {
        Token token = next();
        if (token.kind() == Kind.VALUE) {
            return new Operand.Const(value(token));
        }
        if (token.kind() == Kind.IDENT && !isKeyword(token) && at("(")) {
            return call(token);
        }
        if (isPathStart(token)) {
            return new Operand.PathOperand(path(token));
        }
        throw syntax(token);
    }

    private Operand call(Token name) {
        next();
        enter();
        countOperator();
        List<Operand> args = new ArrayList<>();
        args.add(operandInParens());
        while (at(",")) {
            next();
            args.add(operandInParens());
        }
        expect(")");
        leave();
        Operand.Call unevaluated = new Operand.Call(name.text(), List.copyOf(args));
        String function = name.text();
        boolean ifNotExists = function.equals("if_not_exists");
        if (!ifNotExists && !function.equals("list_append")) {
            problem(UNKNOWN_FUNCTION, "Invalid function name; function: " + function);
            return unevaluated;
        }
        if (args.size() != 2) {
            problem(FUNCTION, "Incorrect number of operands for operator or function; operator or function: " + function
                    + ", number of operands: " + args.size());
            return unevaluated;
        }
        if (ifNotExists) {
            if (!(args.get(0) instanceof Operand.PathOperand path)) {
                problem(FUNCTION, "Operator or function requires a document path; operator or function: if_not_exists");
                return unevaluated;
            }
            return new Operand.IfNotExists(path, args.get(1));
        }
        for (Operand arg : args) {
            if (arg instanceof Operand.ListAppend) {
                // ScyllaDB Alternator, test_update_expression.py test_update_expression_function_nesting
                problem(MISUSED_FUNCTION, "The function is not allowed to be used this way in an expression; function: list_append");
            }
        }
        for (Operand arg : args) {
            if (arg instanceof Operand.Const constant && constant.value != null && constant.value.type() != Value.Type.L) {
                problem(FUNCTION, incorrectType(function, constant.value.type()));
                break;
            }
        }
        return new Operand.ListAppend(args.get(0), args.get(1));
    }

    private static String incorrectType(String function, Value.Type type) {
        return "Incorrect operand type for operator or function; operator or function: " + function + ", operand type: " + type.wireName();
    }

    /** ADD takes a number or a set; DELETE a set. */
    private void checkOperand(UpdateImpl.Kind kind, Value.Type type) {
        boolean fits = type.isSet() || (kind == UpdateImpl.Kind.ADD && type == Value.Type.N);
        if (!fits) {
            problem(OPERAND, "Incorrect operand type for operator or function; operator: " + kind.name() + ", operand type: "
                    + longTypeName(type));
        }
    }
}
