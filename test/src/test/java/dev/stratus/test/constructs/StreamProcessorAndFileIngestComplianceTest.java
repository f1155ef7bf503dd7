package dev.stratus.test.constructs;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.stratus.constructs.files.FileIngest;
import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.stream.StreamProcessor;
import dev.stratus.constructs.table.SecureTable;
import dev.stratus.test.Compliance;
import dev.stratus.test.NagPack;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

/**
 * A StreamProcessor (a table's stream in another stack, and a Kinesis stream it creates) and a
 * FileIngest with every grant pass AwsSolutions and Serverless with nothing left open, in stacks with
 * and without an account and region: their suppressions match the findings as cdk-nag writes them.
 */
class StreamProcessorAndFileIngestComplianceTest {

    static Stream<Arguments> environments() {
        return Stream.of(Arguments.of("Agnostic", null),
                Arguments.of("Bound", Environment.builder().account("111111111111").region("eu-west-1").build()));
    }

    static SecureFunction function(software.amazon.awscdk.Stack stack, String id) {
        return SecureFunction.Builder.create(stack, id)
                .handler("com.example.Handler::handleRequest")
                .codePath("../constructs/src/test/resources/fake-function")
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environments")
    void streamProcessorsHaveNoUnsuppressedFindings(String name, Environment env) {
        App app = new App();
        software.amazon.awscdk.Stack data = new software.amazon.awscdk.Stack(app, "Data" + name, StackProps.builder().env(env).build());
        SecureTable orders = SecureTable.Builder.create(data, "Orders")
                .partitionKey(Attribute.builder().name("orderId").type(AttributeType.STRING).build())
                .stream(StreamViewType.NEW_AND_OLD_IMAGES)
                .build();
        software.amazon.awscdk.Stack stats = new software.amazon.awscdk.Stack(app, "Stats" + name, StackProps.builder().env(env).build());
        StreamProcessor.Builder.create(stats, "OrderStats").table(orders).function(function(stats, "StatsFn")).build();
        StreamProcessor.Builder.create(stats, "Clicks").function(function(stats, "ClicksFn")).build();
        Compliance nag = Compliance.apply(app, NagPack.AWS_SOLUTIONS, NagPack.SERVERLESS);
        app.synth();
        nag.assertNoUnsuppressedFindings();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environments")
    void fileIngestHasNoUnsuppressedFindings(String name, Environment env) {
        App app = new App();
        software.amazon.awscdk.Stack stack = new software.amazon.awscdk.Stack(app, "Files" + name, StackProps.builder().env(env).build());
        SecureFunction importer = function(stack, "Importer");
        Role signer = Role.Builder.create(stack, "Signer").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        FileIngest ingest = FileIngest.Builder.create(stack, "Catalog").function(importer).prefix("imports/").suffix(".csv").build();
        ingest.grantRead(importer, "imports/");
        ingest.grantRead(importer);
        ingest.grantWrite(importer, "reports/");
        ingest.grantUpload(signer, "imports/");
        Compliance nag = Compliance.apply(app, NagPack.AWS_SOLUTIONS, NagPack.SERVERLESS);
        app.synth();
        nag.assertNoUnsuppressedFindings();
    }
}
