package dev.stratus.constructs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Records, per test, every synth error message a test asserted in whole ({@link ConstructAssertions#assertMessage}),
 * for {@link SynthErrorsDocTest}. Registered for every test class of this module by JUnit's
 * extension auto-detection (src/test/resources/junit-platform.properties).
 */
public final class SynthErrors implements BeforeEachCallback, AfterEachCallback {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    private static final Map<String, List<String>> ASSERTED = Collections.synchronizedMap(new LinkedHashMap<>());
    private static final Set<String> CLASSES_RUN = ConcurrentHashMap.newKeySet();

    @Override
    public void beforeEach(ExtensionContext context) {
        Class<?> type = context.getRequiredTestClass();
        while (type.getEnclosingClass() != null) {
            type = type.getEnclosingClass();
        }
        CLASSES_RUN.add(type.getName());
        CURRENT.set(type.getSimpleName() + "#" + context.getRequiredTestMethod().getName());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        CURRENT.remove();
    }

    static void record(String message) {
        String test = CURRENT.get();
        if (test != null) {
            ASSERTED.computeIfAbsent(test, k -> Collections.synchronizedList(new ArrayList<>())).add(message);
        }
    }

    /** {@code SecureFunctionTest#failsWhenMemoryIsOutOfRange} -> the whole messages it asserted. */
    static Map<String, List<String>> asserted() {
        synchronized (ASSERTED) {
            return new LinkedHashMap<>(ASSERTED);
        }
    }

    /** Top-level test classes (binary names) that ran at least one test in this JVM. */
    static Set<String> classesRun() {
        return Set.copyOf(CLASSES_RUN);
    }
}
