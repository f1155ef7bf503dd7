package dev.stratus.test.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stratus.test.Compliance;
import dev.stratus.test.NagFinding;
import dev.stratus.test.NagPack;
import dev.stratus.test.TemplateSnapshot;
import software.amazon.awscdk.App;

/**
 * cdk-nag over every stack: AwsSolutions and Serverless with zero unsuppressed findings; NIST 800-53 R5
 * and HIPAA Security run too, with their remaining findings reported in docs/COMPLIANCE.md.
 */
class CompliancePacksTest {
    static Compliance nag;

    @BeforeAll
    static void synthWithPacks() {
        // cdk-nag records each finding as an error annotation; with cdk.json's
        // @aws-cdk/core:annotationsInValidationReport those would fail the synthesis before the kit
        // reads them, including the reported (not gating) NIST and HIPAA findings: the kit reports them instead
        App app = ReferenceApp.newApp(Map.of("@aws-cdk/core:annotationsInValidationReport", false));
        ReferenceApp.compose(app);
        // AwsSolutions and Serverless gate the build; NIST 800-53 R5 and HIPAA Security are reported
        nag = Compliance.apply(app, NagPack.AWS_SOLUTIONS, NagPack.SERVERLESS, NagPack.NIST_800_53_R5, NagPack.HIPAA_SECURITY);
        app.synth();
        nag.countsByPack().forEach((pack, c) ->
                System.out.println("cdk-nag " + pack + ": " + c[0] + " findings, " + c[1] + " unsuppressed"));
    }

    @Test
    void packsRanOverTheApp() {
        // the constructs suppress inherent findings, so a run that evaluated the app records some
        assertTrue(nag.findings().stream().anyMatch(NagFinding::suppressed), "no finding recorded: did the packs run?");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("dev.stratus.test.app.StackSnapshotTest#stacks")
    void noStackOfEitherStageHasAnUnsuppressedFinding(String stack) {
        nag.assertNoUnsuppressedFindings(stack, NagPack.AWS_SOLUTIONS, NagPack.SERVERLESS);
    }

    @Test
    void theComplianceReportIsUpToDate() {
        TemplateSnapshot.assertTextMatches(nag.suppressionReport("cdk-nag findings of the reference app"),
                ReferenceApp.ROOT.resolve("docs/COMPLIANCE.md"));
    }

    /**
     * The README's compliance table is the reviewed list of what the constructs suppress: each
     * suppressed finding has a row naming its rule (and its finding, when the suppression is limited
     * to one), and each row names a rule that is suppressed somewhere, so that no row outlives its
     * suppression. A rule id mentioned elsewhere in the README does not count.
     */
    @Test
    void everySuppressedFindingHasARowInTheReadmesComplianceTableAndEveryRowIsInUse() throws Exception {
        List<List<String>> rows = readmeComplianceRows();
        assertTrue(rows.size() >= 5, "rows of the README's | rule | resource | reason | table: " + rows);
        TreeSet<String> missing = new TreeSet<>();
        Set<List<String>> used = new HashSet<>();
        for (NagFinding f : nag.findings()) {
            if (!f.suppressed()) {
                continue;
            }
            assertTrue(f.suppressionReason().length() >= 20, "a thin reason: " + f);
            String finding = f.findingId().equals(f.ruleId()) ? null : f.findingId().substring(f.ruleId().length() + 1, f.findingId().length() - 1);
            List<List<String>> matching = rows.stream()
                    .filter(r -> r.contains(f.ruleId()) && (finding == null || r.contains(finding))).toList();
            if (matching.isEmpty()) {
                missing.add(f.findingId());
            }
            used.addAll(matching);
        }
        assertEquals(new TreeSet<>(), missing, "suppressed findings without a row in the README's compliance table");
        List<List<String>> stale = rows.stream().filter(r -> !used.contains(r)).toList();
        assertEquals(List.of(), stale, "rows of the README's compliance table that match no suppressed finding");
    }

    /** The code spans of the first cell of each row of the table headed {@code | rule | resource | reason |}. */
    static List<List<String>> readmeComplianceRows() throws Exception {
        List<String> lines = Files.readAllLines(ReferenceApp.ROOT.resolve("README.md"));
        int header = lines.indexOf("| rule | resource | reason |");
        assertTrue(header >= 0, "README.md has no | rule | resource | reason | table");
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String rule = line.substring(1, line.indexOf('|', 1));
            List<String> spans = new ArrayList<>();
            Matcher m = Pattern.compile("`([^`]+)`").matcher(rule);
            while (m.find()) {
                spans.add(m.group(1));
            }
            rows.add(spans);
        }
        return rows;
    }
}
