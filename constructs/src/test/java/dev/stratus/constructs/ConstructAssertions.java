package dev.stratus.constructs;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions shared by the construct tests. */
public final class ConstructAssertions {
    private ConstructAssertions() {
    }

    /** The message of {@code e} contains {@code expected}; on failure both are shown. */
    public static void assertMessage(String expected, Throwable e) {
        assertTrue(e.getMessage().contains(expected), "expected «" + expected + "» in «" + e.getMessage() + "»");
    }
}
