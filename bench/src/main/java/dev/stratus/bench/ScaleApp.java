package dev.stratus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.monitoring.AlarmPolicy;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;

/**
 * A synthetic app of {@code functions} functions, {@code perStack} to a stack (each stack with one
 * shared key, as the reference app's), either {@link SecureFunction}s or their
 * {@link HandWiredFunction} floor. Run in a JVM of its own by {@link SynthBench}:
 * {@code ScaleApp secure|l2 FUNCTIONS PER_STACK} prints one line
 * {@code BENCH construct_ms=... synth_ms=... resources=...} ({@code construct-only} as a fourth
 * argument skips the synthesis).
 */
public final class ScaleApp {
    /** Which function: the L3 or its hand-wired L2 equivalent. */
    public enum Kind { SECURE, L2 }

    private ScaleApp() {
    }

    public static void main(String[] args) {
        Kind kind = Kind.valueOf(args[0].toUpperCase(java.util.Locale.ROOT));
        int functions = Integer.parseInt(args[1]);
        int perStack = Integer.parseInt(args[2]);
        long start = System.nanoTime();
        App app = new App();
        build(app, kind, functions, perStack, assetDir());
        long built = System.nanoTime();
        if (args.length > 3 && args[3].equals("construct-only")) {
            System.out.printf(java.util.Locale.ROOT, "BENCH construct_ms=%.1f%n", (built - start) / 1e6);
            return;
        }
        var assembly = app.synth();
        long synthesized = System.nanoTime();
        int resources = assembly.getStacks().stream()
                .mapToInt(s -> ((Map<?, ?>) ((Map<?, ?>) s.getTemplate()).get("Resources")).size()).sum();
        System.out.printf(java.util.Locale.ROOT, "BENCH construct_ms=%.1f synth_ms=%.1f resources=%d stacks=%d%n",
                (built - start) / 1e6, (synthesized - built) / 1e6, resources, assembly.getStacks().size());
    }

    /** {@code functions} functions of {@code kind} under {@code app}, {@code perStack} to a stack. */
    public static void build(App app, Kind kind, int functions, int perStack, Path assetDir) {
        Stack stack = null;
        Key key = null;
        Code code = null;
        for (int i = 0; i < functions; i++) {
            if (i % perStack == 0) {
                stack = new Stack(app, "Scale" + (i / perStack), StackProps.builder().build());
                key = Key.Builder.create(stack, "FunctionKey").enableKeyRotation(true).build();
                code = Code.fromAsset(assetDir.toString());   // an asset belongs to one stack
            }
            function(stack, "Fn" + i, kind, key, code);
        }
    }

    /** One function of {@code kind}: what {@link ConstructionBench} times. */
    static void function(Stack stack, String id, Kind kind, Key key, Code code) {
        String handler = "dev.stratus.bench.Handler::handleRequest";
        if (kind == Kind.SECURE) {
            // alarms without notifications, as the Dev stage's: the floor has no alarm topic
            SecureFunction.Builder.create(stack, id).encryptionKey(key).code(code).handler(handler)
                    .alarms(AlarmPolicy.defaults().withoutNotifications()).build();
        } else {
            new HandWiredFunction(stack, id, key, code, handler);
        }
    }

    /** A one-file asset directory shared by every function (its hash is computed once). */
    static Path assetDir() {
        try {
            Path dir = Files.createTempDirectory("stratus-bench-asset");
            Files.writeString(dir.resolve("README.txt"), "a stand-in for a function jar\n");
            dir.toFile().deleteOnExit();
            dir.resolve("README.txt").toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
