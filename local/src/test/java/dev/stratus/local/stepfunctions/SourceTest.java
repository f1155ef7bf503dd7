package dev.stratus.local.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** Every test of the executor says which documented behaviour it checks. */
class SourceTest {
    @Test
    @Source("stratus-local: every executor test names the documentation it is drawn from")
    void everyTestNamesItsSource() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(SourceTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/stratus/local/stepfunctions");
        List<String> missing = new ArrayList<>();
        int tests = 0;
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith("Test.class")).toList()) {
                String name = file.getFileName().toString();
                Class<?> type = Class.forName("dev.stratus.local.stepfunctions." + name.substring(0, name.length() - 6));
                for (Method method : type.getDeclaredMethods()) {
                    if (method.isAnnotationPresent(Test.class) || method.isAnnotationPresent(ParameterizedTest.class)) {
                        tests++;
                        Source source = method.getAnnotation(Source.class);
                        if (source == null || source.value().isBlank()) {
                            missing.add(type.getSimpleName() + "." + method.getName());
                        }
                    }
                }
            }
        }
        assertTrue(tests > 50, "found only " + tests + " tests in " + classes);
        assertEquals(List.of(), missing, "tests without @Source");
    }
}
