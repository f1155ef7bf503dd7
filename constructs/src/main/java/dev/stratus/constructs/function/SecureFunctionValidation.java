package dev.stratus.constructs.function;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.stratus.constructs.internal.AlarmFactory;
import dev.stratus.constructs.internal.Problems;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.IConstruct;

/** Checks SecureFunctionProps before anything is created; see {@link Problems}. */
final class SecureFunctionValidation {
    private static final String JAVA_ID = "[A-Za-z_$][A-Za-z0-9_$]*";
    /** {@code package.Class::method} or {@code package.Class}; nested classes with {@code $}. */
    private static final Pattern HANDLER = Pattern.compile(JAVA_ID + "(\\." + JAVA_ID + ")*(::" + JAVA_ID + ")?");
    /** Lambda's pattern for a variable name: two characters at least. */
    private static final Pattern ENV_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]+");
    /** Names under which a literal value is most likely a credential. */
    private static final Pattern SECRET_LIKE = Pattern.compile(
            "(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL).*");
    /** {@code scheme://user:password@host}: group 1 up to the password, group 2 the password. */
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^\\s/?#@:]*:)([^\\s/?#@]+)@");
    /** What a secret's value ({@code SecretValue.unsafeUnwrap()}) resolves to: a dynamic reference. */
    private static final List<String> SECRET_REFERENCES = List.of("{{resolve:secretsmanager:", "{{resolve:ssm-secure:");

    private SecureFunctionValidation() {
    }

    /** {@code scope} resolves tokens in environment values, to find secret values among them. */
    static void validate(IConstruct scope, String id, SecureFunctionProps props) {
        Problems problems = new Problems("SecureFunction", id);
        props.declarationProblems().forEach(problems::add);
        checkHandler(problems, props.handler());
        checkCode(problems, props);
        problems.checkRange("memorySize", props.memorySize(), Defaults.MIN_MEMORY_MB, Defaults.MAX_MEMORY_MB, "MB");
        problems.checkSeconds("timeout", props.timeout(), Defaults.MIN_TIMEOUT_S, Defaults.MAX_TIMEOUT_S, "");
        problems.checkRange("retryAttempts", props.retryAttempts(), 0, Defaults.MAX_RETRY_ATTEMPTS, "");
        problems.checkSeconds("maxEventAge", props.maxEventAge(), Defaults.MIN_EVENT_AGE_S, Defaults.MAX_EVENT_AGE_S,
                " (1 minute to 6 hours)");
        problems.checkRange("reservedConcurrentExecutions", props.reservedConcurrentExecutions(), 0,
                Integer.MAX_VALUE, "");
        checkEnvironment(scope, problems, props);
        checkList(problems, "layers", props.layers(), Defaults.MAX_LAYERS, "an ILayerVersion");
        checkNetwork(problems, props);
        checkDeadLetterQueue(problems, props.deadLetterQueue());
        AlarmFactory.check(problems, props.alarms(), Defaults.ALARMS);
        problems.throwIfAny();
    }

    private static void checkHandler(Problems problems, String handler) {
        if (handler == null || handler.isBlank()) {
            problems.add("handler is required, e.g. com.example.orders.OrdersHandler::handleRequest");
        } else if (!Token.isUnresolved(handler) && !HANDLER.matcher(handler).matches()) {
            problems.add("handler must look like package.Class::method or package.Class, e.g. "
                    + "com.example.orders.OrdersHandler::handleRequest, but was '" + handler + "'");
        }
    }

    private static void checkCode(Problems problems, SecureFunctionProps props) {
        if (props.code() != null && props.codePath() != null) {
            problems.add("Either provide code or codePath, but not both");
        } else if (props.code() == null && props.codePath() == null) {
            problems.add("codePath is required (the function's deployment jar, e.g. "
                    + "functions/orders/target/function.jar), or pass code");
        } else if (props.codePath() != null && props.codePath().isBlank()) {
            // Path.of("") is the working directory, which exists: without this, the whole folder would be the asset
            problems.add("codePath must name the function's deployment jar, e.g. functions/orders/target/function.jar, "
                    + "but was '" + props.codePath() + "'");
        } else if (props.codePath() != null && !Token.isUnresolved(props.codePath())
                && !Files.exists(Path.of(props.codePath()))) {
            problems.add("codePath '" + props.codePath() + "' does not exist (resolved against "
                    + Path.of("").toAbsolutePath() + "): build the function first (mvn package) or fix the path");
        }
    }

    private static void checkEnvironment(IConstruct scope, Problems problems, SecureFunctionProps props) {
        Set<String> names = new HashSet<>();
        int literalBytes = 0;
        for (Map.Entry<String, String> entry : props.environment().entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue();
            if (!checkName(problems, "environment", name, names)) {
                continue;
            }
            if (value == null) {
                problems.add("environment variable " + name + " is null; give it a value or leave it out");
                continue;
            }
            if (Token.isUnresolved(value)) {
                if (holdsSecretValue(scope, value)) {
                    problems.add("environment variable " + name + " holds a secret's value (SecretValue.unsafeUnwrap()), "
                            + "which CloudFormation would write into the function's configuration in plain text; pass "
                            + "the secret through the secrets prop, so that only its ARN lands in the environment");
                }
            } else {
                literalBytes += (name + value).getBytes(StandardCharsets.UTF_8).length;
                if (SECRET_LIKE.matcher(name).matches()) {
                    problems.add("environment variable " + name + " looks like a secret but holds a literal value; "
                            + "pass it through the secrets prop (a Secrets Manager secret) or the parameters prop "
                            + "(an SSM parameter), so that only its ARN or name lands in the environment");
                }
            }
            Matcher url = URL_WITH_PASSWORD.matcher(value);
            if (url.find()) {
                problems.add("environment variable " + name + " holds a URL with a password ("
                        + url.group(1) + "****@...); keep the password in a Secrets Manager secret (the secrets prop) "
                        + "and build the URL in the function");
            }
        }
        problems.check(literalBytes <= Defaults.MAX_ENVIRONMENT_BYTES, "environment holds " + literalBytes
                + " bytes of names and values, more than Lambda's " + Defaults.MAX_ENVIRONMENT_BYTES
                + "; move large configuration to an SSM parameter (the parameters prop)");
        checkEntries(problems, "secrets", props.secrets(), names, "an ISecret");
        checkEntries(problems, "parameters", props.parameters(), names, "an IParameter");
    }

    /** Whether a token resolves to a dynamic reference to a secret's value. */
    private static boolean holdsSecretValue(IConstruct scope, String value) {
        String resolved = String.valueOf(Stack.of(scope).resolve(value));
        return SECRET_REFERENCES.stream().anyMatch(resolved::contains);
    }

    private static <V> void checkEntries(Problems problems, String prop, Map<String, V> entries, Set<String> names, String what) {
        entries.forEach((name, value) -> {
            if (checkName(problems, prop, name, names) && value == null) {
                problems.add(prop + " key " + name + " has a null value; give " + what + " or leave it out");
            }
        });
    }

    /** Whether {@code name} is usable; reports it otherwise. */
    private static boolean checkName(Problems problems, String prop, String name, Set<String> seen) {
        if (name == null) {
            problems.add(prop + " has a null key; every key is an environment variable name");
            return false;
        }
        if (!ENV_NAME.matcher(name).matches()) {
            problems.add(prop + " key '" + name + "' is not a valid environment variable name "
                    + "(a letter, then one or more letters, digits or _)");
            return false;
        }
        if (!seen.add(name)) {
            problems.add(prop + " key " + name + " is already set by another of environment, secrets, parameters");
            return false;
        }
        return true;
    }

    private static void checkList(Problems problems, String prop, List<?> elements, int max, String what) {
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) == null) {
                problems.add(prop + "[" + i + "] is null; every element must be " + what);
            }
        }
        problems.check(elements.size() <= max, prop + " may hold at most " + max + " elements (Lambda's limit), but "
                + elements.size() + " were given");
    }

    private static void checkNetwork(Problems problems, SecureFunctionProps props) {
        checkList(problems, "securityGroups", props.securityGroups(), Defaults.MAX_SECURITY_GROUPS, "an ISecurityGroup");
        if (props.vpc() == null && (props.vpcSubnets() != null || !props.securityGroups().isEmpty())) {
            problems.add("vpcSubnets and securityGroups apply only to a function in a VPC: set vpc too, or leave them out");
        }
    }

    private static void checkDeadLetterQueue(Problems problems, IQueue queue) {
        if (queue != null && Boolean.TRUE.equals(queue.getFifo())) {
            problems.add("deadLetterQueue must be a standard queue: Lambda cannot send failed asynchronous invocations "
                    + "to a FIFO queue, but " + queue.getNode().getPath() + " is FIFO");
        }
    }
}
