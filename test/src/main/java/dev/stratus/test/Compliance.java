package dev.stratus.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.NagReportFormat;

import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stage;
import software.constructs.IConstruct;

/**
 * Applies cdk-nag packs to a construct tree and reads back every result, suppressed or not.
 * Apply before the first synthesis (the packs are aspects, which run during synthesis):
 *
 * <pre>{@code
 * App app = new App();
 * Stack stack = new OrdersStack(app, "Orders");
 * Compliance nag = Compliance.apply(app, NagPack.AWS_SOLUTIONS, NagPack.SERVERLESS);
 * app.synth();
 * nag.assertNoUnsuppressedFindings();
 * }</pre>
 *
 * The results come from cdk-nag's CSV reports in the app's output folder: a logger implemented in
 * Java would be called back once per rule and resource through jsii, which nests those calls on the
 * Java stack until it overflows on a real app.
 */
public final class Compliance {
    private static final String NON_COMPLIANT = "Non-Compliant";
    private static final String SUPPRESSED = "Suppressed";
    private static final String UNKNOWN = "UNKNOWN";

    private final Path outdir;

    private Compliance(Path outdir) {
        this.outdir = outdir;
    }

    /** Adds the packs as aspects of {@code scope}; their reports are written when the app synthesizes. */
    public static Compliance apply(IConstruct scope, NagPack... packs) {
        if (packs.length == 0) {
            throw new IllegalArgumentException("name at least one NagPack");
        }
        Stage stage = scope instanceof Stage s ? s : Stage.of(scope);
        if (stage == null) {
            throw new IllegalArgumentException("scope must be inside an App or Stage");
        }
        NagPackProps props = NagPackProps.builder()
                .verbose(true)
                .reports(true)
                .reportFormats(List.of(NagReportFormat.CSV))
                .build();
        for (NagPack pack : packs) {
            Aspects.of(scope).add(pack.create(props));
        }
        return new Compliance(Path.of(stage.getOutdir()));
    }

    /** Every finding, suppressed or not, and every rule that could not be evaluated. */
    public List<NagFinding> findings() {
        List<NagFinding> findings = new ArrayList<>();
        try (Stream<Path> files = Files.list(outdir)) {
            for (Path report : files.filter(p -> p.getFileName().toString().endsWith("-NagReport.csv")).sorted().toList()) {
                String pack = report.getFileName().toString().split("-", 2)[0];
                List<List<String>> rows = Csv.parse(Files.readString(report, StandardCharsets.UTF_8));
                for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
                    // Rule ID, Resource ID, Compliance, Exception Reason, Rule Level, Rule Info
                    String compliance = row.get(2);
                    if (compliance.equals(NON_COMPLIANT) || compliance.equals(SUPPRESSED) || compliance.equals(UNKNOWN)) {
                        findings.add(new NagFinding(pack, row.get(0), row.get(0), row.get(4), row.get(1),
                                compliance.equals(UNKNOWN) ? "rule could not be evaluated: " + row.get(5) : row.get(5),
                                compliance.equals(SUPPRESSED) ? row.get(3) : null));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cdk-nag reports in " + outdir + "; did the app synthesize?", e);
        }
        if (findings.isEmpty() && !hasReports()) {
            throw new IllegalStateException("no cdk-nag report in " + outdir + ": synthesize the app after apply()");
        }
        return findings;
    }

    private boolean hasReports() {
        try (Stream<Path> files = Files.list(outdir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith("-NagReport.csv"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Findings that are not suppressed. */
    public List<NagFinding> unsuppressed() {
        return findings().stream().filter(f -> !f.suppressed()).toList();
    }

    /** Unsuppressed findings under the construct path {@code pathPrefix} (e.g. a stack's id). */
    public List<NagFinding> unsuppressed(String pathPrefix) {
        return unsuppressed().stream()
                .filter(f -> f.resource().equals(pathPrefix) || f.resource().startsWith(pathPrefix + "/"))
                .toList();
    }

    /** Unsuppressed findings of {@code packs} under the construct path {@code pathPrefix}. */
    public List<NagFinding> unsuppressed(String pathPrefix, NagPack... packs) {
        java.util.Set<String> names = java.util.Arrays.stream(packs).map(NagPack::prefix).collect(Collectors.toSet());
        return unsuppressed(pathPrefix).stream().filter(f -> names.contains(f.pack())).toList();
    }

    /** Fails with a readable list of the unsuppressed findings of {@code packs} under {@code pathPrefix}. */
    public void assertNoUnsuppressedFindings(String pathPrefix, NagPack... packs) {
        assertNone(unsuppressed(pathPrefix, packs));
    }

    /** Counts by pack: {@code AwsSolutions -> [all findings, unsuppressed]}. */
    public Map<String, int[]> countsByPack() {
        Map<String, int[]> counts = new TreeMap<>();
        for (NagFinding f : findings()) {
            int[] c = counts.computeIfAbsent(f.pack(), k -> new int[2]);
            c[0]++;
            if (!f.suppressed()) {
                c[1]++;
            }
        }
        return counts;
    }

    /**
     * A markdown report of every suppressed finding (pack, rule, resource, reason), sorted, for a
     * committed docs/COMPLIANCE.md that is checked like a snapshot.
     */
    public String suppressionReport(String title) {
        StringBuilder out = new StringBuilder("# " + title + "\n\nGenerated by the test kit's `Compliance` from cdk-nag's reports; "
                + "regenerate with `mvn -B verify -Dsnapshot.update=true` and review the diff like code.\n");
        countsByPack().forEach((pack, c) -> out.append("\n- ").append(pack).append(": ").append(c[0]).append(" findings, ")
                .append(c[0] - c[1]).append(" suppressed, ").append(c[1]).append(" open"));
        out.append("\n\n| pack | rule | resource | reason |\n|---|---|---|---|\n");
        findings().stream().filter(NagFinding::suppressed)
                .map(f -> "| " + f.pack() + " | " + f.ruleId() + " | " + f.resource() + " | " + f.suppressionReason().replace("|", "\\|") + " |")
                .sorted().distinct().forEach(line -> out.append(line).append("\n"));
        Map<String, Integer> open = new TreeMap<>();
        unsuppressed().forEach(f -> open.merge(f.ruleId() + " | " + f.level(), 1, Integer::sum));
        if (!open.isEmpty()) {
            out.append("\n## Open findings\n\n| rule | level | resources |\n|---|---|---|\n");
            open.forEach((rule, count) -> out.append("| ").append(rule).append(" | ").append(count).append(" |\n"));
        }
        return out.toString();
    }

    /** Fails with a readable list of every unsuppressed finding. */
    public void assertNoUnsuppressedFindings() {
        assertNone(unsuppressed());
    }

    /** Fails with a readable list of the unsuppressed findings under {@code pathPrefix}. */
    public void assertNoUnsuppressedFindings(String pathPrefix) {
        assertNone(unsuppressed(pathPrefix));
    }

    private static void assertNone(List<NagFinding> open) {
        if (!open.isEmpty()) {
            throw new AssertionError(open.size() + " unsuppressed cdk-nag finding(s):\n  "
                    + open.stream().map(NagFinding::toString).sorted().collect(Collectors.joining("\n  "))
                    + "\nFix them, or suppress them with NagSuppressions and a true reason.");
        }
    }

}
