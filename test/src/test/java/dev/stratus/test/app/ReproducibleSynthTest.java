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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two syntheses of an unchanged tree give the same templates, and so the same Lambda version ids:
 * a version is published (and, through CodeDeploy, shifted to) only when a function's code or
 * configuration changes. Each synthesis runs the app as {@code cdk synth} does, in a JVM of its
 * own: an order that changes from JVM to JVM ({@code Map.of} iterates in a per-JVM order) would
 * not show within one.
 *
 * <p>The first of the two runs with aws-cdk-lib's template validation (the CloudFormation Validate
 * plugin, cfn-lint's rules: schemas, value ranges, references), which cdk.json's
 * {@code @aws-cdk/core:validateAgainstDefaultRules} turns from warnings into a failed synthesis: it is
 * the build's one validated synthesis of the app (the test JVM and the second run set
 * {@code CDK_VALIDATION=false}; see the README's "Template validation"). The two JVMs run at the same
 * time, and this class alongside the others (junit-platform.properties): it only waits for them.
 */
@Execution(ExecutionMode.CONCURRENT)
class ReproducibleSynthTest {
    static final Pattern VERSION = Pattern.compile("\"(\\w+CurrentVersion[0-9A-F]{8}[0-9a-f]{32})\"\\s*:\\s*\\{\\s*\"Type\"\\s*:\\s*\"AWS::Lambda::Version\"");

    static final Pattern ALIAS = Pattern.compile("\"Type\"\\s*:\\s*\"AWS::Lambda::Alias\"");

    @TempDir
    static Path first;
    @TempDir
    static Path second;
    static Map<String, String> validated;
    static Map<String, String> unvalidated;

    @BeforeAll
    static void synthesizeTwiceAtOnce() throws Exception {
        Process withValidation = startSynth(first, true);
        Process withoutValidation = startSynth(second, false);
        validated = awaitTemplates(withValidation, first);
        unvalidated = awaitTemplates(withoutValidation, second);
    }

    @Test
    void twoSynthesesInTwoJvmsGiveTheSameTemplatesAndLambdaVersionIds() {
        Map<String, String> a = validated;
        Map<String, String> b = unvalidated;
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

    /**
     * The synthesis with validation finished (with the flag, a finding fails it, its report in the
     * message below) and its report lists no violation, of any severity.
     */
    @Test
    void theTemplatesPassAwsCdkLibsTemplateValidation() throws Exception {
        assertEquals(Boolean.TRUE, ReferenceApp.cdkJsonContext().get("@aws-cdk/core:validateAgainstDefaultRules"),
                "cdk.json must make validation findings fail the synthesis");
        Map<?, ?> report = new ObjectMapper().readValue(first.resolve("validation-report.json").toFile(), Map.class);
        assertEquals(List.of(), report.get("pluginReports"), Files.readString(first.resolve("validation-report.json")));
    }

    static List<String> versionIds(String template) {
        Matcher m = VERSION.matcher(template);
        List<String> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids.stream().sorted().toList();
    }

    /**
     * Starts {@code StratusApp} with cdk.json's context, writing into {@code outdir}, with aws-cdk-lib's
     * template validation or without it ({@code CDK_VALIDATION=false}).
     */
    static Process startSynth(Path outdir, boolean validation) throws IOException {
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
        if (validation) {
            process.environment().remove("CDK_VALIDATION");
        } else {
            process.environment().put("CDK_VALIDATION", "false");
        }
        return process.start();
    }

    /** Waits for {@code synth} (started by {@link #startSynth}) to succeed; its templates by file name. */
    static Map<String, String> awaitTemplates(Process synth, Path outdir) throws IOException, InterruptedException {
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
