package dev.stratus.functions.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorrelationIdTest {
    @ParameterizedTest
    @ValueSource(strings = {"CZ7vbh-0FiAEJgw=", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", "Root=1-5759e988-bd862e3fe1be46a994272793",
            "a", "trace.svc:42/x+y_z"})
    void acceptsApiGatewayIdsAndOtherPlainIds(String id) {
        assertEquals(Optional.of(id), CorrelationId.accept(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "x\"y", "x\\y", "x\ny", "x\ry", "x\u0000y", "x\u202Ey", "é", "x;y", "<script>", "{\"a\":1}"})
    void refusesQuotesBackslashesControlsSpacesAndOtherCharacters(String id) {
        assertEquals(Optional.empty(), CorrelationId.accept(id));
        assertEquals("fallback", CorrelationId.orElse(id, "fallback"));
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 129})
    void refusesMoreThan128Characters(int length) {
        assertEquals(length <= CorrelationId.MAX_LENGTH, CorrelationId.accept("a".repeat(length)).isPresent());
    }

    @org.junit.jupiter.api.Test
    void refusesNull() {
        assertEquals("fallback", CorrelationId.orElse(null, "fallback"));
    }
}
