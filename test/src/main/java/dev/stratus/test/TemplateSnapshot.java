package dev.stratus.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * Stable CloudFormation snapshots: sorted, indented JSON with the parts that change without an
 * infrastructure change masked (asset hashes, Lambda version ids, bootstrap qualifier).
 *
 * <pre>{@code
 * TemplateSnapshot.assertMatches(stack, "OrdersStack");
 * }</pre>
 *
 * A snapshot lives in {@code src/test/resources/snapshots/NAME.json} (or the folder named by the
 * system property {@code snapshot.dir}). On a mismatch the assertion fails with a diff. To accept a
 * change, run the tests with {@code -Dsnapshot.update=true}, review the diff of the snapshot files
 * and commit them. Snapshots are never rewritten unless asked, and never when {@code CI=true}.
 */
public final class TemplateSnapshot {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** Masks, applied to the raw template text in order: pattern → replacement. */
    private static final List<Map.Entry<Pattern, String>> MASKS = List.of(
            // asset file names in S3 keys and in the staging folder: content hashes
            Map.entry(Pattern.compile("\\b[0-9a-f]{64}(\\.(zip|jar|json))\\b"), "[ASSET-HASH]$1"),
            // Lambda Version logical ids end with a hash of the function's code and configuration
            Map.entry(Pattern.compile("(CurrentVersion[0-9A-F]{8})[0-9a-f]{32}"), "$1[VERSION-HASH]"),
            // the bootstrap qualifier of the default synthesizer (assets bucket, roles, version parameter)
            Map.entry(Pattern.compile("hnb659fds"), "[BOOTSTRAP-QUALIFIER]"));

    private TemplateSnapshot() {
    }

    /** Asserts that {@code stack}'s template matches the snapshot {@code name}. */
    public static void assertMatches(Stack stack, String name) {
        assertMatches(Template.fromStack(stack), name);
    }

    /** Asserts that {@code template} matches the snapshot {@code name}. */
    public static void assertMatches(Template template, String name) {
        assertMatches(normalize(template.toJSON()), snapshotDir().resolve(name + ".json"), Boolean.getBoolean("snapshot.update"),
                "true".equalsIgnoreCase(System.getenv("CI")));
    }

    /**
     * Asserts that a generated text file (a report committed next to the code) is up to date, with
     * the same rules as template snapshots: a diff on mismatch, rewritten only with
     * {@code -Dsnapshot.update=true}, never when {@code CI=true}.
     */
    public static void assertTextMatches(String actual, Path file) {
        assertMatches(actual, file, Boolean.getBoolean("snapshot.update"), "true".equalsIgnoreCase(System.getenv("CI")));
    }

    /** The stable text of a template: masked, with every object's keys sorted. */
    public static String normalize(Map<String, Object> template) {
        checkJackson(com.fasterxml.jackson.core.json.PackageVersion.VERSION, com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION);
        try {
            String raw = JSON.writeValueAsString(template);
            for (Map.Entry<Pattern, String> mask : MASKS) {
                raw = mask.getKey().matcher(raw).replaceAll(mask.getValue());
            }
            JsonNode sorted = sort(JSON.readTree(raw));
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            return JSON.writer(printer).writeValueAsString(sorted) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertMatches(String actual, Path file, boolean update, boolean ci) {
        if (update && ci) {
            throw new AssertionError("snapshot.update is refused when CI=true: update snapshots locally and commit them");
        }
        try {
            if (update) {
                Files.createDirectories(file.getParent());
                if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(actual)) {
                    Files.writeString(file, actual, StandardCharsets.UTF_8);
                    System.out.println("snapshot written: " + file + " (review and commit it)");
                }
                return;
            }
            if (!Files.exists(file)) {
                throw new AssertionError("No snapshot at " + file + ". Create it with -Dsnapshot.update=true, "
                        + "review it and commit it.");
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                throw new AssertionError("Generated text differs from " + file + ":\n"
                        + TextDiff.diff(expected, actual, 3, 80)
                        + "\nIf the change is intended, run with -Dsnapshot.update=true, review the diff and commit it.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The kit uses the Jackson that jsii's runtime brings (it declares none of its own); if an app's
     * build mixes jackson-core and jackson-databind of different minor versions, jsii's runtime is the
     * first to break, so fail here with the two versions rather than with a NoSuchMethodError.
     */
    static void checkJackson(com.fasterxml.jackson.core.Version core, com.fasterxml.jackson.core.Version databind) {
        if (core.getMajorVersion() != databind.getMajorVersion() || core.getMinorVersion() != databind.getMinorVersion()) {
            throw new IllegalStateException("jackson-core " + core + " and jackson-databind " + databind + " are on the class path "
                    + "together; jsii's runtime (aws-cdk-lib) and this kit need one Jackson: align them, e.g. with com.fasterxml."
                    + "jackson:jackson-bom at jsii-runtime's version");
        }
    }

    static Path snapshotDir() {
        String dir = System.getProperty("snapshot.dir");
        return Path.of(dir != null && !dir.isBlank() ? dir : "src/test/resources/snapshots");
    }

    private static JsonNode sort(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JSON.createObjectNode();
            List<String> names = new java.util.ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String name : names) {
                sorted.set(name, sort(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = JSON.createArrayNode();
            node.forEach(element -> array.add(sort(element)));
            return array;
        }
        return node;
    }
}
