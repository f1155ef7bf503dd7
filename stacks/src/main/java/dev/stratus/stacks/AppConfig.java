package dev.stratus.stacks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import software.amazon.awscdk.Environment;
import software.constructs.Node;

/**
 * What the app reads from CDK context ({@code cdk synth -c stage=prod -c region=eu-west-1}) with
 * sane defaults, and where it finds the repository (for the function jars).
 *
 * @param stage          {@code stage} context; default {@code dev}. Prefixes the stack names.
 * @param account        {@code account} context, else {@code CDK_DEFAULT_ACCOUNT}; default none
 *                       (an account-agnostic template).
 * @param region         {@code region} context, else {@code CDK_DEFAULT_REGION}; default {@code eu-central-1}.
 * @param scheduleTimeZone {@code scheduleTimeZone} context; default {@code UTC}.
 * @param maxPendingAge  {@code maxPendingAge} context (ISO-8601, from {@code PT1H} to {@code P3650D}); default {@code PT48H}.
 * @param jwtIssuer      {@code jwtIssuer} context: the OIDC issuer whose tokens the API accepts, e.g. a
 *                       Cognito user pool's {@code https://cognito-idp.<region>.amazonaws.com/<poolId>};
 *                       default {@code https://auth.example.com/} (a placeholder: set it to deploy).
 * @param jwtAudiences   {@code jwtAudience} context, comma-separated client ids; default
 *                       {@code stratus-web,stratus-mobile}.
 * @param corsOrigins    {@code corsOrigins} context, comma-separated; default {@code https://app.example.com}.
 * @param isolatedFunctionKeys {@code isolatedFunctionKeys} context: {@code true} gives each function a KMS key
 *                       of its own ($1 a month each); default {@code false}: the functions of a stack share one
 *                       key ({@link FunctionKeys}).
 * @param root           the repository root: system property {@code stratus.root}, else the nearest
 *                       folder holding {@code cdk.json} above the working directory.
 */
public record AppConfig(String stage, String account, String region, String scheduleTimeZone, String maxPendingAge,
                        String jwtIssuer, List<String> jwtAudiences, List<String> corsOrigins, boolean isolatedFunctionKeys,
                        Path root) {
    public static final String DEFAULT_STAGE = "dev";
    public static final String DEFAULT_REGION = "eu-central-1";

    /** The expiry job's bounds (functions/expire-orders refuses anything else at run time; this fails at synth). */
    static final java.time.Duration MIN_PENDING_AGE = java.time.Duration.ofHours(1);
    static final java.time.Duration MAX_PENDING_AGE = java.time.Duration.ofDays(3650);

    public AppConfig {
        if (!stage.matches("[a-z][a-z0-9-]{0,19}")) {
            throw new IllegalArgumentException("context 'stage' must be 1 to 20 lower-case letters, digits or '-', "
                    + "starting with a letter (e.g. dev, prod), but was '" + stage + "'");
        }
        if (!pendingAgeInRange(maxPendingAge)) {
            throw new IllegalArgumentException("context 'maxPendingAge' must be an ISO-8601 duration from PT1H to P3650D "
                    + "(e.g. PT48H), but was '" + maxPendingAge + "'");
        }
    }

    private static boolean pendingAgeInRange(String value) {
        try {
            java.time.Duration age = java.time.Duration.parse(value);
            return age.compareTo(MIN_PENDING_AGE) >= 0 && age.compareTo(MAX_PENDING_AGE) <= 0;
        } catch (java.time.format.DateTimeParseException | NullPointerException e) {
            return false;
        }
    }

    /** Reads the context of {@code node} and the CDK CLI's environment variables. */
    public static AppConfig from(Node node) {
        return from(node, System::getenv);
    }

    /** Reads the context of {@code node}, and {@code env} in place of the process environment. */
    public static AppConfig from(Node node, UnaryOperator<String> env) {
        return new AppConfig(
                context(node, "stage", DEFAULT_STAGE),
                context(node, "account", env.apply("CDK_DEFAULT_ACCOUNT")),
                context(node, "region", or(env.apply("CDK_DEFAULT_REGION"), DEFAULT_REGION)),
                context(node, "scheduleTimeZone", "UTC"),
                context(node, "maxPendingAge", "PT48H"),
                context(node, "jwtIssuer", "https://auth.example.com/"),
                list(context(node, "jwtAudience", "stratus-web,stratus-mobile")),
                list(context(node, "corsOrigins", "https://app.example.com")),
                bool(node, "isolatedFunctionKeys"),
                findRoot());
    }

    /** The config of stage {@code stage} of context {@code stages}: its own account and region, if it names them. */
    public static AppConfig from(Node node, UnaryOperator<String> env, StageSettings stage) {
        return new AppConfig(
                stage.name(),
                or(stage.account(), context(node, "account", env.apply("CDK_DEFAULT_ACCOUNT"))),
                or(stage.region(), context(node, "region", or(env.apply("CDK_DEFAULT_REGION"), DEFAULT_REGION))),
                context(node, "scheduleTimeZone", "UTC"),
                context(node, "maxPendingAge", "PT48H"),
                context(node, "jwtIssuer", "https://auth.example.com/"),
                list(context(node, "jwtAudience", "stratus-web,stratus-mobile")),
                list(context(node, "corsOrigins", "https://app.example.com")),
                bool(node, "isolatedFunctionKeys"),
                findRoot());
    }

    public Environment environment() {
        return Environment.builder().account(account).region(region).build();
    }

    /** {@code Stratus-dev-Data}: stage first, so that stages sort together in the console. */
    public String stackName(String part) {
        return "Stratus-" + stage + "-" + part;
    }

    private static String context(Node node, String key, String fallback) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }

    /** {@code true} or {@code false} (any case); anything else is refused rather than read as false. */
    private static boolean bool(Node node, String key) {
        String value = context(node, key, "false").strip();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("context '" + key + "' must be true or false, but was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    static Path findRoot() {
        String configured = System.getProperty("stratus.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("cdk.json")) && Files.isDirectory(d.resolve("functions"))) {
                return d;
            }
        }
        throw new IllegalStateException("Cannot find the repository root (a folder with cdk.json and functions/) "
                + "above " + dir + "; run from the repository or set -Dstratus.root=PATH");
    }
}
