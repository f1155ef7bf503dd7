package dev.stratus.stacks;

import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.constructs.IConstruct;

/**
 * Raises the retention of every log group beneath a scope to at least {@code days} (a stage that
 * keeps logs longer, whatever each construct's default); a longer retention is kept. Changing a
 * retention updates a log group in place, it never replaces it.
 *
 * <p>A walk over the finished tree, not an {@code IAspect}: an aspect written in Java is called back
 * from the synthesis once per construct, and jsii nests those callbacks on the Java stack, which
 * overflowed once the app held two stages of six stacks.
 */
final class LogRetentionAtLeast {
    private LogRetentionAtLeast() {
    }

    /** Call after every construct of {@code scope} that may hold a log group exists. */
    static void apply(IConstruct scope, int days) {
        for (IConstruct node : scope.getNode().findAll()) {
            if (node instanceof CfnLogGroup logGroup) {
                Number current = logGroup.getRetentionInDays();
                if (current != null && !Token.isUnresolved(current) && current.intValue() < days) {
                    logGroup.setRetentionInDays(days);
                }
            }
        }
    }
}
