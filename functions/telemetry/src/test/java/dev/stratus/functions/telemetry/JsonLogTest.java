package dev.stratus.functions.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.functions.testing.FakeContext;
import dev.stratus.functions.testing.TelemetryAssertions;

class JsonLogTest {
    /** A quote, a backslash and a line break: what forged fields in a concatenated line. */
    static final String FORGER = "x\",\"level\":\"DEBUG\",\"admin\":true,\"y\":\"\\\n{\"forged\":1}";

    @Test
    void writesLevelMessageCorrelationIdThenTheFieldsInOrder() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("orderId", "o-1");
        fields.put("count", 3);
        assertEquals("{\"level\":\"INFO\",\"message\":\"order placed\",\"correlationId\":\"c-1\",\"orderId\":\"o-1\",\"count\":3}",
                JsonLog.line(LogLevel.INFO, "order placed", "c-1", fields));
    }

    @Test
    void aValueWithQuotesBackslashesAndLineBreaksStaysInItsField() {
        FakeContext context = new FakeContext(1000);
        new JsonLog(context.getLogger()).warn("refused " + FORGER, FORGER, Map.of("problem", FORGER));
        JsonNode line = TelemetryAssertions.assertLogLine(context.lines.get(0), "WARN", Set.of("problem"));
        assertEquals(FORGER, line.get("correlationId").asText());
        assertEquals(FORGER, line.get("problem").asText());
        assertEquals("refused " + FORGER, line.get("message").asText());
        assertFalse(line.has("admin"));
        assertFalse(line.has("forged"));
        assertEquals(LogLevel.WARN, context.levels.get(0));
    }

    @Test
    void aFieldCannotOverwriteLevelMessageOrCorrelationId() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("level", "DEBUG");
        fields.put("message", "other");
        fields.put("correlationId", "forged");
        fields.put("gone", null);
        fields.put("kept", "yes");
        JsonNode line = TelemetryAssertions.assertLogLine(JsonLog.line(LogLevel.ERROR, "failed", "c-2", fields), "ERROR", Set.of("kept"));
        assertEquals("failed", line.get("message").asText());
        assertEquals("c-2", line.get("correlationId").asText());
        assertFalse(line.has("gone"));
    }
}
