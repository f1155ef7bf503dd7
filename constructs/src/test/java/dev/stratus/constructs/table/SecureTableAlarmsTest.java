package dev.stratus.constructs.table;

import static dev.stratus.constructs.ConstructAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stratus.constructs.monitoring.AlarmPolicy;
import dev.stratus.constructs.monitoring.AlarmTuning;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Throttled requests and DynamoDB's own errors on the table (README: "Alarms"). */
class SecureTableAlarmsTest {
    static final Map<String, Object> TABLE_NAME = Map.of("Name", "TableName",
            "Value", Map.of("Ref", Match.stringLikeRegexp("^OrdersTable[0-9A-F]{8}$")));

    @Test
    void alarmsOnThrottledReadsAndWritesAndOnSystemErrorsOfTenOperations() {
        Stack stack = new Stack(new App(), "Test");
        SecureTable table = SecureTable.Builder.create(stack, "Orders").partitionKey(SecureTableTest.string("orderId")).build();
        Template template = Template.fromStack(stack);
        assertEquals(2, table.getAlarms().size());
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Threshold", 1, "TreatMissingData", "notBreaching",
                "Metrics", List.of(
                        Match.objectLike(Map.of("Expression", "FILL(reads, 0) + FILL(writes, 0)")),
                        Match.objectLike(Map.of("Id", "reads", "MetricStat", Match.objectLike(Map.of("Stat", "Sum", "Metric", Map.of(
                                "Namespace", "AWS/DynamoDB", "MetricName", "ReadThrottleEvents", "Dimensions", List.of(TABLE_NAME)))))),
                        Match.objectLike(Map.of("Id", "writes", "MetricStat", Match.objectLike(Map.of("Stat", "Sum", "Metric", Map.of(
                                "Namespace", "AWS/DynamoDB", "MetricName", "WriteThrottleEvents", "Dimensions", List.of(TABLE_NAME))))))))));
        Map<String, Map<String, Object>> systemErrors = template.findResources("AWS::CloudWatch::Alarm", Map.of("Properties",
                Match.objectLike(Map.of("AlarmDescription", Match.stringLikeRegexp(".*\\(SystemErrors\\)$")))));
        assertEquals(1, systemErrors.size());
        String alarm = systemErrors.values().iterator().next().toString();
        // one metric per operation (CloudWatch has no table-wide SystemErrors), ten at most in an alarm
        assertEquals(10, alarm.split("MetricName=SystemErrors").length - 1, alarm);
        for (String operation : List.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem",
                "BatchWriteItem", "TransactGetItems", "TransactWriteItems")) {
            assertTrue(alarm.contains("{Name=Operation, Value=" + operation + "}"), operation + " in " + alarm);
        }
        assertTrue(alarm.contains("{Name=TableName, Value={Ref=OrdersTable"), alarm);
    }

    @Test
    void failsWhenATuningIsNotANumberOfPeriodsCloudWatchTakes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecureTable.Builder.create(new Stack(new App(), "Test"),
                "Orders").partitionKey(SecureTableTest.string("orderId"))
                .alarms(AlarmPolicy.defaults().tune("Throttles", AlarmTuning.none().evaluationPeriods(2000))).build());
        assertMessage("Invalid SecureTable 'Orders': alarms tuning of 'Throttles': evaluationPeriods must be a whole number between 1 "
                + "and 1440, but was 2000", e);
    }

    @Test
    void theDashboardShowsCapacityThrottlesErrorsAndLatency() {
        Stack stack = new Stack(new App(), "Test");
        SecureTable table = SecureTable.Builder.create(stack, "Orders").partitionKey(SecureTableTest.string("orderId")).build();
        String widgets = stack.resolve(table.dashboardWidgets().stream().map(w -> w.toJson()).toList()).toString();
        for (String expected : List.of("### Table `Test/Orders`", "ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits",
                "ReadThrottleEvents", "SystemErrors", "SuccessfulRequestLatency")) {
            assertTrue(widgets.contains(expected), expected + " in " + widgets);
        }
    }
}
