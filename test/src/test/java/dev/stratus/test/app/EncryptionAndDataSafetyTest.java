package dev.stratus.test.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stratus.test.ResourceAudits;
import dev.stratus.test.TemplateSnapshot;

/** Encryption, TLS, retention and no-replacement over every stack of the app. */
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

    @Test
    @SuppressWarnings("unchecked")
    void noChangeReplacesAStatefulResourceOfTheCommittedSnapshots() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (Map.Entry<String, Map<String, Object>> e : templates.entrySet()) {
            Path snapshot = ReferenceApp.ROOT.resolve("test/src/test/resources/snapshots/" + e.getKey() + ".json");
            assertTrue(Files.exists(snapshot), snapshot.toString());
            Map<String, Object> committed = json.readValue(snapshot.toFile(), Map.class);
            Map<String, Object> current = json.readValue(TemplateSnapshot.normalize(e.getValue()), Map.class);
            assertEquals(List.of(), ResourceAudits.replacements(committed, current), e.getKey());
        }
    }
}
