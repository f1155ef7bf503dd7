package dev.stratus.stacks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.stratus.constructs.function.Deployment;
import software.constructs.Node;

/**
 * How one stage of the app is operated, from the {@code stages} context of cdk.json: how its
 * functions deploy, whether its stacks are protected from deletion, how long it keeps logs, whether
 * its alarms notify (and whom by e-mail), and optionally its own account and region.
 *
 * <pre>{@code
 * "stages": {
 *   "dev":  {"deployment": "all-at-once", "terminationProtection": false, "logRetentionDays": 30,  "alarmNotifications": false},
 *   "prod": {"deployment": "canary",      "terminationProtection": true,  "logRetentionDays": 365, "alarmNotifications": true,
 *            "alarmEmail": "oncall@example.com", "account": "222222222222", "region": "eu-central-1"}
 * }
 * }</pre>
 *
 * @param name                  the stage's name: {@code Stratus-<name>-Data}, ...
 * @param deployment            {@code all-at-once}, {@code canary} (10% for 5 minutes), {@code linear} (10% more every
 *                              minute) through CodeDeploy, or {@code none} (CloudFormation moves the alias at once)
 * @param terminationProtection whether every stack of the stage is protected from deletion
 * @param logRetentionDays      the least retention of every log group of the stage, one of CloudWatch's values
 * @param alarmNotifications    whether alarms notify each stack's encrypted alarm topic (else they only show)
 * @param alarmEmail            an address subscribed to each stack's alarm topic, or null
 * @param account               the stage's account, or null for the {@code account} context / the CLI's
 * @param region                the stage's region, or null for the {@code region} context / the CLI's
 */
public record StageSettings(String name, String deployment, boolean terminationProtection, int logRetentionDays,
                            boolean alarmNotifications, String alarmEmail, String account, String region) {
    public static final String CONTEXT = "stages";
    static final Set<String> DEPLOYMENTS = Set.of("all-at-once", "canary", "linear", "none");
    /** The retentions CloudWatch Logs accepts, in days. */
    static final List<Integer> RETENTIONS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
            1827, 2192, 2557, 2922, 3288, 3653);

    /** The stages when cdk.json names none: what cdk.json of this repository also says. */
    static final Map<String, StageSettings> DEFAULTS = defaults();

    public StageSettings {
        List<String> problems = new ArrayList<>();
        if (!DEPLOYMENTS.contains(deployment)) {
            problems.add("deployment must be one of all-at-once, canary, linear, none, but was '" + deployment + "'");
        }
        if (!RETENTIONS.contains(logRetentionDays)) {
            problems.add("logRetentionDays must be one of CloudWatch Logs' retentions " + RETENTIONS + ", but was " + logRetentionDays);
        }
        if (alarmEmail != null && !alarmEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.add("alarmEmail must be an e-mail address, but was '" + alarmEmail + "'");
        }
        if (alarmEmail != null && !alarmNotifications) {
            problems.add("alarmEmail needs alarmNotifications true: without notifications nothing is sent to it");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("context 'stages' entry '" + name + "': " + String.join("; ", problems));
        }
    }

    private static Map<String, StageSettings> defaults() {
        Map<String, StageSettings> stages = new LinkedHashMap<>();
        stages.put("dev", new StageSettings("dev", "all-at-once", false, 30, false, null, null, null));
        stages.put("prod", new StageSettings("prod", "canary", true, 365, true, null, null, null));
        return stages;
    }

    /**
     * The stages to synthesize: the one context {@code stage} names ({@code -c stage=prod}), else every
     * stage of context {@code stages} (else {@link #DEFAULTS}), in the order written.
     */
    public static List<StageSettings> selected(Node node) {
        Map<String, StageSettings> all = all(node);
        Object stage = node.tryGetContext("stage");
        if (stage == null || stage.toString().isBlank()) {
            return List.copyOf(all.values());
        }
        StageSettings one = all.get(stage.toString());
        if (one == null) {
            throw new IllegalArgumentException("context 'stage' names '" + stage + "', which is not one of the stages of context '"
                    + CONTEXT + "' " + all.keySet() + "; add it to cdk.json's stages (with its deployment, terminationProtection, "
                    + "logRetentionDays and alarmNotifications) or leave -c stage out to synthesize every stage");
        }
        return List.of(one);
    }

    /** Every stage of context {@code stages}, else {@link #DEFAULTS}. */
    @SuppressWarnings("unchecked")
    static Map<String, StageSettings> all(Node node) {
        Object value = node.tryGetContext(CONTEXT);
        if (value == null) {
            return DEFAULTS;
        }
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new IllegalArgumentException("context '" + CONTEXT + "' must be an object of stages in cdk.json, e.g. "
                    + "{\"dev\": {\"deployment\": \"all-at-once\", ...}}, but was " + value);
        }
        Map<String, StageSettings> stages = new LinkedHashMap<>();
        map.forEach((name, entry) -> {
            if (!(entry instanceof Map<?, ?> settings)) {
                throw new IllegalArgumentException("context 'stages' entry '" + name + "' must be an object, but was " + entry);
            }
            stages.put(String.valueOf(name), parse(String.valueOf(name), (Map<String, Object>) settings));
        });
        return stages;
    }

    private static StageSettings parse(String name, Map<String, Object> settings) {
        Set<String> known = Set.of("deployment", "terminationProtection", "logRetentionDays", "alarmNotifications", "alarmEmail",
                "account", "region");
        for (String key : settings.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("context 'stages' entry '" + name + "' has '" + key + "', which is not one of "
                        + new java.util.TreeSet<>(known));
            }
        }
        return new StageSettings(name,
                string(settings, "deployment", "all-at-once"),
                bool(name, settings, "terminationProtection"),
                integer(name, settings, "logRetentionDays", 30),
                bool(name, settings, "alarmNotifications"),
                string(settings, "alarmEmail", null),
                string(settings, "account", null),
                string(settings, "region", null));
    }

    private static String string(Map<String, Object> settings, String key, String fallback) {
        Object value = settings.get(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }

    private static boolean bool(String name, Map<String, Object> settings, String key) {
        Object value = settings.getOrDefault(key, false);
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("context 'stages' entry '" + name + "': " + key + " must be true or false, but was " + value);
    }

    private static int integer(String name, Map<String, Object> settings, String key, int fallback) {
        Object value = settings.getOrDefault(key, fallback);
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw new IllegalArgumentException("context 'stages' entry '" + name + "': " + key + " must be a whole number, but was " + value);
    }

    /** How the stage's SecureFunctions take new versions. */
    public Deployment functionDeployment() {
        return switch (deployment) {
            case "canary" -> Deployment.canary10Percent5Minutes();
            case "linear" -> Deployment.linear10PercentEvery1Minute();
            case "all-at-once" -> Deployment.allAtOnce();
            default -> Deployment.none();
        };
    }
}
