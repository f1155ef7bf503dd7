package dev.stratus.test.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stratus.test.IamAudit;
import dev.stratus.test.TemplateSnapshot;

/**
 * Every permission of every role of the app, committed as docs/IAM.md and checked like a snapshot,
 * so that each change of permissions is reviewed; and the least-privilege rules over all of them.
 */
class IamPermissionsTest {
    static Map<String, Map<String, Object>> templates;

    @BeforeAll
    static void synth() {
        templates = ReferenceApp.templates();
    }

    @Test
    void thePermissionsTableIsUpToDate() {
        TemplateSnapshot.assertTextMatches(IamAudit.table("IAM permissions of the reference app", templates),
                ReferenceApp.ROOT.resolve("docs/IAM.md"));
    }

    @Test
    void noManagedPolicyNoWildcardActionAndResourceStarOnlyWhereAwsForcesIt() {
        templates.forEach((stack, template) -> assertEquals(List.of(), IamAudit.violations(template), stack));
    }
}
