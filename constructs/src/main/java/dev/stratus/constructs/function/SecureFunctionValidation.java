package dev.stratus.constructs.function;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.stratus.constructs.internal.Problems;
import software.amazon.awscdk.Token;

/** Checks SecureFunctionProps before anything is created; see {@link Problems}. */
final class SecureFunctionValidation {
    private static final String JAVA_ID = "[A-Za-z_$][A-Za-z0-9_$]*";
    /** {@code package.Class::method} or {@code package.Class}; nested classes with {@code $}. */
    private static final Pattern HANDLER = Pattern.compile(JAVA_ID + "(\\." + JAVA_ID + ")*(::" + JAVA_ID + ")?");
    private static final Pattern ENV_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");
    /** Names under which a literal value is most likely a credential. */
    private static final Pattern SECRET_LIKE = Pattern.compile(
            "(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL).*");

    /** Lambda's limit on the total size of a function's environment variables. */
    static final int MAX_ENVIRONMENT_BYTES = 4096;

    private SecureFunctionValidation() {
    }

    static void validate(String id, SecureFunctionProps props) {
        Problems problems = new Problems("SecureFunction", id);
        checkHandler(problems, props.handler());
        checkCode(problems, props);
        problems.checkRange("memorySize", props.memorySize(), Defaults.MIN_MEMORY_MB, Defaults.MAX_MEMORY_MB, "MB");
        problems.checkSeconds("timeout", props.timeout(), Defaults.MIN_TIMEOUT_S, Defaults.MAX_TIMEOUT_S, "");
        problems.checkRange("retryAttempts", props.retryAttempts(), 0, Defaults.MAX_RETRY_ATTEMPTS, "");
        problems.checkSeconds("maxEventAge", props.maxEventAge(), Defaults.MIN_EVENT_AGE_S, Defaults.MAX_EVENT_AGE_S,
                " (1 minute to 6 hours)");
        problems.checkRange("reservedConcurrentExecutions", props.reservedConcurrentExecutions(), 0,
                Integer.MAX_VALUE, "");
        checkEnvironment(problems, props);
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
        } else if (props.codePath() != null && !Token.isUnresolved(props.codePath())
                && !Files.exists(Path.of(props.codePath()))) {
            problems.add("codePath '" + props.codePath() + "' does not exist (resolved against "
                    + Path.of("").toAbsolutePath() + "): build the function first (mvn package) or fix the path");
        }
    }

    private static void checkEnvironment(Problems problems, SecureFunctionProps props) {
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, String> entry : props.environment().entrySet()) {
            String name = entry.getKey();
            checkName(problems, "environment", name, names);
            String value = entry.getValue();
            if (SECRET_LIKE.matcher(name).matches() && !Token.isUnresolved(value)) {
                problems.add("environment variable " + name + " looks like a secret but holds a literal value; "
                        + "pass it through the secrets prop (a Secrets Manager secret) or the parameters prop "
                        + "(an SSM parameter), so that only its ARN or name lands in the environment");
            }
        }
        int literalBytes = 0;
        for (Map.Entry<String, String> entry : props.environment().entrySet()) {
            if (!Token.isUnresolved(entry.getValue())) {
                literalBytes += (entry.getKey() + entry.getValue()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
        }
        problems.check(literalBytes <= MAX_ENVIRONMENT_BYTES, "environment holds " + literalBytes
                + " bytes of names and values, more than Lambda's " + MAX_ENVIRONMENT_BYTES
                + "; move large configuration to an SSM parameter (the parameters prop)");
        props.secrets().keySet().forEach(name -> checkName(problems, "secrets", name, names));
        props.parameters().keySet().forEach(name -> checkName(problems, "parameters", name, names));
    }

    private static void checkName(Problems problems, String prop, String name, Set<String> seen) {
        if (!ENV_NAME.matcher(name).matches()) {
            problems.add(prop + " key '" + name + "' is not a valid environment variable name "
                    + "(a letter, then letters, digits or _)");
        } else if (!seen.add(name)) {
            problems.add(prop + " key " + name + " is already set by another of environment, secrets, parameters");
        }
    }
}
