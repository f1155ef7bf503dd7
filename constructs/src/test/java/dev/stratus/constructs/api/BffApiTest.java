package dev.stratus.constructs.api;

import static dev.stratus.constructs.ConstructAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.stratus.constructs.function.SecureFunction;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.cognito.UserPool;

class BffApiTest {
    static final String CODE = "src/test/resources/fake-function";
    static final String ISSUER = "https://example.eu.auth0.com/";

    static SecureFunction function(Stack stack, String id) {
        return SecureFunction.Builder.create(stack, id).handler("com.example.Handler::handleRequest").codePath(CODE).build();
    }

    /** The HTTP flavour with the props a BFF uses, from one synthesis. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class HttpFlavour {
        Template template;
        BffApi api;

        @BeforeAll
        void synth() {
            Stack stack = new Stack(new App(), "Test");
            SecureFunction users = function(stack, "Users");
            SecureFunction web = function(stack, "WebBff");
            SecureFunction mobile = function(stack, "MobileBff");
            api = BffApi.Builder.create(stack, "Api")
                    .jwt(JwtAuth.of(ISSUER, List.of("web-client", "mobile-client")))
                    .cors(Cors.allowOrigins("https://app.example.com").withCredentials())
                    .route(ApiRoute.get("/users/{userId}", users),
                            ApiRoute.post("/users", users).throttle(Throttle.of(5, 10)),
                            ApiRoute.get("/internal/users/{userId}", users).auth(RouteAuth.IAM),
                            ApiRoute.get("/health", users).auth(RouteAuth.NONE))
                    .client("web", ApiRoute.get("/dashboard", web))
                    .client("mobile", ApiRoute.get("/dashboard", mobile))
                    .build();
            template = Template.fromStack(stack);
        }

        @Test
        void accessLogsAreNamedUnderTheStackPrefixAndTheirKeyServesOnlyThatPrefix() {
            template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("LogGroupName", "/Test/Api/AccessLogs"));
            String keys = template.findResources("AWS::KMS::Key").toString();
            // the logs service may use the API's key for this stack's log groups only, never account-wide
            assertTrue(keys.contains("log-group:/Test/*"), keys);
            assertFalse(keys.contains("log-group:*"), keys);
        }

        @Test
        void isAnHttpApiWithOneRoutePerDeclarationAndClientPrefixes() {
            template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
            template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "HTTP"));
            template.resourceCountIs("AWS::ApiGatewayV2::Route", 6);
            for (String key : List.of("GET /users/{userId}", "POST /users", "GET /web/dashboard", "GET /mobile/dashboard")) {
                template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", key, "AuthorizationType", "JWT"));
            }
            assertEquals(List.of("GET /users/{userId}", "POST /users", "GET /internal/users/{userId}", "GET /health",
                    "GET /web/dashboard", "GET /mobile/dashboard"), api.getRoutes());
        }

        @Test
        void jwtAuthorizerChecksIssuerAndAudience() {
            template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Map.of(
                    "AuthorizerType", "JWT",
                    "IdentitySource", List.of("$request.header.Authorization"),
                    "JwtConfiguration", Map.of("Issuer", ISSUER, "Audience", List.of("web-client", "mobile-client"))));
            assertTrue(api.getAuthorizer().isPresent());
        }

        @Test
        void iamAndNoneOnlyWhereAskedAndNoneIsListed() {
            template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", "GET /internal/users/{userId}", "AuthorizationType", "AWS_IAM"));
            template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", "GET /health", "AuthorizationType", "NONE"));
            assertEquals(List.of("GET /health"), api.getPublicRoutes());
        }

        @Test
        void integrationsInvokeTheLiveAliasOnlyFromTheirRoute() {
            template.resourceCountIs("AWS::ApiGatewayV2::Integration", 3);
            template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                    "Action", "lambda:InvokeFunction",
                    "Principal", "apigateway.amazonaws.com",
                    "FunctionName", Map.of("Ref", Match.stringLikeRegexp("WebBffLiveAlias.*")),
                    "SourceArn", Match.objectLike(Map.of("Fn::Join", List.of("", Match.arrayWith(List.of("/*/*/web/dashboard")))))));
        }

        @Test
        void corsAllowsOnlyTheListedOrigins() {
            template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("CorsConfiguration", Map.of(
                    "AllowOrigins", List.of("https://app.example.com"),
                    "AllowCredentials", true,
                    "AllowHeaders", List.of("Authorization", "Content-Type"),
                    "AllowMethods", List.of("*"),
                    "MaxAge", 600)));
        }

        @Test
        void stageThrottlesByDefaultAndPerRoute() {
            template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
                    "StageName", "$default",
                    "AutoDeploy", true,
                    "DefaultRouteSettings", Map.of("DetailedMetricsEnabled", true, "ThrottlingRateLimit", 100, "ThrottlingBurstLimit", 200),
                    "RouteSettings", Map.of("POST /users", Map.of("ThrottlingRateLimit", 5, "ThrottlingBurstLimit", 10))));
        }

        @Test
        void accessLogsAreJsonInAKmsEncryptedLogGroupWithRetention() {
            template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of("AccessLogSettings", Map.of(
                    "DestinationArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ApiAccessLogs.*"), "Arn")),
                    "Format", Match.stringLikeRegexp("^\\{\"requestId\":\"\\$context.requestId\".*\"status\":\"\\$context.status\".*\\}$"))));
            template.hasResourceProperties("AWS::Logs::LogGroup", Map.of(
                    "RetentionInDays", 30,
                    "KmsKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ApiKey.*"), "Arn"))));
        }

        @Test
        void gettersAndMetrics() {
            // the concrete L2s, so that their own methods need no cast
            software.amazon.awscdk.services.apigatewayv2.HttpApi httpApi = api.getHttpApi().orElseThrow();
            software.amazon.awscdk.services.apigatewayv2.HttpStage stage = api.getHttpStage().orElseThrow();
            assertEquals("$default", stage.getStageName());
            assertEquals(httpApi, stage.getApi());
            assertTrue(api.getAuthorizer().orElseThrow() instanceof ApiAuthorizer.HttpJwt jwt && jwt.authorizer() != null);
            assertFalse(api.getRestApi().isPresent() || api.getRestStage().isPresent() || api.getUsagePlan().isPresent()
                    || api.getWebAcl().isPresent());
            assertEquals(30, api.getAccessLogs().getNode().getDefaultChild() instanceof software.amazon.awscdk.services.logs.CfnLogGroup lg
                    ? lg.getRetentionInDays().intValue() : 0);
            assertEquals(ApiFlavour.HTTP, api.getFlavour());
            // the URL is a token: resolve it to see what it points at
            assertEquals(Map.of("Fn::Join", List.of("", List.of("https://", Map.of("Ref", "ApiHttpApi4C294DC0"), ".execute-api.",
                    Map.of("Ref", "AWS::Region"), ".", Map.of("Ref", "AWS::URLSuffix"), "/"))), Stack.of(api).resolve(api.getUrl()));
            assertEquals("5xx", api.metricServerErrors().getMetricName());
            assertEquals("4xx", api.metricClientErrors().getMetricName());
            assertEquals("Latency", api.metricLatency().getMetricName());
        }
    }

    /** The REST flavour with WAF, from one synthesis. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class RestFlavour {
        Template template;
        BffApi api;

        @BeforeAll
        void synth() {
            Stack stack = new Stack(new App(), "Test");
            IUserPool pool = UserPool.fromUserPoolId(stack, "Pool", "eu-central-1_example");
            SecureFunction users = function(stack, "Users");
            api = BffApi.Builder.create(stack, "Api")
                    .flavour(ApiFlavour.REST)
                    .jwt(JwtAuth.cognitoScopes(pool, List.of("stratus/api")))
                    .cors(Cors.allowOrigins("https://app.example.com"))
                    .route(ApiRoute.get("/users/{userId}", users),
                            ApiRoute.post("/users", users).throttle(Throttle.of(5, 10)),
                            ApiRoute.get("/internal/users/{userId}", users).auth(RouteAuth.IAM))
                    .client("web", ApiRoute.get("/dashboard", users))
                    .waf(WafOptions.rateLimit(1000))
                    .build();
            template = Template.fromStack(stack);
        }

        @Test
        void methodsUseTheCognitoAuthorizerAndTheRequestValidator() {
            template.hasResourceProperties("AWS::ApiGateway::Authorizer", Map.of("Type", "COGNITO_USER_POOLS"));
            template.hasResourceProperties("AWS::ApiGateway::RequestValidator", Map.of("ValidateRequestBody", true, "ValidateRequestParameters", true));
            String validator = template.findResources("AWS::ApiGateway::RequestValidator").keySet().iterator().next();
            assertEquals(3, template.findResources("AWS::ApiGateway::Method", Map.of("Properties", Match.objectLike(Map.of(
                    "AuthorizationType", "COGNITO_USER_POOLS",
                    "RequestValidatorId", Map.of("Ref", validator))))).size());
            // every method but CORS preflight, whatever its authorization, goes through that validator
            assertEquals(0, template.findResources("AWS::ApiGateway::Method").values().stream()
                    .map(m -> (Map<?, ?>) m.get("Properties"))
                    .filter(p -> !"OPTIONS".equals(p.get("HttpMethod")) && !Map.of("Ref", validator).equals(p.get("RequestValidatorId")))
                    .count());
            template.hasResourceProperties("AWS::ApiGateway::Method", Map.of("HttpMethod", "GET", "AuthorizationType", "AWS_IAM",
                    "ResourceId", Map.of("Ref", Match.stringLikeRegexp("ApiRestApiinternalusersuserId.*"))));
        }

        @Test
        void everyCognitoMethodRequiresTheScopesAsTheAuthorizerCannotCheckTheAudience() {
            Map<String, Map<String, Object>> cognito = template.findResources("AWS::ApiGateway::Method",
                    Map.of("Properties", Match.objectLike(Map.of("AuthorizationType", "COGNITO_USER_POOLS"))));
            assertEquals(3, cognito.size());
            assertEquals(3, template.findResources("AWS::ApiGateway::Method", Map.of("Properties", Match.objectLike(Map.of(
                    "AuthorizationType", "COGNITO_USER_POOLS", "AuthorizationScopes", List.of("stratus/api"))))).size());
            template.hasResourceProperties("AWS::ApiGateway::Authorizer", Map.of("Type", "COGNITO_USER_POOLS",
                    "ProviderARNs", List.of(Match.objectLike(Map.of()))));
        }

        @Test
        void stageTracesLogsAndThrottles() {
            template.hasResourceProperties("AWS::ApiGateway::Stage", Map.of(
                    "StageName", "api",
                    "TracingEnabled", true,
                    "AccessLogSetting", Map.of(
                            "DestinationArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ApiAccessLogs.*"), "Arn")),
                            "Format", Match.stringLikeRegexp("^\\{\"requestId\".*\\}$")),
                    "MethodSettings", List.of(
                            Map.of("DataTraceEnabled", false, "HttpMethod", "*", "LoggingLevel", "ERROR", "MetricsEnabled", true,
                                    "ResourcePath", "/*", "ThrottlingRateLimit", 100, "ThrottlingBurstLimit", 200),
                            Match.objectLike(Map.of("HttpMethod", "POST", "ResourcePath", "/~1users",
                                    "ThrottlingRateLimit", 5, "ThrottlingBurstLimit", 10)))));
        }

        @Test
        void wafHasTheCommonRuleSetAndARateRuleOnTheStage() {
            template.hasResourceProperties("AWS::WAFv2::WebACL", Map.of("Scope", "REGIONAL", "Rules", List.of(
                    Match.objectLike(Map.of("Name", "AWSManagedRulesCommonRuleSet", "Statement", Map.of("ManagedRuleGroupStatement",
                            Map.of("VendorName", "AWS", "Name", "AWSManagedRulesCommonRuleSet")))),
                    Match.objectLike(Map.of("Name", "RateLimitPerIp", "Action", Map.of("Block", Map.of()), "Statement", Map.of(
                            "RateBasedStatement", Map.of("Limit", 1000, "AggregateKeyType", "IP")))))));
            template.resourceCountIs("AWS::WAFv2::WebACLAssociation", 1);
        }

        @Test
        void executionLoggingRoleHasNoManagedPolicy() {
            template.resourceCountIs("AWS::ApiGateway::Account", 1);
            template.hasResourceProperties("AWS::IAM::Role", Map.of(
                    "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of(
                            "Principal", Map.of("Service", "apigateway.amazonaws.com")))))),
                    "ManagedPolicyArns", Match.absent(),
                    "Policies", List.of(Match.objectLike(Map.of("PolicyName", "WriteExecutionLogs")))));
        }

        @Test
        void corsPreflightIsTheOnlyUnauthorizedMethod() {
            Map<String, Map<String, Object>> open = template.findResources("AWS::ApiGateway::Method",
                    Map.of("Properties", Match.objectLike(Map.of("AuthorizationType", "NONE"))));
            assertFalse(open.isEmpty());
            assertTrue(open.values().stream().allMatch(m -> m.toString().contains("HttpMethod=OPTIONS")), open.toString());
        }

        @Test
        void getters() {
            software.amazon.awscdk.services.apigateway.RestApi restApi = api.getRestApi().orElseThrow();
            assertEquals(restApi.getDeploymentStage(), api.getRestStage().orElseThrow());
            assertFalse(api.getHttpApi().isPresent());
            assertTrue(api.getAuthorizer().orElseThrow() instanceof ApiAuthorizer.Cognito cognito && cognito.authorizer() != null);
            assertEquals("REGIONAL", api.getWebAcl().orElseThrow().getScope());
            assertEquals("5XXError", api.metricServerErrors().getMetricName());
        }
    }

    @Test
    void httpFlavourRequiresTheScopesOnJwtRoutesOnlyWhenAskedFor() {
        Stack stack = new Stack(new App(), "Test");
        SecureFunction users = function(stack, "Users");
        BffApi.Builder.create(stack, "Api")
                .jwt(JwtAuth.of(ISSUER, List.of("web-client")).withScopes("users/read", "users/admin"))
                .route(ApiRoute.get("/users/{userId}", users), ApiRoute.get("/health", users).auth(RouteAuth.NONE))
                .build();
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", "GET /users/{userId}",
                "AuthorizationType", "JWT", "AuthorizationScopes", List.of("users/read", "users/admin")));
        template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", "GET /health",
                "AuthorizationType", "NONE", "AuthorizationScopes", Match.absent()));
    }

    @Test
    void everyRouteFactoryTakesASecureFunctionOrAnyIFunction() {
        Stack stack = new Stack(new App(), "Test");
        SecureFunction secure = function(stack, "Secure");
        software.amazon.awscdk.services.lambda.IFunction alias = secure.getAlias();
        List<ApiRoute> routes = List.of(
                ApiRoute.get("/a", secure), ApiRoute.get("/a", alias), ApiRoute.post("/a", secure), ApiRoute.post("/a", alias),
                ApiRoute.put("/a", secure), ApiRoute.put("/a", alias), ApiRoute.patch("/a", secure), ApiRoute.patch("/a", alias),
                ApiRoute.delete("/a", secure), ApiRoute.delete("/a", alias), ApiRoute.head("/a", secure), ApiRoute.head("/a", alias),
                ApiRoute.any("/a", secure), ApiRoute.any("/a", alias));
        assertEquals(List.of("GET", "GET", "POST", "POST", "PUT", "PUT", "PATCH", "PATCH", "DELETE", "DELETE", "HEAD", "HEAD",
                "ANY", "ANY"), routes.stream().map(ApiRoute::method).toList());
        // a SecureFunction answers through its live alias, an IFunction as given
        assertTrue(routes.stream().allMatch(r -> r.function() == alias));
    }

    @Test
    void routesCanBeAddedAfterConstructionToEitherFlavour() {
        for (ApiFlavour flavour : ApiFlavour.values()) {
            Stack stack = new Stack(new App(), "Test" + flavour);
            SecureFunction users = function(stack, "Users");
            IUserPool pool = UserPool.fromUserPoolId(stack, "Pool", "eu-central-1_example");
            BffApi api = BffApi.Builder.create(stack, "Api").flavour(flavour)
                    .jwt(flavour == ApiFlavour.HTTP ? JwtAuth.of(ISSUER, List.of("web")) : JwtAuth.cognitoScopes(pool, List.of("stratus/api")))
                    .cors(Cors.allowOrigins("https://app.example.com"))
                    .route(ApiRoute.get("/users/{userId}", users))
                    .build();
            api.addRoute(ApiRoute.post("/users", users).throttle(Throttle.of(5, 10)));
            api.addClientRoute("web", ApiRoute.get("/dashboard", users));
            assertEquals(List.of("GET /users/{userId}", "POST /users", "GET /web/dashboard"), api.getRoutes(), flavour.name());
            Template template = Template.fromStack(stack);
            if (flavour == ApiFlavour.HTTP) {
                template.resourceCountIs("AWS::ApiGatewayV2::Route", 3);
                template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", "GET /web/dashboard", "AuthorizationType", "JWT"));
                template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
                        "RouteSettings", Map.of("POST /users", Map.of("ThrottlingRateLimit", 5, "ThrottlingBurstLimit", 10))));
            } else {
                assertEquals(3, template.findResources("AWS::ApiGateway::Method", Map.of("Properties", Match.objectLike(Map.of(
                        "AuthorizationType", "COGNITO_USER_POOLS", "AuthorizationScopes", List.of("stratus/api"))))).size());
                template.hasResourceProperties("AWS::ApiGateway::Stage", Map.of("MethodSettings", List.of(
                        Match.objectLike(Map.of("HttpMethod", "*", "ResourcePath", "/*")),
                        Map.of("DataTraceEnabled", false, "HttpMethod", "POST", "ResourcePath", "/~1users",
                                "ThrottlingRateLimit", 5, "ThrottlingBurstLimit", 10))));
                // the preflight of every resource a later route created carries its reason for cdk-nag
                Map<String, Map<String, Object>> preflights = template.findResources("AWS::ApiGateway::Method",
                        Map.of("Properties", Match.objectLike(Map.of("HttpMethod", "OPTIONS"))));
                assertEquals(5, preflights.size(), preflights.keySet().toString());   // /, /users, /users/{userId}, /web, /web/dashboard
                assertTrue(preflights.values().stream().allMatch(m -> m.toString().contains("CORS preflight")), preflights.toString());
            }
        }
    }

    @Test
    void failsWhenARouteAddedLaterClashesAndAddsNothing() {
        Stack stack = new Stack(new App(), "Test");
        SecureFunction users = function(stack, "Users");
        BffApi api = BffApi.Builder.create(stack, "Api").jwt(JwtAuth.of(ISSUER, List.of("web")))
                .route(ApiRoute.get("/users/{userId}", users)).build();
        assertMessage("Invalid BffApi 'Api', 2 problems:\n  - route GET /users/{userId} is declared twice\n  - paths "
                + "/users/{userId} and /users/{id}/orders name the same path part differently ({userId} vs {id}); use one name",
                assertThrows(IllegalArgumentException.class, () -> api.addRoute(ApiRoute.post("/orders", users),
                        ApiRoute.get("/users/{userId}", users), ApiRoute.get("/users/{id}/orders", users))));
        assertMessage("Invalid BffApi 'Api': client name 'Web' must be 1 to 30 lower-case letters, digits or '-', "
                + "starting with a letter (it becomes the path prefix, e.g. web -> /web/...)",
                assertThrows(IllegalArgumentException.class, () -> api.addClientRoute("Web", ApiRoute.get("/dashboard", users))));
        assertEquals(List.of("GET /users/{userId}"), api.getRoutes());
        Template.fromStack(stack).resourceCountIs("AWS::ApiGatewayV2::Route", 1);
    }

    @Test
    void grantInvokeOpensOnlyTheNamedIamRoutes() {
        for (ApiFlavour flavour : ApiFlavour.values()) {
            Stack stack = new Stack(new App(), "Test" + flavour);
            SecureFunction users = function(stack, "Users");
            software.amazon.awscdk.services.iam.Role caller = software.amazon.awscdk.services.iam.Role.Builder.create(stack, "Caller")
                    .assumedBy(new software.amazon.awscdk.services.iam.ServicePrincipal("lambda.amazonaws.com")).build();
            BffApi api = BffApi.Builder.create(stack, "Api").flavour(flavour)
                    .route(ApiRoute.get("/internal/users/{userId}", users).auth(RouteAuth.IAM),
                            ApiRoute.post("/internal/users", users).auth(RouteAuth.IAM),
                            ApiRoute.get("/health", users).auth(RouteAuth.NONE))
                    .build();
            api.grantInvoke(caller, "GET /internal/users/{userId}");
            // HTTP: any stage, as HttpRoute.grantInvoke; REST: the api stage, as Method.grantExecute; {userId} -> *
            List<Object> arnTail = flavour == ApiFlavour.HTTP
                    ? List.of(Map.of("Ref", Match.stringLikeRegexp("ApiHttpApi.*")), "/*/GET/internal/users/*")
                    : List.of(Map.of("Ref", Match.stringLikeRegexp("ApiRestApi.*")), "/",
                            Map.of("Ref", Match.stringLikeRegexp("ApiRestApiDeploymentStageapi.*")), "/GET/internal/users/*");
            Template template = Template.fromStack(stack);
            template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                    "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("Caller.*"))),
                    "PolicyDocument", Map.of("Statement", List.of(Map.of("Action", "execute-api:Invoke", "Effect", "Allow",
                            "Resource", Map.of("Fn::Join", List.of("", Match.arrayWith(arnTail))))))));
            // the '*' stands for the route's parameter (and HTTP's one stage): recorded for cdk-nag on that ARN only
            Map<String, Object> policy = template.findResources("AWS::IAM::Policy").entrySet().stream()
                    .filter(e -> e.getKey().startsWith("CallerDefaultPolicy")).findFirst().orElseThrow().getValue();
            String suppression = String.valueOf(((Map<?, ?>) policy.get("Metadata")).get("cdk_nag"));
            assertTrue(suppression.contains("id=AwsSolutions-IAM5") && suppression.contains("GET /internal/users/{userId}")
                    && suppression.contains("applies_to=[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<"
                    + apiRefPrefix(flavour)), suppression);
        }
    }

    static String apiRefPrefix(ApiFlavour flavour) {
        return flavour == ApiFlavour.HTTP ? "ApiHttpApi" : "ApiRestApi";
    }

    @Test
    void failsWhenGrantInvokeNamesNoRouteAnUnknownOneOrOneNotAuthorizedByIam() {
        Stack stack = new Stack(new App(), "Test");
        SecureFunction users = function(stack, "Users");
        BffApi api = BffApi.Builder.create(stack, "Api")
                .route(ApiRoute.get("/internal/users/{userId}", users).auth(RouteAuth.IAM), ApiRoute.get("/health", users).auth(RouteAuth.NONE))
                .build();
        assertMessage("grantInvoke needs at least one route of BffApi 'Api', e.g. \"GET /internal/users/{userId}\"; its "
                + "IAM routes are [GET /internal/users/{userId}]", assertThrows(IllegalArgumentException.class, () -> api.grantInvoke(users)));
        assertMessage("grantInvoke: BffApi 'Api' has no route 'GET /internal/users'; its IAM routes are "
                + "[GET /internal/users/{userId}]", assertThrows(IllegalArgumentException.class,
                () -> api.grantInvoke(users, "GET /internal/users")));
        assertMessage("grantInvoke: route GET /health of BffApi 'Api' uses NONE authorization, and IAM permissions only "
                + "open RouteAuth.IAM routes; its IAM routes are [GET /internal/users/{userId}]",
                assertThrows(IllegalArgumentException.class, () -> api.grantInvoke(users, "GET /health")));
    }

    @Test
    void restFlavourWithJwtButNoJwtRouteCreatesNoUnattachedAuthorizer() {
        Stack stack = new Stack(new App(), "Test");
        BffApi api = BffApi.Builder.create(stack, "Api").flavour(ApiFlavour.REST)
                .jwt(JwtAuth.cognitoScopes(UserPool.fromUserPoolId(stack, "Pool", "eu-central-1_example"), List.of("stratus/api")))
                .route(ApiRoute.get("/internal/users", function(stack, "Users")).auth(RouteAuth.IAM))
                .build();
        Template.fromStack(stack).resourceCountIs("AWS::ApiGateway::Authorizer", 0);
        assertTrue(api.getAuthorizer().isEmpty());
    }

    @Test
    void restFlavourHasUsagePlansAndApiKeyRoutes() {
        Stack stack = new Stack(new App(), "Test");
        SecureFunction partners = function(stack, "Partners");
        BffApi api = BffApi.Builder.create(stack, "Api").flavour(ApiFlavour.REST)
                .route(ApiRoute.get("/partner/orders", partners).auth(RouteAuth.IAM).requireApiKey())
                .usagePlan(new UsagePlanOptions("partners", Throttle.of(10, 20), 10_000,
                        software.amazon.awscdk.services.apigateway.Period.DAY))
                .build();
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::ApiGateway::Method", Map.of("HttpMethod", "GET", "ApiKeyRequired", true));
        template.hasResourceProperties("AWS::ApiGateway::UsagePlan", Map.of(
                "UsagePlanName", "partners",
                "Quota", Map.of("Limit", 10000, "Period", "DAY"),
                "Throttle", Map.of("RateLimit", 10, "BurstLimit", 20),
                "ApiStages", List.of(Match.objectLike(Map.of("Stage", Map.of("Ref", Match.stringLikeRegexp("ApiRestApiDeploymentStage.*")))))));
        assertTrue(api.getUsagePlan().isPresent());
    }

    @Test
    void failsWhenApiKeysOrUsagePlansAreAskedOfTheHttpFlavourOrLackAPlan() {
        assertMessage("Invalid BffApi 'Api': usagePlan needs the REST flavour: HTTP APIs have no usage plans or API "
                + "keys",
                failure(b -> b.usagePlan(new UsagePlanOptions("p", null, 10, software.amazon.awscdk.services.apigateway.Period.DAY))));
        assertMessage("Invalid BffApi 'Api': API keys are required by GET /partner, which needs the REST flavour",
                failure(b -> b.route(ApiRoute.get("/partner", other()).requireApiKey())));
        Stack stack = new Stack(new App(), "Test");
        assertMessage("Invalid BffApi 'Api': API keys are required by GET /partner: set usagePlan(...) to issue them",
                assertThrows(IllegalArgumentException.class, () -> BffApi.Builder.create(stack, "Api").flavour(ApiFlavour.REST)
                        .route(ApiRoute.get("/partner", function(stack, "P")).auth(RouteAuth.IAM).requireApiKey()).build()));
        Stack other = new Stack(new App(), "Other");
        assertMessage("Invalid BffApi 'Api': usagePlan quotaLimit must be 1 or more, but was 0",
                assertThrows(IllegalArgumentException.class, () -> BffApi.Builder.create(other, "Api").flavour(ApiFlavour.REST)
                        .route(ApiRoute.get("/partner", function(other, "P")).auth(RouteAuth.IAM))
                        .usagePlan(new UsagePlanOptions("p", null, 0, software.amazon.awscdk.services.apigateway.Period.DAY)).build()));
    }

    @Test
    void restFlavourCanLeaveTheAccountLogRoleToTheOrganization() {
        Stack stack = new Stack(new App(), "Test");
        BffApi.Builder.create(stack, "Api").flavour(ApiFlavour.REST).manageAccountLogRole(false)
                .route(ApiRoute.get("/health", function(stack, "Health")).auth(RouteAuth.NONE)).build();
        Template.fromStack(stack).resourceCountIs("AWS::ApiGateway::Account", 0);
    }

    // ---- validation: one failsWhen... test per message ----

    static IllegalArgumentException failure(Consumer<BffApi.Builder> change) {
        Stack stack = new Stack(new App(), "Test");
        SecureFunction users = function(stack, "Users");
        BffApi.Builder builder = BffApi.Builder.create(stack, "Api").jwt(JwtAuth.of(ISSUER, List.of("web")))
                .route(ApiRoute.get("/users/{userId}", users));
        change.accept(builder);
        return assertThrows(IllegalArgumentException.class, builder::build);
    }

    static SecureFunction other() {
        return function(new Stack(new App(), "Other"), "Fn");
    }

    @Test
    void failsWhenAUsagePlanLacksANameOrAPeriod() {
        Stack stack = new Stack(new App(), "Test");
        SecureFunction users = function(stack, "Users");
        assertMessage("Invalid BffApi 'Api', 2 problems:\n  - usagePlan needs a name\n  - usagePlan needs a quotaPeriod "
                + "(DAY, WEEK or MONTH)", assertThrows(IllegalArgumentException.class, () -> BffApi.Builder.create(stack, "Api")
                .flavour(ApiFlavour.REST)
                .route(ApiRoute.get("/partner/users/{userId}", users).auth(RouteAuth.IAM).requireApiKey())
                .usagePlan(new UsagePlanOptions(null, null, 10, null))
                .build()));
    }

    @Test
    void failsWhenARouteIsNullOrAPathSegmentHasOtherCharacters() {
        assertMessage("Invalid BffApi 'Api': a route is null", failure(b -> b.route((ApiRoute) null)));
        assertMessage("Invalid BffApi 'Api': route GET /users/a b: path segment 'a b' may only hold letters, digits "
                + "and . _ ~ -", failure(b -> b.route(ApiRoute.get("/users/a b", other()))));
    }

    @Test
    void failsWhenARouteIsDeclaredTwice() {
        assertMessage("Invalid BffApi 'Api': route GET /users/{userId} is declared twice",
                failure(b -> b.route(ApiRoute.get("/users/{userId}", other()))));
        assertMessage("Invalid BffApi 'Api': route GET /web/dashboard is declared twice",
                failure(b -> b.client("web", ApiRoute.get("/dashboard", other()), ApiRoute.get("/dashboard", other()))));
    }

    @Test
    void failsWhenAPathHasNoLeadingSlash() {
        assertMessage("Invalid BffApi 'Api': route GET users: path must start with '/', e.g. /users",
                failure(b -> b.route(ApiRoute.get("users", other()))));
    }

    @Test
    void failsWhenAPathParameterIsMalformed() {
        assertMessage("Invalid BffApi 'Api': route GET /users/{user-id}: path parameter '{user-id}' is malformed; a "
                + "parameter is a whole segment like {userId} (letters, digits, '_'), or {proxy+} at the end",
                failure(b -> b.route(ApiRoute.get("/users/{user-id}", other()))));
        assertMessage("Invalid BffApi 'Api': route GET /user{id}: path parameter 'user{id}' is malformed; a parameter "
                + "is a whole segment like {userId} (letters, digits, '_'), or {proxy+} at the end",
                failure(b -> b.route(ApiRoute.get("/user{id}", other()))));
        assertMessage("Invalid BffApi 'Api': route GET /orders/{id: path parameter '{id' is malformed; a parameter is "
                + "a whole segment like {userId} (letters, digits, '_'), or {proxy+} at the end",
                failure(b -> b.route(ApiRoute.get("/orders/{id", other()))));
        assertMessage("Invalid BffApi 'Api': route GET /a/{id}/b/{id}: path parameter {id} appears twice",
                failure(b -> b.route(ApiRoute.get("/a/{id}/b/{id}", other()))));
        assertMessage("Invalid BffApi 'Api': route GET /files/{proxy+}/meta: greedy parameter {proxy+} must be the "
                + "last segment", failure(b -> b.route(ApiRoute.get("/files/{proxy+}/meta", other()))));
        assertMessage("Invalid BffApi 'Api': route GET /users//orders: path has an empty segment ('//')",
                failure(b -> b.route(ApiRoute.get("/users//orders", other()))));
        assertMessage("Invalid BffApi 'Api': route GET /users/: path must not end with '/'",
                failure(b -> b.route(ApiRoute.get("/users/", other()))));
        assertMessage("Invalid BffApi 'Api': paths /users/{userId} and /users/{id}/orders name the same path part "
                + "differently ({userId} vs {id}); use one name",
                failure(b -> b.route(ApiRoute.get("/users/{id}/orders", other()))));
    }

    @Test
    void failsWhenARouteHasNoFunctionOrABadMethod() {
        assertMessage("Invalid BffApi 'Api': route GET /orders has no function",
                failure(b -> b.route(ApiRoute.get("/orders", (SecureFunction) null))));
        assertMessage("Invalid BffApi 'Api': route OPTIONS /orders: method must be one of GET, POST, PUT, PATCH, "
                + "DELETE, HEAD, ANY (OPTIONS is answered by CORS preflight)",
                failure(b -> b.route(ApiRoute.of("OPTIONS", "/orders", other()))));
    }

    @Test
    void failsWhenThrottlingIsOutOfRange() {
        assertMessage("Invalid BffApi 'Api': throttle rateLimit must be between 1 and 10000 requests per second, but "
                + "was 0",
                failure(b -> b.throttle(Throttle.of(0, 10))));
        assertMessage("Invalid BffApi 'Api': throttle burstLimit must be between 1 and 5000 requests, but was 6000",
                failure(b -> b.throttle(Throttle.of(10, 6000))));
        assertMessage("Invalid BffApi 'Api': route POST /orders throttle rateLimit must be between 1 and 10000 "
                + "requests per second, but was 20000",
                failure(b -> b.route(ApiRoute.post("/orders", other()).throttle(Throttle.of(20000, 10)))));
    }

    @Test
    void failsWhenAThrottleIsNotANumber() {
        assertMessage("Invalid BffApi 'Api': throttle rateLimit must be between 1 and 10000 requests per second, but "
                + "was NaN", failure(b -> b.throttle(Throttle.of(Double.NaN, 10))));
        assertMessage("Invalid BffApi 'Api': route POST /orders throttle rateLimit must be between 1 and 10000 requests "
                + "per second, but was Infinity",
                failure(b -> b.route(ApiRoute.post("/orders", other()).throttle(Throttle.of(Double.POSITIVE_INFINITY, 10)))));
    }

    @Test
    void failsWhenAListElementIsNull() {
        assertMessage("Invalid BffApi 'Api', 3 problems:\n  - cors origins[1] is null\n  - cors allowHeaders[0] is "
                + "null\n  - cors allowHeaders[1] must be a header name like Content-Type, but was ''",
                failure(b -> b.cors(Cors.allowOrigins("https://app.example.com", null).withHeaders(null, ""))));
        assertMessage("Invalid BffApi 'Api': a route is null", failure(b -> b.route((ApiRoute[]) null)));
        assertMessage("Invalid BffApi 'Api': a route is null", failure(b -> b.client("web", (ApiRoute[]) null)));
        assertMessage("Invalid BffApi 'Api': a route is null", failure(b -> b.client("web", ApiRoute.get("/a", other()), null)));
    }

    @Test
    void failsWhenCorsAllowsAnyOriginWithCredentials() {
        assertMessage("Invalid BffApi 'Api': cors allows origin '*' together with credentials, which browsers refuse; "
                + "list the origins instead, e.g. https://app.example.com",
                failure(b -> b.cors(Cors.allowOrigins("*").withCredentials())));
        assertMessage("Invalid BffApi 'Api': cors origin 'https://app.example.com/' must be scheme://host[:port] "
                + "without a path, e.g. https://app.example.com",
                failure(b -> b.cors(Cors.allowOrigins("https://app.example.com/"))));
        assertMessage("Invalid BffApi 'Api': cors needs at least one origin, e.g. "
                + "Cors.allowOrigins(\"https://app.example.com\")", failure(b -> b.cors(Cors.allowOrigins())));
    }

    @Test
    void failsWhenJwtIsMissingOrUnusable() {
        Stack stack = new Stack(new App(), "Test");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> BffApi.Builder.create(stack, "Api")
                .route(ApiRoute.get("/users", function(stack, "Users"))).build());
        assertMessage("Invalid BffApi 'Api': jwt is required: GET /users use JWT authorization by default; set "
                + "jwt(JwtAuth.of(issuer, audiences)) or give a route auth(RouteAuth.IAM) or auth(RouteAuth.NONE)", missing);
        assertMessage("Invalid BffApi 'Api': jwt issuer must be an https:// URL, but was 'http://issuer'",
                failure(b -> b.jwt(JwtAuth.of("http://issuer", List.of("a")))));
        assertMessage("Invalid BffApi 'Api': jwt needs at least one audience (for Cognito: an app client id)",
                failure(b -> b.jwt(JwtAuth.of(ISSUER, List.of()))));
        assertMessage("Invalid BffApi 'Api': the REST flavour validates JWTs only through a Cognito user pool: use "
                + "JwtAuth.cognitoScopes(userPool, scopes), or the HTTP flavour for another issuer",
                failure(b -> b.flavour(ApiFlavour.REST)));
        assertMessage("Invalid BffApi 'Api': jwt userPool is null: JwtAuth.cognito(...) and JwtAuth.cognitoScopes(...) "
                + "need the Cognito user pool", failure(b -> b.jwt(JwtAuth.cognito(null, List.of("web")))));
    }

    @Test
    void failsWhenAJwtAudienceOrScopeIsNullOrBlank() {
        assertMessage("Invalid BffApi 'Api', 2 problems:\n  - jwt audiences[0] must be an app client id, but was ''\n  "
                + "- jwt audiences[2] is null", failure(b -> b.jwt(JwtAuth.of(ISSUER, java.util.Arrays.asList("", "web", null)))));
        assertMessage("Invalid BffApi 'Api', 3 problems:\n  - jwt scopes[0] is null\n  - jwt scopes[1] must be a scope "
                + "like orders/read, but was ' '\n  - jwt scope 'orders read' must be 1 to 256 printable ASCII characters "
                + "other than space, '\"' and '\\', e.g. orders/read",
                failure(b -> b.jwt(JwtAuth.of(ISSUER, List.of("web")).withScopes(null, " ", "orders read"))));
    }

    @Test
    void failsWhenTheRestFlavourHasNoScopeToCheck() {
        Stack stack = new Stack(new App(), "Test");
        IUserPool pool = UserPool.fromUserPoolId(stack, "Pool", "eu-central-1_example");
        assertMessage("Invalid BffApi 'Api': jwt needs at least one scope for the REST flavour: without one, API "
                + "Gateway's Cognito authorizer accepts the tokens of every app client of the user pool; use "
                + "JwtAuth.cognitoScopes(userPool, List.of(\"orders/api\"))",
                assertThrows(IllegalArgumentException.class, () -> BffApi.Builder.create(stack, "Api").flavour(ApiFlavour.REST)
                        .jwt(JwtAuth.cognitoScopes(pool, List.of()))
                        .route(ApiRoute.get("/users", function(stack, "Users"))).build()));
    }

    @Test
    void failsWhenTheRestFlavourIsAskedToEnforceAudiences() {
        Stack stack = new Stack(new App(), "Test");
        IUserPool pool = UserPool.fromUserPoolId(stack, "Pool", "eu-central-1_example");
        assertMessage("Invalid BffApi 'Api': jwt audiences [web-client] cannot be enforced by the REST flavour: API "
                + "Gateway's Cognito authorizer accepts the tokens of every app client of the user pool; require OAuth "
                + "scopes that only those app clients may request with JwtAuth.cognitoScopes(userPool, scopes), or use "
                + "the HTTP flavour, whose JWT authorizer checks the audience",
                assertThrows(IllegalArgumentException.class, () -> BffApi.Builder.create(stack, "Api").flavour(ApiFlavour.REST)
                        .jwt(JwtAuth.cognito(pool, List.of("web-client")))
                        .route(ApiRoute.get("/users", function(stack, "Users"))).build()));
    }

    @Test
    void failsWhenWafIsAskedOfTheHttpFlavour() {
        assertMessage("Invalid BffApi 'Api': waf needs the REST flavour: HTTP APIs cannot be associated with AWS WAF",
                failure(b -> b.waf(WafOptions.defaults())));
        assertMessage("Invalid BffApi 'Api', 2 problems:\n  - the REST flavour validates JWTs only through a Cognito "
                + "user pool: use JwtAuth.cognitoScopes(userPool, scopes), or the HTTP flavour for another issuer\n  "
                + "- waf rateLimit must be between 100 and 2000000000 requests per 5 minutes, but was 10",
                failure(b -> b.flavour(ApiFlavour.REST).waf(WafOptions.rateLimit(10))));
    }

    @Test
    void failsWhenAClientNameIsNotAPathPrefix() {
        assertMessage("Invalid BffApi 'Api': client name 'Web App' must be 1 to 30 lower-case letters, digits or '-', "
                + "starting with a letter (it becomes the path prefix, e.g. web -> /web/...)",
                failure(b -> b.client("Web App", ApiRoute.get("/dashboard", other()))));
    }

    @Test
    void failsWhenThereIsNoRoute() {
        Stack stack = new Stack(new App(), "Test");
        assertMessage("Invalid BffApi 'Api': at least one route is required, e.g. "
                + "route(ApiRoute.get(\"/users/{userId}\", users))", assertThrows(IllegalArgumentException.class,
                () -> BffApi.Builder.create(stack, "Api").build()));
    }
}
