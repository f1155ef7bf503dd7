package dev.stratus.constructs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * docs/SYNTH-ERRORS.md lists every synth error with the test that asserts it: every
 * {@code fails...} test of the construct tests is in the table, and every listed message is
 * asserted by its test.
 */
class SynthErrorsDocTest {
    static final Path DOC = Path.of("../docs/SYNTH-ERRORS.md");
    static final Path TESTS = Path.of("src/test/java/dev/stratus/constructs");
    static final List<String> TEST_FILES = List.of("function/SecureFunctionTest.java", "schedule/ScheduledTaskTest.java",
            "table/SecureTableTest.java", "api/BffApiTest.java", "events/EventDrivenServiceTest.java");
    static final Pattern ROW = Pattern.compile("^\\| (\\w+) \\| `(.*)` \\| (\\w+)#(\\w+) \\|$");

    @Test
    void everyFailsTestIsListedAndEveryListedMessageIsAsserted() throws Exception {
        Set<String> listed = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (String line : Files.readAllLines(DOC)) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            String message = row.group(2).replace("\\|", "|");
            String test = row.group(3) + "#" + row.group(4);
            listed.add(test);
            String file = TEST_FILES.stream().filter(f -> f.endsWith("/" + row.group(3) + ".java")).findFirst().orElse(null);
            if (file == null) {
                problems.add(test + ": no such test class");
                continue;
            }
            String source = Files.readString(TESTS.resolve(file)).replace("\\\"", "\"").replace("\\\\", "\\");
            int method = source.indexOf("void " + row.group(4) + "(");
            int end = method < 0 ? -1 : source.indexOf("\n    }", method);
            if (method < 0 || !source.substring(method, end).contains(message)) {
                problems.add(test + " does not assert «" + message + "»");
            }
        }
        for (String file : TEST_FILES) {
            Matcher m = Pattern.compile("void (fails\\w+)\\(\\)").matcher(Files.readString(TESTS.resolve(file)));
            String cls = file.substring(file.indexOf('/') + 1, file.length() - 5);
            while (m.find()) {
                if (!listed.contains(cls + "#" + m.group(1))) {
                    problems.add(cls + "#" + m.group(1) + " is missing from docs/SYNTH-ERRORS.md");
                }
            }
        }
        assertTrue(listed.size() > 40, "rows: " + listed.size());
        assertEquals(List.of(), problems);
    }
}
