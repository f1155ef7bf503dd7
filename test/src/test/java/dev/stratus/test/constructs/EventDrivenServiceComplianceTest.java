package dev.stratus.test.constructs;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.stratus.constructs.events.EventConsumer;
import dev.stratus.constructs.events.EventDrivenService;
import dev.stratus.constructs.events.SourceType;
import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.test.Compliance;
import dev.stratus.test.NagPack;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.sns.SubscriptionFilter;

/** An EventDrivenService of each source type passes AwsSolutions and Serverless with nothing left open. */
class EventDrivenServiceComplianceTest {

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void everySourceTypeHasNoUnsuppressedFindings(SourceType source) {
        App app = new App();
        Stack stack = new Stack(app, "Events" + source.name().replace("_", ""));
        SecureFunction consumer = SecureFunction.Builder.create(stack, "Welcome")
                .handler("com.example.Welcome::handleRequest")
                .codePath("../constructs/src/test/resources/fake-function")
                .build();
        SecureFunction producer = SecureFunction.Builder.create(stack, "Users")
                .handler("com.example.Users::handleRequest")
                .codePath("../constructs/src/test/resources/fake-function")
                .build();
        EventConsumer welcome = EventConsumer.of("SendWelcomeEmail", consumer);
        welcome = switch (source) {
            case EVENT_BRIDGE -> welcome.eventPattern(EventPattern.builder().source(List.of("stratus.users"))
                    .detailType(List.of("user.created")).build());
            case SNS -> welcome.filterPolicy(Map.of("type", SubscriptionFilter.stringFilter(
                    software.amazon.awscdk.services.sns.StringConditions.builder().allowlist(List.of("user.created")).build())));
            case SNS_FIFO -> welcome.fifo();
        };
        EventDrivenService events = EventDrivenService.Builder.create(stack, "UserEvents").source(source).consumer(welcome).build();
        events.grantPublish(producer);
        Compliance nag = Compliance.apply(app, NagPack.AWS_SOLUTIONS, NagPack.SERVERLESS);
        app.synth();
        nag.assertNoUnsuppressedFindings();
    }
}
