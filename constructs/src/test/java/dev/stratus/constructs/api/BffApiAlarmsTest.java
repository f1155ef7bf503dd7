package dev.stratus.constructs.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.stratus.constructs.function.SecureFunction;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.UserPool;

/** 5xx rate, p99 latency and a 4xx spike, for both flavours (README: "Alarms"); per-route graphs on the dashboard. */
class BffApiAlarmsTest {
    static BffApi api(Stack stack, ApiFlavour flavour) {
        SecureFunction users = BffApiTest.function(stack, "Users");
        BffApi.Builder builder = BffApi.Builder.create(stack, "Api").flavour(flavour)
                .route(ApiRoute.get("/users/{userId}", users), ApiRoute.post("/users", users))
                .client("web", ApiRoute.get("/dashboard", users));
        return (flavour == ApiFlavour.REST
                ? builder.jwt(JwtAuth.cognitoScopes(UserPool.fromUserPoolId(stack, "Pool", "eu-central-1_example"), List.of("stratus/api")))
                : builder.jwt(JwtAuth.of(BffApiTest.ISSUER, List.of("web")))).build();
    }

    /** The metric names and the dimension that scopes them to this API's stage, per flavour. */
    static Map<String, Object> stageDimensions(ApiFlavour flavour) {
        Map<String, Object> dimensions = new java.util.LinkedHashMap<>();
        if (flavour == ApiFlavour.HTTP) {
            dimensions.put("ApiId", Map.of("Ref", Match.stringLikeRegexp("^ApiHttpApi")));
            dimensions.put("Stage", "$default");
        } else {
            dimensions.put("ApiName", "Test-Api");
            dimensions.put("Stage", Map.of("Ref", Match.stringLikeRegexp("^ApiRestApiDeploymentStageapi")));
        }
        return dimensions;
    }

    @ParameterizedTest
    @EnumSource(ApiFlavour.class)
    void alarmsOnTheShareOf5xxAndOf4xxAnswersAndOnP99Latency(ApiFlavour flavour) {
        Stack stack = new Stack(new App(), "Test");
        BffApi api = api(stack, flavour);
        Template template = Template.fromStack(stack);
        assertEquals(3, api.getAlarms().stream().filter(a -> a.getNode().getPath().startsWith("Test/Api/")).count());
        String serverErrors = flavour == ApiFlavour.HTTP ? "5xx" : "5XXError";
        String clientErrors = flavour == ApiFlavour.HTTP ? "4xx" : "4XXError";
        // the rates: IF(requests >= 20, 100 * errors / requests, 0) over this stage's Count and 5xx (or 4xx)
        for (Object[] rate : new Object[][] {{serverErrors, 1, 1, "server"}, {clientErrors, 20, 2, "client"}}) {
            Object expression = Match.objectLike(Map.of("Expression", "IF(requests >= 20, 100 * FILL(" + rate[3] + ", 0) / requests, 0)",
                    "ReturnData", true));
            Object errors = Match.objectLike(Map.of("Id", rate[3], "MetricStat", Match.objectLike(Map.of("Stat", "Sum", "Period", 300,
                    "Metric", Match.objectLike(Map.of("MetricName", rate[0], "Namespace", "AWS/ApiGateway",
                            "Dimensions", dimensionsMatcher(flavour)))))));
            Object requests = Match.objectLike(Map.of("Id", "requests", "MetricStat", Match.objectLike(Map.of("Stat", "Sum",
                    "Metric", Match.objectLike(Map.of("MetricName", "Count", "Dimensions", dimensionsMatcher(flavour)))))));
            for (Object metric : List.of(expression, errors, requests)) {
                template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                        "Threshold", rate[1], "EvaluationPeriods", rate[2], "DatapointsToAlarm", rate[2],
                        "ComparisonOperator", "GreaterThanOrEqualToThreshold", "TreatMissingData", "notBreaching",
                        "Metrics", Match.arrayWith(List.of(metric)))));
            }
        }
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "Latency", "Namespace", "AWS/ApiGateway", "ExtendedStatistic", "p99", "Threshold", 3000,
                "EvaluationPeriods", 3, "DatapointsToAlarm", 3, "TreatMissingData", "notBreaching")));
    }

    static Object dimensionsMatcher(ApiFlavour flavour) {
        return Match.arrayWith(stageDimensions(flavour).entrySet().stream()
                .<Object>map(d -> Match.objectLike(Map.of("Name", d.getKey(), "Value", d.getValue()))).toList());
    }

    @ParameterizedTest
    @EnumSource(ApiFlavour.class)
    void theDashboardGraphsTrafficErrorsAndLatencyPerRoute(ApiFlavour flavour) {
        Stack stack = new Stack(new App(), "Test");
        BffApi api = api(stack, flavour);
        String widgets = stack.resolve(api.dashboardWidgets().stream().map(w -> w.toJson()).toList()).toString();
        for (String route : List.of("GET /users/{userId}", "POST /users", "GET /web/dashboard")) {
            assertTrue(widgets.contains(route), route + " in " + widgets);
        }
        for (String expected : List.of("Requests per route", "5xx per route", "p99 latency per route (ms)", "/web/dashboard",
                flavour == ApiFlavour.HTTP ? "ApiId" : "ApiName")) {
            assertTrue(widgets.contains(expected), expected + " in " + widgets);
        }
        assertEquals(8, api.dashboardWidgets().size());
    }
}
