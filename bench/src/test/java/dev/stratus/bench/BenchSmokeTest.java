package dev.stratus.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;

/** One tiny iteration of each benchmark, so that the code behind docs/PERFORMANCE.md cannot rot unseen. */
class BenchSmokeTest {
    @Test
    void theHandWiredFloorCreatesTheSameResourcesAsASecureFunction() {
        Path assetDir = ScaleApp.assetDir();
        assertEquals(resourceTypes(ScaleApp.Kind.SECURE, assetDir), resourceTypes(ScaleApp.Kind.L2, assetDir));
    }

    private static Map<String, Integer> resourceTypes(ScaleApp.Kind kind, Path assetDir) {
        App app = new App();
        Stack stack = new Stack(app, "Smoke");
        ScaleApp.function(stack, "Fn", kind, Key.Builder.create(stack, "FunctionKey").enableKeyRotation(true).build(),
                Code.fromAsset(assetDir.toString()));
        Map<String, Integer> types = new TreeMap<>();
        ((Map<?, ?>) Template.fromStack(stack).toJSON().get("Resources")).values()
                .forEach(r -> types.merge((String) ((Map<?, ?>) r).get("Type"), 1, Integer::sum));
        return types;
    }

    @Test
    void oneIterationOfEachBenchmarkRendersItsTables() throws Exception {
        Path root = Path.of(System.getProperty("stratus.root", "..")).toAbsolutePath().normalize();
        PerformanceReport.Options options = new PerformanceReport.Options(root, root.resolve("bench/target/PERFORMANCE.md"),
                1, 1, List.of(2), 2, false, false, false, false);
        String report = PerformanceReport.generate(options);
        assertTrue(report.contains("| 2 | 1 | "), report);
        assertTrue(report.contains("| SecureFunction | "), report);
        assertTrue(report.contains("Linearity"), report);
    }
}
