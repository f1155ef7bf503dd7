package dev.stratus.test.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stratus.stacks.StratusApp;
import dev.stratus.stacks.StratusStage;
import dev.stratus.test.TemplateSnapshot;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/** docs/COST.md, generated from the templates of both stages and checked like a snapshot. */
class CostReportTest {
    /** The KMS keys of each stage with {@code isolatedFunctionKeys=true}: what the report compares the shared key with. */
    static Map<String, Integer> isolatedKeys() {
        Map<String, Integer> keys = new LinkedHashMap<>();
        for (StratusStage stage : ReferenceApp.compose(ReferenceApp.newApp(Map.of("isolatedFunctionKeys", "true")))) {
            StratusApp.Stacks stacks = stage.getStacks();
            int count = 0;
            for (Stack stack : List.of(stacks.data(), stacks.jobs(), stacks.events(), stacks.api(), stacks.stats(), stacks.catalog())) {
                count += Template.fromStack(stack).findResources("AWS::KMS::Key").size();
            }
            keys.put(stage.getNode().getId(), count);
        }
        return keys;
    }

    @Test
    void theCostReportIsUpToDate() {
        TemplateSnapshot.assertTextMatches(CostReport.render(ReferenceApp.templates(), isolatedKeys()),
                ReferenceApp.ROOT.resolve("docs/COST.md"));
    }

    @Test
    void theReportPricesWhatTheTemplatesDeploy() {
        Map<String, Map<String, Object>> templates = ReferenceApp.templates();
        CostReport.Inventory prod = new CostReport.Inventory(Map.of("Prod/Api", templates.get("Prod/Api")));
        assertEquals(4, prod.functions);
        assertEquals(1, prod.httpApis);
        assertEquals(1.0, prod.memoryGb("DashboardFunctions$Web"));
        assertEquals(365, prod.retentionDays);
        assertEquals(1, prod.topics);

        // one more key in a template is a dollar more a month, one more alarm metric ten cents
        Map<String, Map<String, Object>> more = new LinkedHashMap<>(templates);
        Map<String, Object> api = new LinkedHashMap<>(templates.get("Dev/Api"));
        Map<String, Object> resources = new LinkedHashMap<>(castMap(api.get("Resources")));
        resources.put("ExtraKey", Map.of("Type", "AWS::KMS::Key", "Properties", Map.of()));
        resources.put("ExtraAlarm", Map.of("Type", "AWS::CloudWatch::Alarm", "Properties", Map.of("MetricName", "Errors",
                "AlarmDescription", "x (Errors)")));
        api.put("Resources", resources);
        more.put("Dev/Api", api);
        double before = CostReport.total(CostReport.lines(devInventory(templates)));
        double after = CostReport.total(CostReport.lines(devInventory(more)));
        assertEquals(1.10, after - before, 1e-9);
        assertTrue(before > 20 && before < 100, "a month of dev: " + before);
    }

    static CostReport.Inventory devInventory(Map<String, Map<String, Object>> templates) {
        Map<String, Map<String, Object>> dev = new LinkedHashMap<>();
        templates.forEach((stack, template) -> {
            if (stack.startsWith("Dev/")) {
                dev.put(stack, template);
            }
        });
        return new CostReport.Inventory(dev);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
