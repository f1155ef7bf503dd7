package dev.stratus.test.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stratus.stacks.StratusApp;
import dev.stratus.stacks.StratusStage;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * Builds the reference app as {@code cdk synth} does: with the context of the repository's
 * cdk.json, but without the CLI's account and region, so that templates do not depend on the
 * machine that runs the tests.
 */
final class ReferenceApp {
    static final Path ROOT = rootFromSystemProperty();

    private ReferenceApp() {
    }

    static App newApp(Map<String, Object> extraContext) {
        Map<String, Object> context = new java.util.LinkedHashMap<>(cdkJsonContext());
        context.putAll(extraContext);
        try {
            Path outdir = Files.createTempDirectory("stratus-cdk-out");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(outdir)));
            return new App(AppProps.builder().context(context).outdir(outdir.toString()).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cloud assemblies hold a copy of every function jar: do not leave them in the temp folder. */
    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }

    private static List<StratusStage> shared;
    private static Map<String, Map<String, Object>> sharedTemplates;

    /**
     * The app with cdk.json's context (its Dev and Prod stages), composed and synthesized once per
     * test JVM and shared by the test classes that only read it (snapshots, wiring, IAM and
     * resource audits).
     */
    static synchronized List<StratusStage> stages() {
        if (shared == null) {
            shared = compose(newApp(Map.of()));
        }
        return shared;
    }

    /** The Dev stage's stacks. */
    static StratusApp.Stacks stacks() {
        return stage("Dev").getStacks();
    }

    /** The stage with construct id {@code id} ({@code Dev}, {@code Prod}). */
    static StratusStage stage(String id) {
        return stages().stream().filter(s -> s.getNode().getId().equals(id)).findFirst().orElseThrow();
    }

    /** The templates of every stage's stacks by path ({@code Dev/Data}, ..., {@code Prod/Api}), in deployment order. */
    static synchronized Map<String, Map<String, Object>> templates() {
        if (sharedTemplates == null) {
            Map<String, Map<String, Object>> templates = new java.util.LinkedHashMap<>();
            for (StratusStage stage : stages()) {
                StratusApp.Stacks stacks = stage.getStacks();
                for (Stack stack : List.of(stacks.data(), stacks.jobs(), stacks.events(), stacks.api(),
                        stacks.stats(), stacks.catalog())) {
                    templates.put(stage.getNode().getId() + "/" + stack.getNode().getId(), Template.fromStack(stack).toJSON());
                }
            }
            sharedTemplates = java.util.Collections.unmodifiableMap(templates);
        }
        return sharedTemplates;
    }

    /** The stages of {@code app}, as {@code cdk synth} builds them, without the CLI's account and region. */
    static List<StratusStage> compose(App app) {
        return StratusStage.compose(app, name -> null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = new ObjectMapper().readValue(ROOT.resolve("cdk.json").toFile(), Map.class);
            return (Map<String, Object>) cdkJson.getOrDefault("context", Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path rootFromSystemProperty() {
        String root = System.getProperty("stratus.root");
        return Path.of(root != null && !root.isBlank() ? root : "..").toAbsolutePath().normalize();
    }
}
