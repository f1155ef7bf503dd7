package dev.stratus.constructs.function;

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

import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.ssm.StringParameter;

class SecureFunctionTest {
    static final String CODE = "src/test/resources/fake-function";
    static final String HANDLER = "com.example.OrdersHandler::handleRequest";

    static String logGroupName(SecureFunction fn) {
        return ((software.amazon.awscdk.services.logs.CfnLogGroup) fn.getLogGroup().getNode().getDefaultChild()).getLogGroupName();
    }

    static SecureFunction.Builder minimal(Stack stack, String id) {
        return SecureFunction.Builder.create(stack, id).handler(HANDLER).codePath(CODE);
    }

    /** Every default, from one synthesis of a function built with only handler and codePath. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Defaults {
        Template template;
        SecureFunction fn;

        @BeforeAll
        void synth() {
            Stack stack = new Stack(new App(), "Test", software.amazon.awscdk.StackProps.builder()
                    .env(software.amazon.awscdk.Environment.builder().account("111111111111").region("eu-west-1").build()).build());
            fn = minimal(stack, "Orders").build();
            template = Template.fromStack(stack);
        }

        @Test
        void runsJava25OnArm64WithExplicitMemoryAndTimeout() {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Runtime", "java25",
                    "Architectures", List.of("arm64"),
                    "MemorySize", 1024,
                    "Timeout", 10,
                    "Handler", HANDLER));
        }

        @Test
        void tracesWithXRayAndLogsJsonToItsOwnLogGroupWithOneMonthRetention() {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "TracingConfig", Map.of("Mode", "Active"),
                    "LoggingConfig", Map.of(
                            "LogFormat", "JSON",
                            "ApplicationLogLevel", "INFO",
                            "SystemLogLevel", "INFO",
                            "LogGroup", Map.of("Ref", logicalId("AWS::Logs::LogGroup")))));
            template.hasResourceProperties("AWS::Logs::LogGroup", Map.of(
                    "RetentionInDays", 30,
                    "KmsKeyId", Map.of("Fn::GetAtt", List.of(logicalId("AWS::KMS::Key"), "Arn"))));
        }

        @Test
        void encryptsEnvironmentWithARotatingCustomerManagedKey() {
            logicalId("AWS::KMS::Key");
            template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "KmsKeyArn", Map.of("Fn::GetAtt", List.of(logicalId("AWS::KMS::Key"), "Arn"))));
        }

        @Test
        void keyPolicyLetsCloudWatchLogsUseTheKeyOnlyForTheLogGroupsOfThisStack() {
            template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(
                    Map.of("Sid", "AllowCloudWatchLogsForTest",
                            "Effect", "Allow",
                            "Principal", Map.of("Service", "logs.eu-west-1.amazonaws.com"),
                            "Action", List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey",
                                    "kms:GenerateDataKeyWithoutPlaintext", "kms:GenerateDataKeyPair",
                                    "kms:GenerateDataKeyPairWithoutPlaintext", "kms:DescribeKey"),
                            "Resource", "*",
                            "Condition", Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn", Map.of("Fn::Join", List.of("",
                                    List.of("arn:", Map.of("Ref", "AWS::Partition"), ":logs:eu-west-1:111111111111:log-group:/Test/*")))))))))));
            // the condition names the prefix, not the log group: no key <-> log group cycle
            String key = template.findResources("AWS::KMS::Key").toString();
            assertFalse(key.contains(logicalId("AWS::Logs::LogGroup")), key);
            assertFalse(key.contains("log-group:*"), key);
        }

        @Test
        void logGroupIsNamedUnderTheStacksPrefix() {
            template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("LogGroupName", "/Test/Orders"));
            assertEquals("/Test/Orders", logGroupName(fn));
        }

        @Test
        void roleHasNoManagedPolicyAndAnInlinePolicyThatOnlyWritesItsOwnLogGroup() {
            template.resourceCountIs("AWS::IAM::Role", 1);
            template.hasResourceProperties("AWS::IAM::Role", Map.of(
                    "ManagedPolicyArns", Match.absent(),
                    "AssumeRolePolicyDocument", Map.of("Statement", List.of(Map.of(
                            "Action", "sts:AssumeRole",
                            "Effect", "Allow",
                            "Principal", Map.of("Service", "lambda.amazonaws.com")))),
                    "Policies", List.of(Map.of(
                            "PolicyName", "WriteOwnLogGroup",
                            "PolicyDocument", Map.of("Statement", List.of(Map.of(
                                    "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                                    "Effect", "Allow",
                                    "Resource", Map.of("Fn::GetAtt", List.of(logicalId("AWS::Logs::LogGroup"), "Arn")))))))));
        }

        @Test
        void noIamPolicyGrantsAnActionWildcard() {
            String policies = template.findResources("AWS::IAM::Policy").toString()
                    + template.findResources("AWS::IAM::Role").toString();
            assertTrue(policies.contains("Action="), policies);
            java.util.regex.Matcher actions = java.util.regex.Pattern.compile("Action=(\\[[^\\]]*\\]|[^,}]+)").matcher(policies);
            int count = 0;
            while (actions.find()) {
                count++;
                assertFalse(actions.group(1).contains("*"), "a wildcard action " + actions.group(1) + " in " + policies);
            }
            assertTrue(count >= 3, policies);
        }

        @Test
        void failedAsyncInvocationsAreRetriedTwiceWithinSixHoursThenSentToTheDlq() {
            Map<String, Object> asyncConfig = Map.of(
                    "MaximumRetryAttempts", 2,
                    "MaximumEventAgeInSeconds", 21600,
                    "DestinationConfig", Map.of("OnFailure", Map.of(
                            "Destination", Map.of("Fn::GetAtt", List.of(logicalId("AWS::SQS::Queue"), "Arn")))));
            // one for the live alias, one for unqualified invocations
            template.resourceCountIs("AWS::Lambda::EventInvokeConfig", 2);
            template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Match.objectLike(Map.of("Qualifier", "$LATEST")));
            assertEquals(2, template.findResources("AWS::Lambda::EventInvokeConfig",
                    Map.of("Properties", Match.objectLike(asyncConfig))).size());
        }

        @Test
        void dlqIsKmsEncryptedSslOnlyWithFourteenDayRetention() {
            template.resourceCountIs("AWS::SQS::Queue", 1);
            template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                    "MessageRetentionPeriod", 1209600,
                    "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(logicalId("AWS::KMS::Key"), "Arn"))));
            template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of("Statement", List.of(
                    Match.objectLike(Map.of(
                            "Effect", "Deny",
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))));
        }

        @Test
        void snapStartOnPublishedVersionsWithALiveAliasOnTheCurrentVersion() {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of("SnapStart", Map.of("ApplyOn", "PublishedVersions")));
            template.resourceCountIs("AWS::Lambda::Version", 1);
            template.hasResourceProperties("AWS::Lambda::Alias", Map.of(
                    "Name", "live",
                    "FunctionVersion", Map.of("Fn::GetAtt", List.of(logicalId("AWS::Lambda::Version"), "Version"))));
        }

        @Test
        void noReservedConcurrencyUnlessAsked() {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of("ReservedConcurrentExecutions", Match.absent()));
        }

        @Test
        void gettersExposeWhatWasBuilt() {
            Stack stack = Stack.of(fn);
            assertEquals(logicalId("AWS::Lambda::Function"), stack.resolve(((software.amazon.awscdk.CfnResource) fn.getFunction().getNode().getDefaultChild()).getLogicalId()));
            assertEquals("live", fn.getAlias().getAliasName());
            assertEquals(fn.getRole(), fn.getGrantPrincipal());
            assertTrue(fn.getKey() instanceof Key);
            // typed getters: the L2s built here, without a cast
            software.amazon.awscdk.services.lambda.Function function = fn.getFunction();
            software.amazon.awscdk.services.lambda.Alias alias = fn.getAlias();
            software.amazon.awscdk.services.logs.LogGroup logGroup = fn.getLogGroup();
            Role role = fn.getRole();
            assertTrue(function.getNode().getDefaultChild() instanceof software.amazon.awscdk.services.lambda.CfnFunction);
            assertEquals(alias, fn.getAlias());
            assertTrue(logGroup.getNode().getDefaultChild() instanceof software.amazon.awscdk.services.logs.CfnLogGroup);
            assertEquals(role, fn.getGrantPrincipal());
            assertEquals(null, fn.getReservedConcurrentExecutions());
            assertEquals(Map.of("Fn::GetAtt", List.of(logicalId("AWS::SQS::Queue"), "Arn")), stack.resolve(fn.getDeadLetterQueue().getQueueArn()));
            assertEquals(Map.of("Fn::GetAtt", List.of(logicalId("AWS::Logs::LogGroup"), "Arn")), stack.resolve(fn.getLogGroup().getLogGroupArn()));
        }

        @Test
        void metricsAreOnTheLiveAlias() {
            assertEquals("Invocations", fn.metricInvocations().getMetricName());
            assertEquals("Sum", fn.metricInvocations().getStatistic());
            assertEquals("Errors", fn.metricErrors().getMetricName());
            assertEquals("Throttles", fn.metricThrottles().getMetricName());
            assertEquals("Duration", fn.metricDuration().getMetricName());
            assertEquals("AWS/Lambda", fn.metricErrors().getNamespace());
            Map<String, Object> dimensions = fn.metricErrors().getDimensions();
            assertTrue(dimensions.containsKey("Resource"), "dimensions " + dimensions);
            assertTrue(fn.metricInvocations().getDimensions().containsKey("Resource"));
        }

        @Test
        void concurrencyIsMeasuredOverTheWholeFunctionAsAMaximum() {
            assertEquals("ConcurrentExecutions", fn.metricConcurrentExecutions().getMetricName());
            assertEquals("Maximum", fn.metricConcurrentExecutions().getStatistic());
            assertEquals(Map.of("FunctionName", fn.getFunction().getFunctionName()), fn.metricConcurrentExecutions().getDimensions());
            assertEquals("Average", fn.metricConcurrentExecutions(software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
                    .statistic("Average").build()).getStatistic());
        }

        @Test
        void xRaysResourceStarSitsInAPolicyOfItsOwnAndOnlyThatPolicyIsExemptFromIam5() {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of("TracingConfig", Map.of("Mode", "Active")));
            Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy");
            assertEquals(2, policies.size(), "the tracing policy and the default policy (the DLQ grant): " + policies.keySet());
            String tracing = policies.keySet().stream().filter(id -> id.startsWith("OrdersTracingPolicy")).findFirst().orElseThrow();
            assertEquals(Map.of("Statement", List.of(Map.of("Action", List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"),
                    "Effect", "Allow", "Resource", "*")), "Version", "2012-10-17"),
                    ((Map<?, ?>) policies.get(tracing).get("Properties")).get("PolicyDocument"));
            List<String> iam5 = policies.entrySet().stream()
                    .filter(e -> String.valueOf(e.getValue().get("Metadata")).contains("AwsSolutions-IAM5")).map(Map.Entry::getKey).toList();
            assertEquals(List.of(tracing), iam5, "only the tracing policy may carry the IAM5 suppression");
            template.hasResource("AWS::IAM::Policy", Map.of("Metadata", Map.of("cdk_nag", Map.of("rules_to_suppress", Match.arrayWith(List.of(
                    Match.objectLike(Map.of("id", "AwsSolutions-IAM5", "applies_to", List.of("Resource::*")))))))));
        }

        @Test
        void inherentCdkNagFindingsAreSuppressedWithReasons() {
            template.hasResource("AWS::Lambda::Function", Map.of("Metadata", Map.of("cdk_nag", Map.of("rules_to_suppress", List.of(
                    Match.objectLike(Map.of("id", "Serverless-LambdaDLQ")),
                    Match.objectLike(Map.of("id", "NIST.800.53.R5-LambdaDLQ")),
                    Match.objectLike(Map.of("id", "HIPAA.Security-LambdaDLQ")))))));
            template.hasResource("AWS::SQS::Queue", Map.of("Metadata", Map.of("cdk_nag", Map.of("rules_to_suppress", List.of(
                    Match.objectLike(Map.of("id", "AwsSolutions-SQS3")),
                    Match.objectLike(Map.of("id", "Serverless-SQSRedrivePolicy")))))));
        }

        /** The one resource of {@code type} of the function (the stack's alarm topic and its key are not). */
        String logicalId(String type) {
            List<String> found = template.findResources(type).keySet().stream().filter(id -> !id.startsWith("AlarmTopic")).toList();
            assertEquals(1, found.size(), "one " + type + " besides the alarm topic's: " + found);
            return found.get(0);
        }
    }

    /** Every option, from one synthesis of a function that sets them all. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Options {
        Template template;
        Object secretName;

        @BeforeAll
        void synth() {
            Stack stack = new Stack(new App(), "Test");
            // no alarm topic (and its key) beside the given key
            dev.stratus.constructs.monitoring.AlarmPolicy.setDefault(stack,
                    dev.stratus.constructs.monitoring.AlarmPolicy.defaults().withoutNotifications());
            Key key = Key.Builder.create(stack, "SharedKey").enableKeyRotation(true).build();
            Secret secret = new Secret(stack, "DbSecret");
            StringParameter parameter = StringParameter.Builder.create(stack, "Flag").stringValue("on").build();
            Role caller = Role.Builder.create(stack, "Caller").assumedBy(new ServicePrincipal("events.amazonaws.com")).build();
            SecureFunction fn = minimal(stack, "Orders")
                    .memorySize(512)
                    .timeout(Duration.seconds(30))
                    .description("orders")
                    .environment("TABLE_NAME", "orders")
                    .environment("TOKEN_TABLE", secret.getSecretName())   // a token, not a literal: allowed
                    .secret("DB_SECRET_ARN", secret)
                    .parameter("FLAG_PARAMETER", parameter)
                    .logRetention(RetentionDays.ONE_WEEK)
                    .applicationLogLevel(ApplicationLogLevel.DEBUG)
                    .systemLogLevel(SystemLogLevel.WARN)
                    .encryptionKey(key)
                    .retryAttempts(0)
                    .maxEventAge(Duration.minutes(5))
                    .reservedConcurrentExecutions(5)
                    .snapStart(false)
                    .build();
            fn.grantInvoke(caller);
            secretName = stack.resolve(secret.getSecretName());
            template = Template.fromStack(stack);
        }

        @Test
        void memoryTimeoutDescriptionAndReservedConcurrency() {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "MemorySize", 512, "Timeout", 30, "Description", "orders", "ReservedConcurrentExecutions", 5,
                    "SnapStart", Match.absent()));
        }

        @Test
        void logLevelsAndRetention() {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of("LoggingConfig", Match.objectLike(Map.of(
                    "ApplicationLogLevel", "DEBUG", "SystemLogLevel", "WARN"))));
            template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 7));
        }

        @Test
        void usesTheGivenKeyInsteadOfCreatingOne() {
            template.resourceCountIs("AWS::KMS::Key", 1);
            String keyId = template.findResources("AWS::KMS::Key").keySet().iterator().next();
            assertTrue(keyId.startsWith("SharedKey"));
            template.hasResourceProperties("AWS::Lambda::Function", Map.of("KmsKeyArn", Map.of("Fn::GetAtt", List.of(keyId, "Arn"))));
        }

        @Test
        void secretsAndParametersPassOnlyTheirArnOrNameAndAreGrantedRead() {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables", Map.of(
                    "TABLE_NAME", "orders",
                    "TOKEN_TABLE", secretName,   // the secret's name as CloudFormation resolves it, not a literal
                    "DB_SECRET_ARN", Map.of("Ref", Match.stringLikeRegexp("DbSecret.*")),
                    "FLAG_PARAMETER", Map.of("Ref", Match.stringLikeRegexp("Flag.*"))))));
            template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                    Match.objectLike(Map.of("Action", List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"))),
                    Match.objectLike(Map.of("Action", List.of("ssm:DescribeParameters", "ssm:GetParameters", "ssm:GetParameter", "ssm:GetParameterHistory"))))))));
        }

        @Test
        void asyncRetriesAndEventAge() {
            template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                    "MaximumRetryAttempts", 0, "MaximumEventAgeInSeconds", 300));
        }

        @Test
        void grantInvokeAllowsOnlyTheLiveAlias() {
            template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                    "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("Caller.*"))),
                    "PolicyDocument", Map.of("Statement", List.of(Map.of(
                            "Action", "lambda:InvokeFunction",
                            "Effect", "Allow",
                            "Resource", Map.of("Ref", Match.stringLikeRegexp("OrdersLiveAlias.*")))))));
        }
    }

    /** Existing resources and the runtime/architecture overrides, from one synthesis. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ExistingResources {
        Template template;
        SecureFunction fn;
        software.amazon.awscdk.services.sqs.Queue failures;

        @BeforeAll
        void synth() {
            Stack stack = new Stack(new App(), "Test");
            Key key = Key.Builder.create(stack, "TeamKey").enableKeyRotation(true).build();
            failures = software.amazon.awscdk.services.sqs.Queue.Builder.create(stack, "TeamFailures")
                    .encryptionMasterKey(key).build();
            fn = SecureFunction.Builder.create(stack, "Orders")
                    .handler(HANDLER)
                    .code(software.amazon.awscdk.services.lambda.Code.fromAsset(CODE))
                    .runtime(software.amazon.awscdk.services.lambda.Runtime.JAVA_21)
                    .architecture(software.amazon.awscdk.services.lambda.Architecture.X86_64)
                    .deadLetterQueue(failures)
                    .build();
            template = Template.fromStack(stack);
        }

        @Test
        void usesTheGivenQueueAsOnFailureDestinationAndCreatesNone() {
            template.resourceCountIs("AWS::SQS::Queue", 1);
            assertEquals(failures, fn.getDeadLetterQueue());
            template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of("DestinationConfig", Map.of("OnFailure", Map.of(
                    "Destination", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("TeamFailures.*"), "Arn"))))));
        }

        @Test
        void grantsSendAndTheQueueKeysUseWithoutWildcards() {
            template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                    Map.of("Action", List.of("kms:GenerateDataKey", "kms:Decrypt"), "Effect", "Allow",
                            "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("TeamKey.*"), "Arn"))),
                    Map.of("Action", "sqs:SendMessage", "Effect", "Allow",
                            "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("TeamFailures.*"), "Arn"))))))));
        }

        @Test
        void runtimeAndArchitectureCanBeOverridden() {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of("Runtime", "java21", "Architectures", List.of("x86_64")));
        }
    }

    /** Maps given to the builder add to what is there; they never replace it. */
    @Test
    void environmentSecretsAndParameterMapsMergeWithWhatIsAlreadySet() {
        Stack stack = new Stack(new App(), "Test");
        Secret db = new Secret(stack, "Db");
        Secret api = new Secret(stack, "Api");
        StringParameter flag = StringParameter.Builder.create(stack, "Flag").stringValue("on").build();
        StringParameter mode = StringParameter.Builder.create(stack, "Mode").stringValue("fast").build();
        minimal(stack, "Orders")
                .environment("AA", "1")
                .environment(Map.of("BB", "2"))
                .environment(Map.of("CC", "3", "AA", "overridden"))
                .secret("DB_SECRET_ARN", db)
                .secrets(Map.of("API_SECRET_ARN", api))
                .parameter("FLAG_PARAMETER", flag)
                .parameters(Map.of("MODE_PARAMETER", mode))
                .build();
        Template.fromStack(stack).hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables", Map.of(
                "AA", "overridden", "BB", "2", "CC", "3",
                "DB_SECRET_ARN", Map.of("Ref", Match.stringLikeRegexp("Db.*")),
                "API_SECRET_ARN", Map.of("Ref", Match.stringLikeRegexp("Api.*")),
                "FLAG_PARAMETER", Map.of("Ref", Match.stringLikeRegexp("Flag.*")),
                "MODE_PARAMETER", Map.of("Ref", Match.stringLikeRegexp("Mode.*"))))));
    }

    @Test
    void layersAreAttachedInTheOrderGiven() {
        Stack stack = new Stack(new App(), "Test");
        ILayerVersion first = LayerVersion.fromLayerVersionArn(stack, "First", "arn:aws:lambda:eu-west-1:111111111111:layer:first:1");
        ILayerVersion second = LayerVersion.fromLayerVersionArn(stack, "Second", "arn:aws:lambda:eu-west-1:111111111111:layer:second:3");
        minimal(stack, "Orders").layer(first).layers(List.of(second)).build();
        Template.fromStack(stack).hasResourceProperties("AWS::Lambda::Function", Map.of("Layers", List.of(
                "arn:aws:lambda:eu-west-1:111111111111:layer:first:1", "arn:aws:lambda:eu-west-1:111111111111:layer:second:3")));
    }

    /** One key for several functions, in one stack and across stacks. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SharedKey {
        Template keyStack;
        Template otherStack;

        @BeforeAll
        void synth() {
            App app = new App();
            dev.stratus.constructs.monitoring.AlarmPolicy.setDefault(app,
                    dev.stratus.constructs.monitoring.AlarmPolicy.defaults().withoutNotifications());
            Stack services = new Stack(app, "Services");
            Stack jobs = new Stack(app, "Jobs");
            Key key = Key.Builder.create(services, "ServiceKey").enableKeyRotation(true).build();
            minimal(services, "Users").encryptionKey(key).build();
            minimal(services, "Orders").encryptionKey(key).build();
            minimal(jobs, "Nightly").encryptionKey(key).build();
            keyStack = Template.fromStack(services);
            otherStack = Template.fromStack(jobs);
        }

        @Test
        void createsNoKeyOfItsOwn() {
            keyStack.resourceCountIs("AWS::KMS::Key", 1);
            otherStack.resourceCountIs("AWS::KMS::Key", 0);
        }

        @Test
        void theKeyServesTheLogGroupsOfEachStackThatUsesItAndNoOther() {
            List<Object> statements = keyPolicyStatements(keyStack);
            List<Object> logs = statements.stream().filter(st -> String.valueOf(st).contains("logs.")).toList();
            assertEquals(2, logs.size(), "one statement per stack (the two functions of Services share one): " + logs);
            assertTrue(String.valueOf(logs).contains("log-group:/Services/*"), String.valueOf(logs));
            assertTrue(String.valueOf(logs).contains("log-group:/Jobs/*"), String.valueOf(logs));
            assertEquals(List.of("AllowCloudWatchLogsForServices", "AllowCloudWatchLogsForJobs"),
                    logs.stream().map(st -> ((Map<?, ?>) st).get("Sid")).toList());
        }

        @Test
        void eachLogGroupIsNamedUnderItsOwnStacksPrefix() {
            keyStack.hasResourceProperties("AWS::Logs::LogGroup", Map.of("LogGroupName", "/Services/Users"));
            keyStack.hasResourceProperties("AWS::Logs::LogGroup", Map.of("LogGroupName", "/Services/Orders"));
            otherStack.hasResourceProperties("AWS::Logs::LogGroup", Map.of("LogGroupName", "/Jobs/Nightly"));
        }

        @SuppressWarnings("unchecked")
        List<Object> keyPolicyStatements(Template template) {
            Map<String, Object> key = template.findResources("AWS::KMS::Key").values().iterator().next();
            return (List<Object>) ((Map<String, Object>) ((Map<String, Object>) key.get("Properties")).get("KeyPolicy")).get("Statement");
        }
    }

    @Test
    void logGroupNamesKeepToTheCharactersCloudWatchLogsAllows() {
        App app = new App();
        Stack stack = new Stack(app, "Test");
        software.constructs.Construct team = new software.constructs.Construct(stack, "Team A");
        SecureFunction spaced = minimal(stack, "Orders").build();
        SecureFunction nested = SecureFunction.Builder.create(team, "Report (daily)").handler(HANDLER).codePath(CODE).build();
        assertEquals("/Test/Orders", logGroupName(spaced));
        String name = logGroupName(nested);
        assertTrue(name.matches("/Test/Team-A/Report--daily--[0-9a-f]{8}"), name);
    }

    /** A function in a VPC, from one synthesis. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class InAVpc {
        Template template;

        @BeforeAll
        void synth() {
            Stack stack = new Stack(new App(), "Test", software.amazon.awscdk.StackProps.builder()
                    .env(software.amazon.awscdk.Environment.builder().account("111111111111").region("eu-west-1").build()).build());
            Vpc vpc = Vpc.Builder.create(stack, "Vpc").maxAzs(2).natGateways(0).subnetConfiguration(List.of(
                    SubnetConfiguration.builder().name("isolated").subnetType(SubnetType.PRIVATE_ISOLATED).build())).build();
            SecurityGroup group = SecurityGroup.Builder.create(stack, "DbClients").vpc(vpc).build();
            minimal(stack, "Orders")
                    .vpc(vpc)
                    .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
                    .securityGroup(group)
                    .build();
            template = Template.fromStack(stack);
        }

        @Test
        void attachesTheFunctionToTheGivenSubnetsAndSecurityGroups() {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of("VpcConfig", Map.of(
                    "SubnetIds", List.of(Map.of("Ref", Match.stringLikeRegexp("VpcisolatedSubnet1.*")),
                            Map.of("Ref", Match.stringLikeRegexp("VpcisolatedSubnet2.*"))),
                    "SecurityGroupIds", List.of(Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("DbClients.*"), "GroupId"))))));
        }

        @Test
        void grantsTheNetworkInterfacePermissionsInAPolicyOfTheirOwnThatTheFunctionWaitsFor() {
            Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy");
            String network = policies.keySet().stream().filter(id -> id.startsWith("OrdersNetworkInterfacePolicy")).findFirst().orElseThrow();
            assertEquals(Map.of("Statement", List.of(
                    Map.of("Action", List.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"), "Effect", "Allow", "Resource", "*"),
                    Map.of("Action", List.of("ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses",
                                    "ec2:UnassignPrivateIpAddresses"), "Effect", "Allow",
                            "Resource", Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":ec2:eu-west-1:111111111111:*/*"))))),
                    "Version", "2012-10-17"), ((Map<?, ?>) policies.get(network).get("Properties")).get("PolicyDocument"));
            template.hasResource("AWS::Lambda::Function", Map.of("DependsOn", Match.arrayWith(List.of(network))));
            template.hasResourceProperties("AWS::IAM::Role", Map.of("ManagedPolicyArns", Match.absent()));
        }

        @Test
        void suppressesOnlyTheNetworkInterfaceWildcardsWithAReason() {
            template.hasResource("AWS::IAM::Policy", Map.of("Metadata", Map.of("cdk_nag", Map.of("rules_to_suppress", Match.arrayWith(List.of(
                    Match.objectLike(Map.of("id", "AwsSolutions-IAM5", "applies_to", List.of("Resource::*",
                            "Resource::arn:<AWS::Partition>:ec2:eu-west-1:111111111111:*/*")))))))));
        }
    }

    // ---- validation: one failsWhen... test per message ----

    static IllegalArgumentException failure(Consumer<SecureFunction.Builder> change) {
        Stack stack = new Stack(new App(), "Test");
        SecureFunction.Builder builder = minimal(stack, "Orders");
        change.accept(builder);
        return assertThrows(IllegalArgumentException.class, builder::build);
    }

    @Test
    void failsWhenMemoryIsOutOfRange() {
        assertMessage("Invalid SecureFunction 'Orders': memorySize must be a whole number between 128 and 10240 MB, but was 64",
                failure(b -> b.memorySize(64)));
        assertMessage("Invalid SecureFunction 'Orders': memorySize must be a whole number between 128 and 10240 MB, "
                + "but was 10241", failure(b -> b.memorySize(10241)));
    }

    @Test
    void failsWhenTimeoutIsOutOfRange() {
        assertMessage("Invalid SecureFunction 'Orders': timeout must be a whole number of seconds between 1 and 900, "
                + "but was 901 seconds",
                failure(b -> b.timeout(Duration.seconds(901))));
        assertMessage("Invalid SecureFunction 'Orders': timeout must be a whole number of seconds between 1 and 900, "
                + "but was 500 millis",
                failure(b -> b.timeout(Duration.millis(500))));
    }

    @Test
    void failsWhenRetryAttemptsAreOutOfRange() {
        assertMessage("Invalid SecureFunction 'Orders': retryAttempts must be a whole number between 0 and 2, but was "
                + "3", failure(b -> b.retryAttempts(3)));
        assertMessage("Invalid SecureFunction 'Orders': retryAttempts must be a whole number between 0 and 2, but was "
                + "-1", failure(b -> b.retryAttempts(-1)));
    }

    @Test
    void failsWhenMaxEventAgeIsOutOfRange() {
        assertMessage("Invalid SecureFunction 'Orders': maxEventAge must be a whole number of seconds between 60 and "
                + "21600 (1 minute to 6 hours), but was 30 seconds",
                failure(b -> b.maxEventAge(Duration.seconds(30))));
        assertMessage("Invalid SecureFunction 'Orders': maxEventAge must be a whole number of seconds between 60 and "
                + "21600 (1 minute to 6 hours), but was 25200 seconds", failure(b -> b.maxEventAge(Duration.hours(7))));
    }

    @Test
    void failsWhenReservedConcurrencyIsNegative() {
        assertMessage("Invalid SecureFunction 'Orders': reservedConcurrentExecutions must be a whole number between 0 "
                + "and 2147483647, but was -1",
                failure(b -> b.reservedConcurrentExecutions(-1)));
    }

    @Test
    void failsWhenHandlerIsMissingOrMalformed() {
        assertMessage("Invalid SecureFunction 'Orders': handler is required, e.g. "
                + "com.example.orders.OrdersHandler::handleRequest", failure(b -> b.handler(null)));
        assertMessage("Invalid SecureFunction 'Orders': handler must look like package.Class::method or "
                + "package.Class, e.g. com.example.orders.OrdersHandler::handleRequest, but was "
                + "'com.example.Orders.handleRequest()'",
                failure(b -> b.handler("com.example.Orders.handleRequest()")));
        assertMessage("Invalid SecureFunction 'Orders': handler must look like package.Class::method or "
                + "package.Class, e.g. com.example.orders.OrdersHandler::handleRequest, but was 'index.handler::'",
                failure(b -> b.handler("index.handler::")));
    }

    @Test
    void failsWhenCodePathIsMissing() {
        assertMessage("Invalid SecureFunction 'Orders': codePath 'functions/nope/target/function.jar' does not exist (resolved "
                + "against " + java.nio.file.Path.of("").toAbsolutePath() + "): build the function first (mvn package) or fix the path",
                failure(b -> b.codePath("functions/nope/target/function.jar")));
        assertMessage("Invalid SecureFunction 'Orders': codePath is required (the function's deployment jar, e.g. "
                + "functions/orders/target/function.jar), or pass code", failure(b -> b.codePath(null)));
        assertMessage("Invalid SecureFunction 'Orders': Either provide code or codePath, but not both",
                failure(b -> b.code(software.amazon.awscdk.services.lambda.Code.fromAsset(CODE))));
    }

    @Test
    void failsWhenAnEnvironmentValueLooksLikeALiteralSecret() {
        for (String name : List.of("DB_PASSWORD", "CLIENT_SECRET", "GITHUB_TOKEN", "STRIPE_API_KEY", "apiKey")) {
            assertMessage("Invalid SecureFunction 'Orders': environment variable " + name + " looks like a secret but holds a "
                    + "literal value; pass it through the secrets prop (a Secrets Manager secret) or the parameters prop (an SSM "
                    + "parameter), so that only its ARN or name lands in the environment",
                    failure(b -> b.environment(name, "hunter2")));
        }
    }

    @Test
    void failsWhenAnEnvironmentNameIsInvalidOrTakenTwice() {
        assertMessage("Invalid SecureFunction 'Orders': environment key '1ST' is not a valid environment variable "
                + "name (a letter, then one or more letters, digits or _)", failure(b -> b.environment("1ST", "x")));
        assertMessage("Invalid SecureFunction 'Orders': environment key 'X' is not a valid environment variable "
                + "name (a letter, then one or more letters, digits or _)", failure(b -> b.environment("X", "x")));
        assertMessage("Invalid SecureFunction 'Orders', 2 problems:\n  - environment variable DB_SECRET_ARN looks like "
                + "a secret but holds a literal value; pass it through the secrets prop (a Secrets Manager "
                + "secret) or the parameters prop (an SSM parameter), so that only its ARN or name lands in the "
                + "environment\n  - secrets key DB_SECRET_ARN is already set by another of environment, secrets, "
                + "parameters",
                failure(b -> b.environment("DB_SECRET_ARN", "x")
                        .secret("DB_SECRET_ARN", new Secret(new Stack(new App(), "Other"), "S"))));
    }

    @Test
    void failsWhenTheEnvironmentExceedsLambdasFourKilobytes() {
        assertMessage("Invalid SecureFunction 'Orders': environment holds 4106 bytes of names and values, more than "
                + "Lambda's 4096; move large configuration to an SSM parameter (the parameters prop)",
                failure(b -> b.environment("BIG", "x".repeat(4000)).environment("MORE", "y".repeat(99))));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        IllegalArgumentException e = failure(b -> b.memorySize(64).timeout(Duration.seconds(0)).retryAttempts(9));
        assertMessage("Invalid SecureFunction 'Orders', 3 problems:\n  - memorySize must be a whole number between 128 "
                + "and 10240 MB, but was 64\n  - timeout must be a whole number of seconds between 1 and 900, but "
                + "was 0 seconds\n  - retryAttempts must be a whole number between 0 and 2, but was 9", e);
    }

    @Test
    void skipsChecksOnUnresolvedTokens() {
        Stack stack = new Stack(new App(), "Test");
        software.amazon.awscdk.CfnParameter memory = software.amazon.awscdk.CfnParameter.Builder.create(stack, "Memory")
                .type("Number").build();
        SecureFunction fn = minimal(stack, "Orders").memorySize(memory.getValueAsNumber())
                .environment("API_KEY_PARAMETER_NAME", memory.getValueAsString()).build();
        assertTrue(Token.isUnresolved(((software.amazon.awscdk.services.lambda.CfnFunction) fn.getFunction().getNode().getDefaultChild()).getMemorySize()));
    }

    @Test
    void failsWhenCodePathIsEmptyOrBlank() {
        assertMessage("Invalid SecureFunction 'Orders': codePath must name the function's deployment jar, e.g. "
                + "functions/orders/target/function.jar, but was ''", failure(b -> b.codePath("")));
        assertMessage("Invalid SecureFunction 'Orders': codePath must name the function's deployment jar, e.g. "
                + "functions/orders/target/function.jar, but was ' '", failure(b -> b.codePath(" ")));
    }

    @Test
    void failsWhenAMapHoldsANullKeyOrValue() {
        Map<String, String> nullKey = new java.util.HashMap<>();
        nullKey.put(null, "x");
        assertMessage("Invalid SecureFunction 'Orders': environment has a null key; every key is an environment variable name",
                failure(b -> b.environment(nullKey)));
        assertMessage("Invalid SecureFunction 'Orders': environment variable TABLE_NAME is null; give it a value or leave it out",
                failure(b -> b.environment("TABLE_NAME", null)));
        assertMessage("Invalid SecureFunction 'Orders', 2 problems:\n  - secrets key DB_SECRET_ARN has a null value; give an ISecret "
                + "or leave it out\n  - parameters key FLAG_PARAMETER has a null value; give an IParameter or leave it out",
                failure(b -> b.secret("DB_SECRET_ARN", null).parameter("FLAG_PARAMETER", null)));
    }

    @Test
    void failsWhenAListHoldsANullElement() {
        Stack other = new Stack(new App(), "Other");
        ILayerVersion layer = LayerVersion.fromLayerVersionArn(other, "L", "arn:aws:lambda:eu-west-1:111111111111:layer:l:1");
        java.util.List<ILayerVersion> layers = new java.util.ArrayList<>();
        layers.add(layer);
        layers.add(null);
        assertMessage("Invalid SecureFunction 'Orders': layers[1] is null; every element must be an ILayerVersion",
                failure(b -> b.layers(layers)));
        Vpc vpc = Vpc.Builder.create(other, "Vpc").natGateways(0).build();
        assertMessage("Invalid SecureFunction 'Orders': securityGroups[0] is null; every element must be an ISecurityGroup",
                failure(b -> b.vpc(vpc).securityGroup(null)));
    }

    @Test
    void failsWhenAMapOrListArgumentIsNull() {
        assertMessage("Invalid SecureFunction 'Orders', 4 problems:\n  - environment(Map) was given null; leave it out or pass an empty map"
                + "\n  - secrets(Map) was given null; leave it out or pass an empty map"
                + "\n  - layers(List) was given null; leave it out or pass an empty list"
                + "\n  - securityGroups(List) was given null; leave it out or pass an empty list",
                failure(b -> b.environment((Map<String, String>) null).secrets(null).layers(null).securityGroups(null)));
    }

    @Test
    void failsWhenThereAreMoreLayersOrSecurityGroupsThanLambdaAllows() {
        Stack other = new Stack(new App(), "Other");
        java.util.List<ILayerVersion> layers = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            layers.add(LayerVersion.fromLayerVersionArn(other, "L" + i, "arn:aws:lambda:eu-west-1:111111111111:layer:l" + i + ":1"));
        }
        assertMessage("Invalid SecureFunction 'Orders': layers may hold at most 5 elements (Lambda's limit), but 6 were given",
                failure(b -> b.layers(layers)));
        Vpc vpc = Vpc.Builder.create(other, "Vpc").natGateways(0).build();
        java.util.List<SecurityGroup> groups = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            groups.add(SecurityGroup.Builder.create(other, "Sg" + i).vpc(vpc).build());
        }
        assertMessage("Invalid SecureFunction 'Orders': securityGroups may hold at most 5 elements (Lambda's limit), but 6 were given",
                failure(b -> b.vpc(vpc).securityGroups(groups)));
    }

    @Test
    void failsWhenSubnetsOrSecurityGroupsComeWithoutAVpc() {
        assertMessage("Invalid SecureFunction 'Orders': vpcSubnets and securityGroups apply only to a function in a VPC: "
                + "set vpc too, or leave them out",
                failure(b -> b.vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())));
    }

    @Test
    void failsWhenAnEnvironmentValueIsASecretsValue() {
        String expected = "Invalid SecureFunction 'Orders': environment variable DB_CONFIG holds a secret's value "
                + "(SecretValue.unsafeUnwrap()), which CloudFormation would write into the function's configuration in plain "
                + "text; pass the secret through the secrets prop, so that only its ARN lands in the environment";
        assertMessage(expected, failure(b -> b.environment("DB_CONFIG",
                new Secret(new Stack(new App(), "Other"), "Db").getSecretValue().unsafeUnwrap())));
        assertMessage(expected, failure(b -> b.environment("DB_CONFIG",
                software.amazon.awscdk.SecretValue.secretsManager("prod/db").unsafeUnwrap())));
        assertMessage(expected, failure(b -> b.environment("DB_CONFIG",
                software.amazon.awscdk.SecretValue.ssmSecure("/prod/db/password").unsafeUnwrap())));
        assertMessage(expected.replace("DB_CONFIG", "DB_USER"), failure(b -> b.environment("DB_USER",
                new Secret(new Stack(new App(), "Other"), "Db").secretValueFromJson("username").unsafeUnwrap())));
    }

    @Test
    void failsWhenAnEnvironmentValueIsAUrlWithAPassword() {
        assertMessage("Invalid SecureFunction 'Orders': environment variable DATABASE_URL holds a URL with a password "
                + "(postgres://app:****@...); keep the password in a Secrets Manager secret (the secrets prop) and build the "
                + "URL in the function", failure(b -> b.environment("DATABASE_URL", "postgres://app:s3cr3t@db.example.com:5432/orders")));
        assertMessage("Invalid SecureFunction 'Orders': environment variable BROKER holds a URL with a password "
                + "(amqps://:****@...); keep the password in a Secrets Manager secret (the secrets prop) and build the "
                + "URL in the function", failure(b -> b.environment("BROKER", "amqps://:pw@mq.example.com")));
    }

    @Test
    void acceptsUrlsWithoutAPasswordAndSecretsPassedByArn() {
        Stack stack = new Stack(new App(), "Test");
        Secret secret = new Secret(stack, "Db");
        minimal(stack, "Orders")
                .environment("DATABASE_URL", "postgres://app@db.example.com:5432/orders")
                .environment("DOCS_URL", "https://example.com/a:b@c")
                .environment("DB_SECRET_NAME", secret.getSecretName())
                .build();
    }

    @Test
    void failsWhenTheDeadLetterQueueIsFifo() {
        Stack other = new Stack(new App(), "Other");
        software.amazon.awscdk.services.sqs.Queue fifo = software.amazon.awscdk.services.sqs.Queue.Builder.create(other, "Failures")
                .fifo(true).build();
        assertMessage("Invalid SecureFunction 'Orders': deadLetterQueue must be a standard queue: Lambda cannot send failed "
                + "asynchronous invocations to a FIFO queue, but Other/Failures is FIFO", failure(b -> b.deadLetterQueue(fifo)));
    }

    @Test
    void failsWhenAnEventSourceAsksForMoreConcurrencyThanTheFunctionReserves() {
        Stack stack = new Stack(new App(), "Test");
        SecureFunction fn = minimal(stack, "Orders").reservedConcurrentExecutions(2).build();
        software.amazon.awscdk.services.sqs.Queue queue = new software.amazon.awscdk.services.sqs.Queue(stack, "Work");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fn.getAlias().addEventSource(
                new software.amazon.awscdk.services.lambda.eventsources.SqsEventSource(queue,
                        software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps.builder().maxConcurrency(5).build())));
        assertMessage("Invalid SecureFunction 'Orders': the maxConcurrency of event source SqsEventSource:TestWork80A899ED is 5, "
                + "above reservedConcurrentExecutions 2: Lambda would throttle the invocations above 2 and the source would retry "
                + "them until they reach its DLQ without having failed; lower maxConcurrency or raise reservedConcurrentExecutions", e);
    }

    @Test
    void acceptsAnEventSourceWithinTheReservedConcurrency() {
        Stack stack = new Stack(new App(), "Test");
        SecureFunction fn = minimal(stack, "Orders").reservedConcurrentExecutions(2).build();
        software.amazon.awscdk.services.sqs.Queue queue = new software.amazon.awscdk.services.sqs.Queue(stack, "Work");
        fn.getAlias().addEventSource(new software.amazon.awscdk.services.lambda.eventsources.SqsEventSource(queue,
                software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps.builder().maxConcurrency(2).build()));
        assertEquals(2, fn.getReservedConcurrentExecutions());
        Template.fromStack(stack).hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "ScalingConfig", Map.of("MaximumConcurrency", 2)));
    }
}
