package dev.stratus.stacks;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;

/**
 * The key the functions of one stack share: one customer-managed key ($1 a month) instead of one
 * per function. What sharing gives up: a grant of the key (for example to decrypt a DLQ's messages)
 * then covers the environments, logs and DLQs of every function of the stack, and disabling the key
 * stops them all. Context {@code isolatedFunctionKeys=true} gives each function its own key again.
 */
final class FunctionKeys {
    private FunctionKeys() {
    }

    /** The stack's shared function key (id {@code FunctionKey}), or null when each function gets its own. */
    static IKey forStack(Stack stack, AppConfig config) {
        if (config.isolatedFunctionKeys()) {
            return null;
        }
        return Key.Builder.create(stack, "FunctionKey")
                .description("Encrypts the environments, logs and dead-letter queues of the functions of " + stack.getStackName())
                .enableKeyRotation(true)
                .build();
    }
}
