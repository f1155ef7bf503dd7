package dev.stratus.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Synthesis in processes of their own, each against a floor run in the same loop: the reference app
 * and an empty app through the pinned CLI ({@code npx cdk synth -q}) and as bare JVMs, with
 * aws-cdk-lib's template validation on (its default) and off ({@code CDK_VALIDATION=false}); and
 * {@link ScaleApp} from 30 to 300 functions.
 */
final class SynthBench {
    static final Pattern BENCH = Pattern.compile("BENCH construct_ms=([0-9.]+) synth_ms=([0-9.]+) resources=(\\d+) stacks=(\\d+)");

    private final Path root;
    private final String classPath;
    private final String java;

    SynthBench(Path root) {
        this.root = root;
        this.classPath = System.getProperty("java.class.path");
        this.java = ProcessHandle.current().info().command().orElse("java");
    }

    /** Seconds of each variant, {@code iterations} runs each, interleaved so that load hits all alike. */
    Map<String, List<Double>> cli(int iterations) {
        Map<String, List<String>> variants = new LinkedHashMap<>();
        String npx = "npx";
        String emptyApp = java + " -cp " + classPath + " dev.stratus.bench.EmptyApp";
        variants.put("reference", List.of(npx, "cdk", "synth", "-q"));
        variants.put("empty", List.of(npx, "cdk", "synth", "-q", "--app", emptyApp));
        return interleave(iterations, variants, Map.of());
    }

    /** As {@link #cli}, the app's JVM alone (what the CLI spawns), with cdk.json's context. */
    Map<String, List<Double>> jvm(int iterations) throws Exception {
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("reference", List.of(java, "-jar", root.resolve("stacks/target/stratus-stacks.jar").toString()));
        variants.put("empty", List.of(java, "-cp", classPath, "dev.stratus.bench.EmptyApp"));
        Map<?, ?> cdkJson = new ObjectMapper().readValue(root.resolve("cdk.json").toFile(), Map.class);
        String context = new ObjectMapper().writeValueAsString(cdkJson.get("context"));
        return interleave(iterations, variants, Map.of("CDK_CONTEXT_JSON", context));
    }

    private Map<String, List<Double>> interleave(int iterations, Map<String, List<String>> variants, Map<String, String> env) {
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        for (int i = 0; i < iterations; i++) {
            for (String validation : List.of("on", "off")) {
                for (var variant : variants.entrySet()) {
                    Path out = Processes.tempDir("stratus-bench-out");
                    List<String> command = new ArrayList<>(variant.getValue());
                    Map<String, String> vars = new LinkedHashMap<>(env);
                    vars.put("CDK_OUTDIR", out.toString());
                    if (command.get(0).equals("npx")) {
                        command.addAll(List.of("-o", out.toString()));
                    }
                    if (validation.equals("off")) {
                        vars.put("CDK_VALIDATION", "false");
                    }
                    double s = Processes.run(command, vars, root).seconds();
                    seconds.computeIfAbsent(variant.getKey() + "/" + validation, k -> new ArrayList<>()).add(s);
                    Processes.deleteTree(out);
                }
            }
        }
        return seconds;
    }

    /** One {@link ScaleApp} run in its own JVM: spawn to exit, construction and synthesis as it reports them. */
    record ScaleRun(double seconds, double constructMs, double synthMs, int resources, int stacks) {
    }

    ScaleRun scale(ScaleApp.Kind kind, int functions, int perStack, boolean validation) {
        Path out = Processes.tempDir("stratus-bench-scale");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CDK_OUTDIR", out.toString());
        if (!validation) {
            env.put("CDK_VALIDATION", "false");
        }
        try {
            Processes.Result result = Processes.run(List.of(java, "-cp", classPath, "dev.stratus.bench.ScaleApp",
                    kind.name(), String.valueOf(functions), String.valueOf(perStack)), env, root);
            Matcher m = BENCH.matcher(result.output());
            if (!m.find()) {
                throw new IllegalStateException("no BENCH line in:\n" + result.output());
            }
            return new ScaleRun(result.seconds(), Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
        } finally {
            Processes.deleteTree(out);
        }
    }

    /**
     * jsii calls per function of {@code kind}: Java-to-Node requests and Node-to-Java callbacks, from
     * {@code JSII_DEBUG}'s trace of the construction of 11 functions minus that of 1, over 10.
     */
    double[] jsiiCalls(ScaleApp.Kind kind) {
        long[] one = trace(kind, 1);
        long[] eleven = trace(kind, 11);
        return new double[] {(eleven[0] - one[0]) / 10.0, (eleven[1] - one[1]) / 10.0};
    }

    private long[] trace(ScaleApp.Kind kind, int functions) {
        Path out = Processes.tempDir("stratus-bench-trace");
        try {
            String output = Processes.run(List.of(java, "-cp", classPath, "dev.stratus.bench.ScaleApp",
                    kind.name(), String.valueOf(functions), "100", "construct-only"),
                    Map.of("CDK_OUTDIR", out.toString(), "JSII_DEBUG", "1"), root).output();
            // "> " lines are Java's requests and its answers to callbacks ("complete"); "< " lines Node's responses and callbacks
            long requests = output.lines().filter(l -> l.startsWith("> {") && !l.startsWith("> {\"complete\"")).count();
            long callbacks = output.lines().filter(l -> l.startsWith("< {\"callback\"")).count();
            return new long[] {requests, callbacks};
        } finally {
            Processes.deleteTree(out);
        }
    }

    static boolean cliInstalled(Path root) {
        return Files.isDirectory(root.resolve("node_modules/aws-cdk"));
    }
}
