package dev.stratus.test.constructs;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.stratus.constructs.api.ApiFlavour;
import dev.stratus.constructs.api.ApiRoute;
import dev.stratus.constructs.api.BffApi;
import dev.stratus.constructs.api.Cors;
import dev.stratus.constructs.api.JwtAuth;
import dev.stratus.constructs.api.RouteAuth;
import dev.stratus.constructs.api.Throttle;
import dev.stratus.constructs.api.UsagePlanOptions;
import dev.stratus.constructs.api.WafOptions;
import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.test.Compliance;
import dev.stratus.test.NagPack;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.cognito.UserPool;

/**
 * A BffApi of either flavour, with JWT, IAM and CORS routes, passes AwsSolutions and Serverless
 * with no finding left open: the construct is compliant by default, not by the app's suppressions.
 */
class BffApiComplianceTest {

    @ParameterizedTest
    @EnumSource(ApiFlavour.class)
    void eitherFlavourHasNoUnsuppressedFindings(ApiFlavour flavour) {
        assertNoUnsuppressedFindings(flavour, null);
    }

    /**
     * In a stack bound to an account and region, ARNs carry them literally: the REST flavour's
     * account log role suppression must match those, not only the {@code <AWS::Region>} placeholders.
     */
    @ParameterizedTest
    @EnumSource(ApiFlavour.class)
    void eitherFlavourHasNoUnsuppressedFindingsInAnEnvBoundStack(ApiFlavour flavour) {
        assertNoUnsuppressedFindings(flavour, software.amazon.awscdk.Environment.builder()
                .account("111111111111").region("eu-west-1").build());
    }

    static void assertNoUnsuppressedFindings(ApiFlavour flavour, software.amazon.awscdk.Environment env) {
        App app = new App();
        Stack stack = new Stack(app, "Api" + flavour, software.amazon.awscdk.StackProps.builder().env(env).build());
        IUserPool pool = UserPool.fromUserPoolId(stack, "Pool", "eu-central-1_example");
        SecureFunction users = SecureFunction.Builder.create(stack, "Users")
                .handler("com.example.Users::handleRequest")
                .codePath("../constructs/src/test/resources/fake-function")
                .build();
        BffApi api = BffApi.Builder.create(stack, "Api")
                .flavour(flavour)
                // the REST flavour's Cognito authorizer cannot check the audience: it requires scopes instead
                .jwt(flavour == ApiFlavour.REST ? JwtAuth.cognitoScopes(pool, List.of("stratus/api"))
                        : JwtAuth.cognito(pool, List.of("web-client")))
                .cors(Cors.allowOrigins("https://app.example.com").withCredentials())
                .route(ApiRoute.get("/users/{userId}", users),
                        ApiRoute.post("/users", users).throttle(Throttle.of(10, 20)),
                        ApiRoute.get("/internal/users/{userId}", users).auth(RouteAuth.IAM))
                .client("web", ApiRoute.get("/dashboard", users))
                .waf(flavour == ApiFlavour.REST ? WafOptions.defaults() : null)
                .route(flavour == ApiFlavour.REST
                        ? new ApiRoute[] {ApiRoute.get("/partner/users/{userId}", users).auth(RouteAuth.IAM).requireApiKey()}
                        : new ApiRoute[0])
                .usagePlan(flavour == ApiFlavour.REST ? new UsagePlanOptions("partners", Throttle.of(5, 10), 1000,
                        software.amazon.awscdk.services.apigateway.Period.DAY) : null)
                .build();
        // routes added later, on new resources (new CORS preflights), and an IAM route granted to a caller
        api.addRoute(ApiRoute.get("/later/{itemId}", users), ApiRoute.post("/internal/later", users).auth(RouteAuth.IAM));
        api.addClientRoute("mobile", ApiRoute.get("/dashboard", users).throttle(Throttle.of(10, 20)));
        api.grantInvoke(users, "POST /internal/later");
        Compliance nag = Compliance.apply(app, NagPack.AWS_SOLUTIONS, NagPack.SERVERLESS);
        app.synth();
        nag.assertNoUnsuppressedFindings();
    }

    @ParameterizedTest
    @EnumSource(ApiFlavour.class)
    void aPublicRouteStaysVisibleToCdkNag(ApiFlavour flavour) {
        App app = new App();
        Stack stack = new Stack(app, "Public" + flavour);
        SecureFunction health = SecureFunction.Builder.create(stack, "Health")
                .handler("com.example.Health::handleRequest")
                .codePath("../constructs/src/test/resources/fake-function")
                .build();
        BffApi api = BffApi.Builder.create(stack, "Api")
                .flavour(flavour)
                .route(ApiRoute.get("/health", health).auth(RouteAuth.NONE))
                .waf(flavour == ApiFlavour.REST ? WafOptions.defaults() : null)
                .build();
        Compliance nag = Compliance.apply(app, NagPack.AWS_SOLUTIONS);
        app.synth();
        // the construct does not hide an unauthenticated route: the app must suppress it with its own reason
        org.junit.jupiter.api.Assertions.assertTrue(nag.unsuppressed().stream()
                .anyMatch(f -> f.ruleId().equals("AwsSolutions-APIG4")), nag.unsuppressed().toString());
        org.junit.jupiter.api.Assertions.assertEquals(List.of("GET /health"), api.getPublicRoutes());
    }
}
