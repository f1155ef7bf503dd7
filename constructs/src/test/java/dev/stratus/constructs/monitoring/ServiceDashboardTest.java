package dev.stratus.constructs.monitoring;

import static dev.stratus.constructs.ConstructAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.table.SecureTable;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.constructs.Construct;

/** The dashboard of a service from its constructs' own metrics and alarms; the policy defaults of a scope. */
class ServiceDashboardTest {
    static final String CODE = "src/test/resources/fake-function";

    static SecureFunction function(Construct scope, String id) {
        return SecureFunction.Builder.create(scope, id).handler("com.example.Handler::handleRequest").codePath(CODE).build();
    }

    static SecureTable table(Construct scope, String id) {
        return SecureTable.Builder.create(scope, id)
                .partitionKey(Attribute.builder().name("id").type(AttributeType.STRING).build()).build();
    }

    @Test
    void monitorAllShowsEveryMonitoredConstructOfTheScopeInTreeOrderWithAllTheirAlarms() {
        Stack stack = new Stack(new App(), "Orders");
        SecureTable orders = table(stack, "OrdersTable");
        Construct service = new Construct(stack, "Service");
        SecureFunction place = function(service, "PlaceOrder");
        SecureFunction list = function(service, "ListOrders");
        ServiceDashboard dashboard = ServiceDashboard.Builder.create(stack, "Dashboard").dashboardName("Orders-dev").monitorAll(stack).build();
        assertEquals(List.of(orders, place, list), dashboard.getMonitored());
        assertSame(place, ServiceDashboard.findAll(service).get(0), "the construct itself, not a copy");

        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        Map<String, Object> props = template.findResources("AWS::CloudWatch::Dashboard").values().iterator().next();
        String body = String.valueOf(stack.resolve(props));
        assertTrue(body.contains("DashboardName=Orders-dev"), body);
        int table = body.indexOf("### Table `Orders/OrdersTable`");
        int first = body.indexOf("### Function `Orders/Service/PlaceOrder`");
        int second = body.indexOf("### Function `Orders/Service/ListOrders`");
        assertTrue(0 < table && table < first && first < second, body);
        // the alarm status widget lists every alarm: 2 of the table, 4 of each function
        assertEquals(10, body.split(", Arn]}").length - 1, body);
        // a construct's graphs side by side: the function's three graphs on one line
        assertTrue(body.contains("\"width\":8,\"height\":6,\"x\":16"), body);
    }

    @Test
    void failsWhenNothingIsMonitoredOrTheNameIsNotOneCloudWatchTakes() {
        Stack stack = new Stack(new App(), "Orders");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                ServiceDashboard.Builder.create(stack, "Dashboard").dashboardName("Orders dev").monitorAll(stack).monitor((Monitored) null).build());
        assertMessage("Invalid ServiceDashboard 'Dashboard', 2 problems:\n"
                + "  - dashboardName must be 1 to 255 letters, digits, '-' or '_', but was 'Orders dev'\n"
                + "  - monitor[0] is null; every element must be a Monitored construct", e);
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () ->
                ServiceDashboard.Builder.create(stack, "Empty").monitorAll(stack).build());
        assertMessage("Invalid ServiceDashboard 'Empty': monitor names no construct: pass Monitored constructs (SecureFunction, BffApi, "
                + "EventDrivenService, ScheduledTask, SecureTable, ...) or monitorAll(scope) of a scope that holds some", empty);
    }

    @Test
    void failsWhenADefaultIsSetWithoutAScope() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AlarmPolicy.setDefault(null, AlarmPolicy.off()));
        assertMessage("a scope is required to set a default AlarmPolicy", e);
    }

    @Test
    void thePolicyOfTheNearestScopeApplies() {
        App app = new App();
        Stack stack = new Stack(app, "Orders");
        Construct team = new Construct(stack, "Team");
        AlarmPolicy quiet = AlarmPolicy.defaults().withoutNotifications();
        AlarmPolicy.setDefault(app, AlarmPolicy.off());
        AlarmPolicy.setDefault(team, quiet);
        assertSame(quiet, AlarmPolicy.resolve(new Construct(team, "X"), null));
        assertEquals(false, AlarmPolicy.resolve(new Construct(stack, "Y"), null).isEnabled());
        assertEquals(true, AlarmPolicy.resolve(new Construct(new Stack(new App(), "Other"), "Z"), null).notifies());
        AlarmPolicy given = AlarmPolicy.defaults();
        assertSame(given, AlarmPolicy.resolve(new Construct(team, "W"), given));
        // the holder of the defaults synthesizes to nothing
        Template.fromStack(stack).templateMatches(Map.of());
        assertSame(AlarmTopic.of(stack), AlarmTopic.of(stack));
    }
}
