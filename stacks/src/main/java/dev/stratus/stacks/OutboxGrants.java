package dev.stratus.stacks;

import java.util.List;
import java.util.Map;

import dev.stratus.constructs.table.SecureTable;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;

/**
 * Grants on the items of a producer's event outbox only: {@code actions} on the table, under the
 * condition that every partition key the request touches starts with {@code EVENT#}
 * ({@code dynamodb:LeadingKeys}), so that a function that must delete a published event cannot
 * delete an order, a user or an e-mail lock. The prefix is {@code Outbox.KEY_PREFIX} of
 * functions/events-publisher.
 */
final class OutboxGrants {
    /** The keys of outbox items: {@code EVENT#<event id>}. */
    static final String OUTBOX_KEYS = "EVENT#*";

    private OutboxGrants() {
    }

    static Grant grantOutboxItemActions(SecureTable table, IGrantable grantee, String... actions) {
        // writing an item of an encrypted table uses its key (SecureTable.grantItemActions grants the same)
        table.getKey().grant(grantee, "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey");
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of(actions))
                .resourceArns(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of(OUTBOX_KEYS))))
                .build());
    }
}
