package dev.stratus.local.dynamodb.internal.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.stratus.local.dynamodb.internal.expr.Lexer.Kind;
import dev.stratus.local.dynamodb.internal.expr.Lexer.Token;
import dev.stratus.local.dynamodb.internal.value.Value;

/**
 * Parses a condition (ConditionExpression, FilterExpression, KeyConditionExpression), following the
 * grammar of the Developer Guide's "Condition and filter expressions, operators, and functions":
 * OR binds loosest, then AND, then NOT, then the comparisons, BETWEEN, IN and the functions;
 * parentheses group conditions and operands. The checks after the parse and the order in which
 * their problems are reported follow dynalite's condition grammar: redundant parentheses, unknown
 * functions, functions used where they are not allowed, reserved words, then the first primitive
 * condition (in the order written) that has a problem: an undefined placeholder, a wrong number
 * of operands, a path compared with itself, an operand of the wrong type.
 */
final class ConditionParser extends Parser {
    private static final int PARENS = 0;
    private static final int UNKNOWN_FUNCTION = 1;
    private static final int MISUSED_FUNCTION = 2;
    private static final int RESERVED = 3;
    private static final int PRIMITIVE = 4;

    // the problems of the primitive condition being parsed, in order of precedence
    private static final int PLACEHOLDER = 0;
    private static final int OPERAND_COUNT = 1;
    private static final int DISTINCT = 2;
    private static final int OPERAND_TYPE = 3;

    private static final String ANY_TYPE = "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}";

    private final String[] primitive = new String[4];
    private final List<Path> paths = new ArrayList<>();
    private int lastGroupOpen = -1;
    private int lastGroupClose = -1;

    ConditionParser(String text, ExpressionAttributes attributes, String parameter) {
        super(text, attributes, parameter, 5);
    }

    ConditionImpl parse() {
        Cond root = (Cond) or(false);
        expectEnd();
        throwProblems();
        return new ConditionImpl(root, List.copyOf(paths));
    }

    // ------------------------------------------------------------------------------------ hooks

    @Override
    boolean isKeyword(Token token) {
        return token.isWord("AND") || token.isWord("OR") || token.isWord("NOT") || token.isWord("BETWEEN") || token.isWord("IN");
    }

    @Override
    void reservedWord(String word) {
        problem(RESERVED, reservedWordMessage(word));
    }

    @Override
    void undefinedName(String placeholder) {
        local(PLACEHOLDER, undefinedNameMessage(placeholder));
    }

    @Override
    void undefinedValue(String placeholder) {
        local(PLACEHOLDER, undefinedValueMessage(placeholder));
    }

    private void local(int category, String message) {
        if (primitive[category] == null) {
            primitive[category] = message;
        }
    }

    /** A primitive condition is complete: its first problem, if any, is the conditions' problem. */
    private void endPrimitive() {
        for (String problem : primitive) {
            if (problem != null) {
                problem(PRIMITIVE, problem);
                break;
            }
        }
        Arrays.fill(primitive, null);
    }

    // ---------------------------------------------------------------------------------- grammar

    /**
     * A condition; inside parentheses ({@code operandAllowed}) also a lone operand followed by
     * {@code )}, which the caller then compares: {@code (a) = :v}.
     */
    private Object or(boolean operandAllowed) {
        Object first = and(operandAllowed);
        if (first instanceof Operand || !atWord("OR")) {
            return first;
        }
        List<Cond> parts = new ArrayList<>();
        parts.add((Cond) first);
        while (atWord("OR")) {
            next();
            countOperator();
            parts.add((Cond) and(false));
        }
        return new Cond.Or(parts);
    }

    private Object and(boolean operandAllowed) {
        Object first = not(operandAllowed);
        if (first instanceof Operand || !atWord("AND")) {
            return first;
        }
        List<Cond> parts = new ArrayList<>();
        parts.add((Cond) first);
        while (atWord("AND")) {
            next();
            countOperator();
            parts.add((Cond) not(false));
        }
        return new Cond.And(parts);
    }

    private Object not(boolean operandAllowed) {
        int nots = 0;
        while (atWord("NOT")) {
            next();
            countOperator();
            nots++;
        }
        Object inner = primary(operandAllowed && nots == 0);
        if (nots == 0) {
            return inner;
        }
        Cond condition = (Cond) inner;
        for (int i = 0; i < nots; i++) {
            condition = new Cond.Not(condition);
        }
        return condition;
    }

