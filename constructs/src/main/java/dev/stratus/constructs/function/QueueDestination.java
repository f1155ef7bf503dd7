package dev.stratus.constructs.function;

import dev.stratus.constructs.internal.Grants;
import software.amazon.awscdk.services.lambda.DestinationConfig;
import software.amazon.awscdk.services.lambda.DestinationOptions;
import software.amazon.awscdk.services.lambda.IDestination;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * An SQS on-failure destination that grants the function exactly {@code sqs:SendMessage} and the
 * key use it needs ({@code SqsDestination} grants KMS action wildcards).
 */
final class QueueDestination implements IDestination {
    private final IQueue queue;

    QueueDestination(IQueue queue) {
        this.queue = queue;
    }

    @Override
    public DestinationConfig bind(Construct scope, IFunction fn, DestinationOptions options) {
        Grants.sendMessages(queue, fn);
        return DestinationConfig.builder().destination(queue.getQueueArn()).build();
    }

    @Override
    public DestinationConfig bind(Construct scope, IFunction fn) {
        return bind(scope, fn, null);
    }
}
