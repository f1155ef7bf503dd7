package dev.stratus.local.dynamodb.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of this suite, checked by reflection over the package's test classes: every test
 * names the documentation of the behaviour it asserts ({@link Source}), and the suite holds at
 * least 220 test cases (a {@code @Test} counts one, a {@code @ParameterizedTest} one per
 * {@code @ValueSource} value or {@code @CsvSource} row).
 */
class ConformanceSuiteTest {
    static final int MINIMUM_CASES = 220;

    /** The top-level classes of this package, read from the directory this class was loaded from. */
    static List<Class<?>> packageClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ConformanceSuiteTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String pkg = ConformanceSuiteTest.class.getPackageName();
        Path dir = root.resolve(pkg.replace('.', '/'));
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> pkg + "." + n.substring(0, n.length() - ".class".length()))
                    .sorted()
                    .collect(Collectors.toList());
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            classes.add(Class.forName(name));
        }
        return classes;
    }

    static boolean isTest(Method m) {
        return m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(ParameterizedTest.class);
    }

    /** How many cases a test method runs. */
    static int cases(Method m) {
        if (m.isAnnotationPresent(Test.class)) {
            return 1;
        }
        int count = 0;
        ValueSource values = m.getAnnotation(ValueSource.class);
        if (values != null) {
            count += values.strings().length + values.ints().length + values.longs().length + values.doubles().length
                    + values.booleans().length + values.chars().length + values.bytes().length + values.shorts().length
                    + values.floats().length + values.classes().length;
        }
        CsvSource csv = m.getAnnotation(CsvSource.class);
        if (csv != null) {
            count += csv.value().length;
            if (!csv.textBlock().isBlank()) {
                count += (int) csv.textBlock().lines().filter(l -> !l.isBlank() && !l.trim().startsWith("#")).count();
            }
        }
        return Math.max(count, 1);
    }

    @Test
    @Source("stratus-local conformance suite: every test names its documentation with @Source")
    void everyTestNamesItsSource() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Class<?> type : packageClasses()) {
            for (Method m : type.getDeclaredMethods()) {
                if (isTest(m)) {
                    Source source = m.getAnnotation(Source.class);
                    if (source == null || source.value().isBlank()) {
                        missing.add(type.getSimpleName() + "." + m.getName());
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "tests without @Source: " + missing);
    }

    @Test
    @Source("stratus-local conformance suite: at least 220 test cases")
    void suiteHasEnoughCases() throws Exception {
        int methods = 0;
        int total = 0;
        List<String> perClass = new ArrayList<>();
        for (Class<?> type : packageClasses()) {
            if (type == ConformanceSuiteTest.class) {
                continue;
            }
            int classMethods = 0;
            int classCases = 0;
            for (Method m : type.getDeclaredMethods()) {
                if (isTest(m) && !Modifier.isStatic(m.getModifiers())) {
                    classMethods++;
                    classCases += cases(m);
                }
            }
            if (classMethods > 0) {
                perClass.add(type.getSimpleName() + "=" + classMethods + "/" + classCases);
            }
            methods += classMethods;
            total += classCases;
        }
        String summary = methods + " methods, " + total + " cases: " + perClass;
        System.out.println("conformance suite: " + summary);
        assertTrue(total >= MINIMUM_CASES, "the suite needs at least " + MINIMUM_CASES + " cases but has " + summary);
    }

    @Test
    @Source("stratus-local conformance suite: test classes start one engine each (Harness in @BeforeAll, closed in @AfterAll)")
    void everyTestClassStartsAndClosesItsEngine() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Class<?> type : packageClasses()) {
            if (type == ConformanceSuiteTest.class) {
                continue;
            }
            boolean hasTests = Stream.of(type.getDeclaredMethods()).anyMatch(ConformanceSuiteTest::isTest);
            if (!hasTests) {
                continue;
            }
            boolean before = Stream.of(type.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(org.junit.jupiter.api.BeforeAll.class));
            boolean after = Stream.of(type.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(org.junit.jupiter.api.AfterAll.class));
            if (!before || !after) {
                wrong.add(type.getSimpleName());
            }
        }
        assertTrue(wrong.isEmpty(), "classes without @BeforeAll/@AfterAll: " + wrong);
    }
}