    private Object primary(boolean operandAllowed) {
        Token open = peek();
        if (open.is("(")) {
            next();
            enter();
            Object inner = or(true);
            Token close = expect(")");
            leave();
            closeGroup(open, close);
            if (inner instanceof Operand operand) {
                return afterOperand(continueGrouped(operand), operandAllowed);
            }
            return inner;
        }
        return afterOperand(operand(), operandAllowed);
    }

    private Object afterOperand(Operand left, boolean operandAllowed) {
        Token token = peek();
        Cond.Comparator comparator = token.kind() == Kind.SYMBOL ? Cond.Comparator.of(token.text()) : null;
        if (comparator != null) {
            next();
            countOperator();
            return compare(comparator, left, operandInParens());
        }
        if (token.isWord("BETWEEN")) {
            next();
            countOperator();
            Operand low = operandInParens();
            Token and = next();
            if (!and.isWord("AND")) {
                throw syntax(and);
            }
            return between(left, low, operandInParens());
        }
        if (token.isWord("IN")) {
            next();
            countOperator();
            expect("(");
            List<Operand> candidates = new ArrayList<>();
            candidates.add(operandInParens());
            while (at(",")) {
                next();
                candidates.add(operandInParens());
            }
            expect(")");
            return in(left, candidates);
        }
        if (operandAllowed && token.is(")")) {
            return left;
        }
        if (left instanceof Operand.Call call) {
            return functionCondition(call);
        }
        throw syntax(token);
    }

    private Operand operandInParens() {
        Token open = peek();
        if (open.is("(")) {
            next();
            enter();
            Operand inner = operandInParens();
            Token close = expect(")");
            leave();
            closeGroup(open, close);
            return continueGrouped(inner);
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
            Operand.PathOperand path = new Operand.PathOperand(path(token));
            paths.add(path.path);
            return path;
        }
        throw syntax(token);
    }

    /** A path in parentheses may go on: {@code (a.b).c}. */
    private Operand continueGrouped(Operand operand) {
        if (!(operand instanceof Operand.PathOperand path) || !(at(".") || at("["))) {
            return operand;
        }
        List<Object> elements = new ArrayList<>(path.elements());
        continuePath(elements);
        Operand.PathOperand longer = new Operand.PathOperand(elements);
        paths.set(paths.size() - 1, longer.path);
        return longer;
    }

    /** Two pairs of parentheses around the same thing are redundant, as DynamoDB says. */
    private void closeGroup(Token open, Token close) {
        if (lastGroupOpen == open.index() + 1 && lastGroupClose == close.index() - 1) {
            problem(PARENS, "The expression has redundant parentheses;");
        }
        lastGroupOpen = open.index();
        lastGroupClose = close.index();
    }

    private Operand.Call call(Token name) {
        next();
        enter();
        List<Operand> args = new ArrayList<>();
        args.add(operandInParens());
        while (at(",")) {
            next();
            args.add(operandInParens());
        }
        expect(")");
        leave();
        for (Operand arg : args) {
            misused(arg);
        }
        Operand.Call call = new Operand.Call(name.text(), List.copyOf(args));
        checkFunction(call);
        return call;
    }

    // ----------------------------------------------------------------------------------- checks

    private void misused(Operand operand) {
        if (operand instanceof Operand.Call call && !call.isSize()) {
            problem(MISUSED_FUNCTION, "The function is not allowed to be used this way in an expression; function: " + call.name);
        }
    }

