package dev.stratus.stacks;

import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.constructs.IConstruct;

/**
 * Raises the retention of every log group beneath the scope it is added to to at least
 * {@code days} (a stage that keeps logs longer, whatever each construct's default); a longer
 * retention is kept. Changing a retention updates a log group in place, it never replaces it.
 */
final class LogRetentionAtLeast implements IAspect {
    private final int days;

    LogRetentionAtLeast(int days) {
        this.days = days;
    }

    @Override
    public void visit(IConstruct node) {
        if (node instanceof CfnLogGroup logGroup) {
            Number current = logGroup.getRetentionInDays();
            if (current != null && !Token.isUnresolved(current) && current.intValue() < days) {
                logGroup.setRetentionInDays(days);
            }
        }
    }
}
