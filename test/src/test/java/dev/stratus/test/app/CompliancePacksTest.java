package dev.stratus.test.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;
import java.util.TreeSet;

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
        App app = ReferenceApp.newApp(Map.of());
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

    @Test
    void dataStackHasNoUnsuppressedFindings() {
        nag.assertNoUnsuppressedFindings("Data", NagPack.AWS_SOLUTIONS, NagPack.SERVERLESS);
    }

    @Test
    void jobsStackHasNoUnsuppressedFindings() {
        nag.assertNoUnsuppressedFindings("Jobs", NagPack.AWS_SOLUTIONS, NagPack.SERVERLESS);
    }

    @Test
    void eventsStackHasNoUnsuppressedFindings() {
        nag.assertNoUnsuppressedFindings("Events", NagPack.AWS_SOLUTIONS, NagPack.SERVERLESS);
    }

    @Test
    void apiStackHasNoUnsuppressedFindings() {
        nag.assertNoUnsuppressedFindings("Api", NagPack.AWS_SOLUTIONS, NagPack.SERVERLESS);
    }

    @Test
    void theComplianceReportIsUpToDate() {
        TemplateSnapshot.assertTextMatches(nag.suppressionReport("cdk-nag findings of the reference app"),
                ReferenceApp.ROOT.resolve("docs/COMPLIANCE.md"));
    }

    @Test
    void everySuppressionHasAReasonAndIsListedInTheReadme() throws Exception {
        String readme = Files.readString(ReferenceApp.ROOT.resolve("README.md"));
        TreeSet<String> missing = new TreeSet<>();
        for (NagFinding f : nag.findings()) {
            if (f.suppressed()) {
                assertTrue(f.suppressionReason().length() >= 20, "a thin reason: " + f);
                if (!readme.contains(f.ruleId())) {
                    missing.add(f.ruleId());
                }
            }
        }
        assertTrue(missing.isEmpty(), "suppressed rules missing from README's compliance section: " + missing);
    }
}
