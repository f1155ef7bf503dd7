package dev.stratus.constructs.internal;

import java.util.List;
import java.util.regex.Pattern;

import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.constructs.IConstruct;

/**
 * Explicit names for the log groups the constructs create: {@code /<stackName>/<construct path in
 * the stack>}, e.g. {@code /Stratus-dev-Api/UsersFunction}. Every log group of a stack shares the
 * prefix {@code /<stackName>/}, so that a key policy can limit CloudWatch Logs to the log groups of
 * the stacks it serves ({@link KeyPolicies#allowStackLogGroups}) without naming each log group's
 * generated ARN, which would make the key depend on the log group that depends on the key.
 *
 * <p>Internal: not part of the public API.
 */
public final class LogGroupNames {
    /** CloudWatch Logs allows a-z, A-Z, 0-9, '_', '-', '/', '.' and '#' in a name of at most 512. */
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9_\\-/.#]");
    static final int MAX_LENGTH = 512;

    private LogGroupNames() {
    }

    /** The top-level stack whose (resolved) name prefixes the log groups of {@code scope}. */
    public static Stack stackOf(IConstruct scope) {
        List<IConstruct> scopes = scope.getNode().getScopes();
        for (int i = scopes.size() - 1; i >= 0; i--) {
            if (scopes.get(i) instanceof Stack stack && !Token.isUnresolved(stack.getStackName())) {
                return stack;
            }
        }
        return Stack.of(scope);
    }

    /** {@code /<stackName>/}: the prefix of every log group named here in {@code scope}'s stack. */
    public static String stackPrefix(IConstruct scope) {
        return "/" + stackOf(scope).getStackName() + "/";
    }

    /**
     * {@code /aws/vendedlogs/states/<stackName>/}: the prefix of the state machines' log groups in
     * {@code scope}'s stack. CloudWatch Logs delivers Step Functions logs ("vended logs"): under
     * {@code /aws/vendedlogs/} it grants itself write access with one wildcard resource policy entry,
     * where other names each add their ARN to the account's 5,120-character log resource policy.
     */
    public static String stateMachinePrefix(IConstruct scope) {
        return "/aws/vendedlogs/states/" + stackOf(scope).getStackName() + "/";
    }

    /** {@code /aws/vendedlogs/states/<stackName>/<path of scope in its stack>}, cleaned and cut as {@link #of}. */
    public static String ofStateMachine(IConstruct scope) {
        return named(stateMachinePrefix(scope), scope);
    }

    /**
     * {@code /<stackName>/<path of scope in its stack>}. Characters a log group name cannot hold
     * become '-', and the name then ends in a hash of the original path so that two paths that differ
     * only there do not collide; an over-long name is cut and ends in the same hash.
     */
    public static String of(IConstruct scope) {
        return named(stackPrefix(scope), scope);
    }

    private static String named(String prefix, IConstruct scope) {
        String path = Names.stackRelativeConstructPath(scope);
        String clean = NOT_ALLOWED.matcher(path).replaceAll("-");
        if (clean.equals(path) && prefix.length() + clean.length() <= MAX_LENGTH) {
            return prefix + clean;
        }
        String hash = "-" + hash(path);
        int room = MAX_LENGTH - prefix.length() - hash.length();
        return prefix + clean.substring(0, Math.min(clean.length(), Math.max(room, 0))) + hash;
    }

    /** Eight hex digits of {@code String.hashCode()}, which the JDK specifies: the same in every JVM. */
    static String hash(String text) {
        return String.format("%08x", text.hashCode());
    }
}
