package dev.stratus.test.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stratus.test.ResourceAudits;
import dev.stratus.test.StatefulLedger;

/** Encryption, TLS, retention and no unreviewed replacement of a stateful resource, over every stack of the app. */
class EncryptionAndDataSafetyTest {
    static Map<String, Map<String, Object>> templates;

    @BeforeAll
    static void synth() {
        templates = ReferenceApp.templates();
    }

    @Test
    void everyQueueTopicTableAndLogGroupUsesARotatingKmsKeyAndQueuesAndTopicsRequireTls() {
        templates.forEach((stack, template) -> assertEquals(List.of(), ResourceAudits.encryption(template), stack));
    }

    @Test
    void everyTableAndKeyIsRetainedAndTablesAreDeletionProtected() {
        templates.forEach((stack, template) -> assertEquals(List.of(), ResourceAudits.retention(template), stack));
    }

    /** The committed ledger, not the snapshots an update run rewrites: see {@link StatefulLedger}. */
    @Test
    void noChangeReplacesAStatefulResourceOfTheLedger() {
        StatefulLedger.at(ReferenceApp.ROOT.resolve("test/src/test/resources/stateful-resources.ledger"))
                .assertNoUnreviewedReplacement(templates);
    }
}
