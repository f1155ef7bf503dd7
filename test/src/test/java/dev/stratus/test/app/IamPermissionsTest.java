package dev.stratus.test.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stratus.stacks.StratusApp;
import dev.stratus.test.IamAudit;
import dev.stratus.test.TemplateSnapshot;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * Every permission of every role of the app, committed as docs/IAM.md and checked like a snapshot,
 * so that each change of permissions is reviewed; and the least-privilege rules over all of them.
 */
class IamPermissionsTest {
    static Map<String, Map<String, Object>> templates = new LinkedHashMap<>();

    @BeforeAll
    static void synth() {
        StratusApp.Stacks stacks = ReferenceApp.compose(ReferenceApp.newApp(Map.of()));
        for (Stack stack : List.of(stacks.data(), stacks.jobs(), stacks.events(), stacks.api())) {
            templates.put(stack.getNode().getId(), Template.fromStack(stack).toJSON());
        }
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
