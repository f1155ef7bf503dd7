package dev.stratus.test.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two syntheses of an unchanged tree give the same templates, and so the same Lambda version ids:
 * a version is published (and, through CodeDeploy, shifted to) only when a function's code or
 * configuration changes. Each synthesis runs the app as {@code cdk synth} does, in a JVM of its
 * own: an order that changes from JVM to JVM ({@code Map.of} iterates in a per-JVM order) would
 * not show within one.
 */
class ReproducibleSynthTest {
    static final Pattern VERSION = Pattern.compile("\"(\\w+CurrentVersion[0-9A-F]{8}[0-9a-f]{32})\"\\s*:\\s*\\{\\s*\"Type\"\\s*:\\s*\"AWS::Lambda::Version\"");

    static final Pattern ALIAS = Pattern.compile("\"Type\"\\s*:\\s*\"AWS::Lambda::Alias\"");

    @Test
    void twoSynthesesInTwoJvmsGiveTheSameTemplatesAndLambdaVersionIds(@TempDir Path first, @TempDir Path second) throws Exception {
        Map<String, String> a = synthInOwnJvm(first);
        Map<String, String> b = synthInOwnJvm(second);
        // six stacks in each of the two stages
        assertEquals(12, a.size(), "templates: " + a.keySet());
        assertEquals(a.keySet(), b.keySet());
        Map<String, List<String>> versions = new TreeMap<>();
        a.forEach((file, template) -> versions.put(file, versionIds(template)));
        b.forEach((file, template) -> {
            assertEquals(versions.get(file), versionIds(template), "Lambda version ids of " + file);
            assertEquals(a.get(file), template, "template " + file + " differs between two syntheses");
        });
        // every SecureFunction publishes a version for its live alias: as many versions as aliases, in both stages
        int aliases = a.values().stream().mapToInt(t -> (int) ALIAS.matcher(t).results().count()).sum();
        assertTrue(aliases >= 2 * 17, "aliases: " + aliases);
        assertEquals(aliases, versions.values().stream().mapToInt(List::size).sum(), versions.toString());
    }

    static List<String> versionIds(String template) {
        Matcher m = VERSION.matcher(template);
        List<String> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids.stream().sorted().toList();
    }

    /** Runs {@code StratusApp} with cdk.json's context into {@code outdir}; its templates by file name. */
    static Map<String, String> synthInOwnJvm(Path outdir) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dstratus.root=" + ReferenceApp.ROOT, "dev.stratus.stacks.StratusApp")
                .directory(ReferenceApp.ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(outdir.resolve("synth.log").toFile());
        process.environment().put("CDK_OUTDIR", outdir.toString());
        process.environment().put("CDK_CONTEXT_JSON", new ObjectMapper().writeValueAsString(ReferenceApp.cdkJsonContext()));
        process.environment().remove("CDK_DEFAULT_ACCOUNT");
        process.environment().remove("CDK_DEFAULT_REGION");
        Process synth = process.start();
        assertTrue(synth.waitFor(5, TimeUnit.MINUTES), "synthesis did not finish in 5 minutes");
        assertEquals(0, synth.exitValue(), Files.readString(outdir.resolve("synth.log")));
        Map<String, String> templates = new TreeMap<>();
        try (Stream<Path> files = Files.walk(outdir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".template.json")).toList()) {
                templates.put(outdir.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return templates;
    }
}