    private void checkFunction(Operand.Call call) {
        String name = call.name;
        List<Operand> args = call.args;
        int arity;
        switch (name) {
            case "attribute_exists":
            case "attribute_not_exists":
            case "size":
                arity = 1;
                break;
            case "attribute_type":
            case "begins_with":
            case "contains":
                arity = 2;
                break;
            case "if_not_exists":
            case "list_append":
                problem(MISUSED_FUNCTION, "The function is not allowed to be used this way in an expression; function: " + name);
                return;
            default:
                problem(UNKNOWN_FUNCTION, "Invalid function name; function: " + name);
                return;
        }
        if (args.size() != arity) {
            local(OPERAND_COUNT, "Incorrect number of operands for operator or function; operator or function: " + name
                    + ", number of operands: " + args.size());
            return;
        }
        distinct(name, args.get(0), args.size() > 1 ? args.get(1) : null);
        switch (name) {
            case "attribute_exists":
            case "attribute_not_exists":
                if (!(args.get(0) instanceof Operand.PathOperand)) {
                    local(OPERAND_TYPE, "Operator or function requires a document path; operator or function: " + name);
                }
                break;
            case "begins_with":
                for (Operand arg : args) {
                    Value.Type type = arg.staticType();
                    if (type != null && type != Value.Type.S && type != Value.Type.B) {
                        local(OPERAND_TYPE, incorrectType(name, type.wireName()));
                        break;
                    }
                }
                break;
            case "attribute_type": {
                Value.Type type = args.get(1).staticType();
                if (type != Value.Type.S) {
                    local(OPERAND_TYPE, incorrectType(name, type == null ? ANY_TYPE : type.wireName()));
                } else {
                    String typeName = ((Value.S) ((Operand.Const) args.get(1)).value).value();
                    if (Value.Type.of(typeName) == null) {
                        local(OPERAND_TYPE, "Invalid attribute type name found; type: " + typeName
                                + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
                    }
                }
                break;
            }
            case "size": {
                Value.Type type = args.get(0).staticType();
                if (type == Value.Type.N || type == Value.Type.BOOL || type == Value.Type.NULL) {
                    local(OPERAND_TYPE, incorrectType(name, type.wireName()));
                }
                break;
            }
            default:
                break;
        }
    }

    private static String incorrectType(String function, String type) {
        return "Incorrect operand type for operator or function; operator or function: " + function + ", operand type: " + type;
    }

    private void distinct(String operator, Operand first, Operand second) {
        if (first instanceof Operand.PathOperand a && second instanceof Operand.PathOperand b
                && a.elements().equals(b.elements())) {
            local(DISTINCT, "The first operand must be distinct from the remaining operands for this operator or function; operator: "
                    + operator + ", first operand: " + describe(a.elements()));
        }
    }

    private Cond compare(Cond.Comparator comparator, Operand left, Operand right) {
        misused(left);
        misused(right);
        distinct(comparator.symbol, left, right);
        if (comparator.isOrdering()) {
            nonScalarConstant(comparator.symbol, left, right);
        }
        endPrimitive();
        return new Cond.Compare(comparator, left, right);
    }

    /**
     * A {@code :value} that can never be ordered (not a string, number or binary) is an error, not
     * a false condition (ScyllaDB Alternator, test_condition_expression.py test_update_condition_lt).
     */
    private void nonScalarConstant(String operator, Operand... operands) {
        for (Operand operand : operands) {
            if (operand instanceof Operand.Const constant && constant.value != null && !isScalar(constant.value.type())) {
                local(OPERAND_TYPE, incorrectType(operator, constant.value.type().wireName()));
                return;
            }
        }
    }

    private Cond between(Operand value, Operand low, Operand high) {
        misused(value);
        misused(low);
        misused(high);
        nonScalarConstant("BETWEEN", value, low, high);
        if (low instanceof Operand.Const lo && lo.value != null && high instanceof Operand.Const hi && hi.value != null
                && isScalar(lo.value.type()) && isScalar(hi.value.type())) {
            String bounds = "lower bound operand: AttributeValue: " + describe(lo.value) + ", upper bound operand: AttributeValue: "
                    + describe(hi.value);
            if (lo.value.type() != hi.value.type()) {
                local(OPERAND_TYPE, "The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
            } else if (Cond.order(lo.value, hi.value) > 0) {
                local(OPERAND_TYPE, "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; " + bounds);
            }
        }
        endPrimitive();
        return new Cond.Between(value, low, high);
    }

    private Cond in(Operand value, List<Operand> candidates) {
        misused(value);
        for (Operand candidate : candidates) {
            misused(candidate);
        }
        int operands = candidates.size() + 1;
        if (operands > 100) {
            local(OPERAND_COUNT, "Incorrect number of operands for operator or function; operator or function: IN, number of operands: "
                    + operands);
        }
        endPrimitive();
        return new Cond.In(value, candidates);
    }

    private Cond functionCondition(Operand.Call call) {
        if (call.isSize()) {
            problem(MISUSED_FUNCTION, "The function is not allowed to be used this way in an expression; function: size");
        }
        endPrimitive();
        return Cond.Function.of(call);
    }

    /** A parsed condition and the document paths it reads. */
    static final class ConditionImpl implements Condition {
        final Cond root;
        private final List<Path> paths;

        ConditionImpl(Cond root, List<Path> paths) {
            this.root = root;
            this.paths = paths;
        }

        @Override
        public boolean test(Map<String, Value> item) {
            return root.test(item == null ? Map.of() : item);
        }

        @Override
        public List<Path> paths() {
            return paths;
        }
    }
}
