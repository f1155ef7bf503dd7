package dev.stratus.bench;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The floor of {@code SecureFunction}'s construction: the same CloudFormation resources (log group,
 * role with its inline policy, X-Ray policy, encrypted SSL-only DLQ, function, version, live alias,
 * two event invoke configs, the four alarms) wired by hand with the L2s and their defaults, without
 * validation, key policy statements, exact grants, cdk-nag suppressions or alarm descriptions.
 * {@code BenchSmokeTest} checks that both create the same resource types, as many of each.
 */
final class HandWiredFunction extends Construct {
    HandWiredFunction(Construct scope, String id, IKey key, Code code, String handler) {
        super(scope, id);
        LogGroup logGroup = LogGroup.Builder.create(this, "LogGroup")
                .retention(RetentionDays.ONE_MONTH)
                .encryptionKey(key)
                .build();
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .inlinePolicies(Map.of("WriteOwnLogGroup", PolicyDocument.Builder.create()
                        .statements(List.of(PolicyStatement.Builder.create()
                                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                                .resources(List.of(logGroup.getLogGroupArn()))
                                .build()))
                        .build()))
                .build();
        Policy tracing = Policy.Builder.create(this, "TracingPolicy")
                .roles(List.of(role))
                .statements(List.of(PolicyStatement.Builder.create()
                        .effect(Effect.ALLOW)
                        .actions(List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"))
                        .resources(List.of("*"))
                        .build()))
                .build();
        Queue dlq = Queue.Builder.create(this, "Dlq")
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Function function = Function.Builder.create(this, "Function")
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .handler(handler)
                .code(code)
                .memorySize(1024)
                .timeout(Duration.seconds(10))
                .role(role)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                .environmentEncryption(key)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .retryAttempts(2)
                .maxEventAge(Duration.hours(6))
                .onFailure(new SqsDestination(dlq))
                .build();
        ((CfnFunction) function.getNode().getDefaultChild())
                .setTracingConfig(CfnFunction.TracingConfigProperty.builder().mode("Active").build());
        function.getNode().addDependency(tracing);
        Alias alias = Alias.Builder.create(this, "LiveAlias")
                .aliasName("live")
                .version(function.getCurrentVersion())
                .retryAttempts(2)
                .maxEventAge(Duration.hours(6))
                .onFailure(new SqsDestination(dlq))
                .build();
        alarm("Errors", alias.metricErrors(), 1);
        alarm("Throttles", alias.metricThrottles(), 1);
        alarm("Duration", alias.metricDuration(MetricOptions.builder().statistic("p99").build()), 8000);
        alarm("DeadLetterQueue", dlq.metricApproximateNumberOfMessagesVisible(MetricOptions.builder().statistic("Maximum").build()), 1);
    }

    private void alarm(String id, IMetric metric, double threshold) {
        Alarm.Builder.create(this, "Alarm" + id)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }
}
