package dev.stratus.constructs;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Assertions shared by the construct tests. */
public final class ConstructAssertions {
    private ConstructAssertions() {
    }

    /**
     * The message of {@code e} is exactly {@code expected}: the whole message a user sees, not a
     * fragment of it. Recorded for docs/SYNTH-ERRORS.md ({@link SynthErrorsDocTest}).
     */
    public static void assertMessage(String expected, Throwable e) {
        assertEquals(expected, e.getMessage());
        SynthErrors.record(e.getMessage());
    }
}
