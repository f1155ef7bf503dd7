package dev.stratus.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;

/**
 * Milliseconds to construct one function, in this JVM after a warm-up: {@code batch} SecureFunctions
 * in a fresh app and stack, then as many {@link HandWiredFunction}s, alternating, {@code iterations} times.
 */
final class ConstructionBench {
    private ConstructionBench() {
    }

    static Map<ScaleApp.Kind, List<Double>> run(int iterations, int batch) {
        Path assetDir = ScaleApp.assetDir();
        for (ScaleApp.Kind kind : ScaleApp.Kind.values()) {
            batch(kind, Math.max(2, batch / 2), assetDir);
        }
        Map<ScaleApp.Kind, List<Double>> perFunction = new LinkedHashMap<>();
        for (int i = 0; i < iterations; i++) {
            // alternate which goes first, so that neither always runs right after a garbage collection
            List<ScaleApp.Kind> order = i % 2 == 0 ? List.of(ScaleApp.Kind.SECURE, ScaleApp.Kind.L2) : List.of(ScaleApp.Kind.L2, ScaleApp.Kind.SECURE);
            for (ScaleApp.Kind kind : order) {
                perFunction.computeIfAbsent(kind, k -> new ArrayList<>()).add(batch(kind, batch, assetDir) / batch);
            }
        }
        return perFunction;
    }

    /** Milliseconds to construct {@code n} functions of {@code kind} in a new stack with its key. */
    private static double batch(ScaleApp.Kind kind, int n, Path assetDir) {
        App app = new App();
        Stack stack = new Stack(app, "Construction");
        Key key = Key.Builder.create(stack, "FunctionKey").enableKeyRotation(true).build();
        Code code = Code.fromAsset(assetDir.toString());
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ScaleApp.function(stack, "Fn" + i, kind, key, code);
        }
        return (System.nanoTime() - start) / 1e6;
    }
}
