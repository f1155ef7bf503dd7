package dev.stratus.constructs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * docs/SYNTH-ERRORS.md, generated and kept true: every message the validation code can produce
 * (collected from the sources: {@code problems.add/check/checkRange/checkSeconds}, thrown
 * exceptions, {@code Optional.of} problems) is tied to the tests that trigger it and assert the
 * whole message through {@link ConstructAssertions#assertMessage}; every asserted message is one the
 * code produces; every {@code fails...} test of every test class asserts at least one. Runs after
 * the other test classes (junit-platform.properties orders classes by {@link Order}); run alone, it
 * first runs the test classes that have not run in this JVM.
 */
@Order(Integer.MAX_VALUE)
class SynthErrorsDocTest {
    static final Path DOC = Path.of("../docs/SYNTH-ERRORS.md");
    static final Path MAIN = Path.of("src/main/java/dev/stratus/constructs");
    static final Path TESTS = Path.of("src/test/java/dev/stratus/constructs");
    /** The message framing Problems adds around each problem. */
    static final Pattern ONE = Pattern.compile("(?s)Invalid (\\w+) '[^']*': (.*)");
    static final Pattern MANY = Pattern.compile("(?s)Invalid (\\w+) '[^']*', \\d+ problems:\\n  - (.*)");
    /** Calls whose argument (the index after the name) is a message, or the start of one. */
    static final Map<String, Integer> CALLS = Map.of(
            "problems.add(", 0, "problems.check(", 1, "problems.checkRange(", 0, "problems.checkSeconds(", 0,
            "new IllegalArgumentException(", 0, "new IllegalStateException(", 0, "Optional.of(", 0);
    /** Package folder -> the construct its messages belong to, in the order of the doc. */
    static final Map<String, String> CONSTRUCTS = new LinkedHashMap<>();

    static {
        CONSTRUCTS.put("function", "SecureFunction");
        CONSTRUCTS.put("schedule", "ScheduledTask");
        CONSTRUCTS.put("table", "SecureTable");
        CONSTRUCTS.put("api", "BffApi");
        CONSTRUCTS.put("events", "EventDrivenService");
        CONSTRUCTS.put("workflow", "Workflow");
        CONSTRUCTS.put("stream", "StreamProcessor");
        CONSTRUCTS.put("files", "FileIngest");
        CONSTRUCTS.put("monitoring", "ServiceDashboard");
        CONSTRUCTS.put("compliance", "Suppressions");
        CONSTRUCTS.put("internal", "internal (the constructs' own suppressions)");
    }

    /** Files whose problems every construct that adopts them reports in its own name (its alarms prop). */
    static final Map<String, String> SHARED = Map.of("internal/AlarmFactory.java", "every construct (its alarms prop)");

    /**
     * One place in the validation code that produces a message; {@code thrown} for an exception
     * thrown as is (a grant or lookup error), not a problem framed as {@code Invalid <Construct> 'id': ...}.
     */
    record Site(String construct, String file, int line, String template, Pattern pattern, boolean thrown) {
        /** Whether {@code problem}, framed for {@code construct} (null when not framed), is this site's message. */
        boolean produced(String problem, String construct) {
            boolean sameKind = construct == null ? thrown
                    : !thrown && (construct.equals(this.construct) || SHARED.containsValue(this.construct));
            return sameKind && pattern.matcher(problem).find();
        }
    }

    static Map<String, List<String>> asserted;

    @BeforeAll
    static void runTheOtherTestClassesIfTheyHaveNotRun() throws IOException {
        Set<String> run = SynthErrors.classesRun();
        List<String> missing = testClasses().stream().filter(c -> !run.contains(c)).toList();
        if (!missing.isEmpty()) {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(missing.stream().map(c -> selectClass(c)).toList()).build());
        }
        asserted = SynthErrors.asserted();
    }

    @Test
    void everyMessageOfTheValidationCodeIsAssertedWholeByATestAndListed() throws IOException {
        List<Site> sites = sites();
        assertTrue(sites.size() > 80, "message sites found: " + sites.size());
        // test -> [construct (null when the message is not framed), problem]
        Map<String, List<String[]>> problemsByTest = new TreeMap<>();
        asserted.forEach((test, messages) -> messages.forEach(m -> problemsByTest.computeIfAbsent(test, k -> new ArrayList<>()).addAll(problems(m))));

        List<String> failures = new ArrayList<>();
        Map<Site, Set<String>> testsBySite = new LinkedHashMap<>();
        for (Site site : sites) {
            Set<String> tests = new TreeSet<>();
            problemsByTest.forEach((test, problems) -> {
                if (problems.stream().anyMatch(p -> site.produced(p[1], p[0]))) {
                    tests.add(test);
                }
            });
            testsBySite.merge(site, tests, (a, b) -> a);
            if (tests.isEmpty()) {
                failures.add(site.file() + ":" + site.line() + " «" + site.template() + "» is not triggered and asserted whole by any test");
            }
        }
        problemsByTest.forEach((test, problems) -> problems.stream()
                .filter(p -> sites.stream().noneMatch(s -> s.produced(p[1], p[0])))
                .forEach(p -> failures.add(test + " asserts «" + p[1] + "», which no message of " + (p[0] == null ? "a thrown exception"
                        : p[0] + "'s validation") + " produces")));
        for (String test : failsTests()) {
            if (!asserted.containsKey(test)) {
                failures.add(test + " asserts no whole synth error message (use ConstructAssertions.assertMessage)");
            }
        }
        assertEquals(List.of(), failures);
        assertDocMatches(render(testsBySite));
    }

    /**
     * [construct, problem] for each problem a whole message carries: one after "Invalid X 'id': ",
     * several after "N problems:"; the construct is null for a message thrown as is.
     */
    static List<String[]> problems(String message) {
        Matcher many = MANY.matcher(message);
        if (many.matches()) {
            return Stream.of(many.group(2).split("\n  - ")).map(p -> new String[] {construct(many.group(1)), p}).toList();
        }
        Matcher one = ONE.matcher(message);
        return List.<String[]>of(one.matches() ? new String[] {construct(one.group(1)), one.group(2)} : new String[] {null, message});
    }

    /** The construct a framing names: Problems("suppression", ...) frames the Suppressions API's messages. */
    static String construct(String framing) {
        return framing.equals("suppression") ? "Suppressions" : framing;
    }

    static List<Site> sites() throws IOException {
        List<Site> sites = new ArrayList<>();
        for (Map.Entry<String, String> c : CONSTRUCTS.entrySet()) {
            try (Stream<Path> files = Files.list(MAIN.resolve(c.getKey()))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("Problems.java")).sorted().toList()) {
                    String source = Files.readString(file, StandardCharsets.UTF_8);
                    for (Map.Entry<String, Integer> call : CALLS.entrySet()) {
                        for (int at = source.indexOf(call.getKey()); at >= 0; at = source.indexOf(call.getKey(), at + 1)) {
                            List<String> args = arguments(source, at + call.getKey().length());
                            String template = template(call.getKey(), args, call.getValue(), stringLocals(source, at));
                            if (template != null && template.replaceAll("[^A-Za-z]", "").length() >= 3) {
                                int line = (int) source.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1;
                                String path = c.getKey() + "/" + file.getFileName();
                                sites.add(new Site(SHARED.getOrDefault(path, c.getValue()), path, line, template, pattern(template),
                                        call.getKey().startsWith("new ")));
                            }
                        }
                    }
                }
            }
        }
        List<String> order = new ArrayList<>(SHARED.values());
        order.addAll(CONSTRUCTS.values());
        sites.sort((a, b) -> a.construct().equals(b.construct())
                ? (a.file() + String.format("%05d", a.line())).compareTo(b.file() + String.format("%05d", b.line()))
                : Integer.compare(order.indexOf(a.construct()), order.indexOf(b.construct())));
        return sites;
    }

    static String template(String call, List<String> args, int index, Map<String, String> locals) {
        if (args.size() <= index) {
            return null;
        }
        String message = expression(args.get(index), locals);
        return switch (call) {
            case "problems.checkRange(" -> message + " must be a whole number between … and …"
                    + (expression(args.get(4), locals).isEmpty() ? "" : " " + expression(args.get(4), locals)) + ", but was …";
            case "problems.checkSeconds(" -> message + " must be a whole number of seconds between … and …"
                    + expression(args.get(4), locals) + ", but was …";
            default -> message;
        };
    }

    static final Pattern METHOD = Pattern.compile("\\n {4,8}(?:(?:public|private|protected|static|final) )*[\\w<>\\[\\],.? ]+ \\w+\\([^;{]*\\) \\{");

    /**
     * {@code String c = "consumer " + name;}: the locals of the method around {@code at}, assigned
     * before it from an expression with a literal, which the messages are built from.
     */
    static Map<String, String> stringLocals(String source, int at) {
        Matcher header = METHOD.matcher(source.substring(0, at));
        int start = 0;
        while (header.find()) {
            start = header.start();
        }
        Map<String, String> locals = new TreeMap<>();
        Matcher m = Pattern.compile("String (\\w+) = ([^;]*\"[^;]*);").matcher(source.substring(start, at));
        while (m.find()) {
            locals.put(m.group(1), m.group(2));
        }
        return locals;
    }

    /** A Java string expression as a template: its literals, locals built from literals, and … for everything computed. */
    static String expression(String java, Map<String, String> locals) {
        StringBuilder out = new StringBuilder();
        for (String operand : split(java, '+')) {
            String o = operand.strip();
            String part;
            if (o.length() >= 2 && o.startsWith("\"") && o.endsWith("\"") && isOneLiteral(o)) {
                part = o.substring(1, o.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\").replace("\\n", "\n");
            } else if (locals.containsKey(o)) {
                part = expression(locals.get(o), Map.of());
            } else {
                part = "…";
            }
            if (!(part.startsWith("…") && out.toString().endsWith("…"))) {
                out.append(part);
            } else {
                out.append(part.substring(1));
            }
        }
        return out.toString();
    }

    private static boolean isOneLiteral(String o) {
        for (int i = 1; i < o.length() - 1; i++) {
            if (o.charAt(i) == '\\') {
                i++;
            } else if (o.charAt(i) == '"') {
                return false;
            }
        }
        return true;
    }

    static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("…", -1)) {
            if (regex.length() > 0 || template.startsWith("…")) {
                regex.append(".*?"); // a computed part may be empty: codePath('')
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** The arguments of the call whose '(' is just before {@code from}, split at top-level commas. */
    static List<String> arguments(String source, int from) {
        int depth = 1;
        int i = from;
        for (; i < source.length() && depth > 0; i++) {
            char ch = source.charAt(i);
            if (ch == '"') {
                for (i++; source.charAt(i) != '"'; i++) {
                    if (source.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if (ch == '\'') {
                i += source.charAt(i + 1) == '\\' ? 3 : 2;
            } else if (ch == '(' || ch == '{' || ch == '[') {
                depth++;
            } else if (ch == ')' || ch == '}' || ch == ']') {
                depth--;
            }
        }
        return split(source.substring(from, i - 1), ',');
    }

    /** Splits at {@code separator} outside strings, characters and brackets. */
    static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                for (i++; i < text.length() && text.charAt(i) != '"'; i++) {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if (ch == '\'') {
                i += i + 1 < text.length() && text.charAt(i + 1) == '\\' ? 3 : 2;
            } else if (ch == '(' || ch == '{' || ch == '[') {
                depth++;
            } else if (ch == ')' || ch == '}' || ch == ']') {
                depth--;
            } else if (ch == separator && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** Binary names of the test classes of this module, this one excepted. */
    static List<String> testClasses() throws IOException {
        try (Stream<Path> files = Files.walk(TESTS)) {
            return files.filter(f -> f.toString().endsWith("Test.java") && !f.endsWith("SynthErrorsDocTest.java"))
                    .map(f -> "dev.stratus.constructs." + TESTS.relativize(f).toString().replace('/', '.').replace(".java", ""))
                    .sorted().toList();
        }
    }

    /** {@code Class#failsWhen...} of every test class of this module. */
    static List<String> failsTests() throws IOException {
        List<String> tests = new ArrayList<>();
        for (String type : testClasses()) {
            String simple = type.substring(type.lastIndexOf('.') + 1);
            Path file = TESTS.resolve(type.substring("dev.stratus.constructs.".length()).replace('.', '/') + ".java");
            Matcher m = Pattern.compile("void (fails\\w*)\\(").matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                tests.add(simple + "#" + m.group(1));
            }
        }
        return tests;
    }

    static String render(Map<Site, Set<String>> testsBySite) {
        StringBuilder out = new StringBuilder("""
                # Synth errors

                Every message the constructs' validation can show at synth (construction) time, with the tests
                that trigger it and assert the whole message; `…` stands for a value taken from the props.
                Generated by `SynthErrorsDocTest` from the validation code (`problems.add/check/checkRange/
                checkSeconds`, thrown exceptions) and the messages the construct tests assert; it fails when a
                message is not asserted whole by a test, when a test asserts a message the code cannot produce, or
                when a `fails...` test asserts none. Regenerate with `mvn -B verify -Dsnapshot.update=true`
                (refused when `CI=true`) and review the diff.

                One problem reads `Invalid <Construct> '<id>': <message>`; several read
                `Invalid <Construct> '<id>', <n> problems:` followed by one `  - <message>` line each. The
                messages of "every construct (its alarms prop)" come from the alarm factory the constructs share:
                each construct reports them in its own name, about its `alarms` prop.

                | construct | message | asserted by |
                |---|---|---|
                """);
        Set<String> seen = new TreeSet<>();
        testsBySite.forEach((site, tests) -> {
            String row = "| " + site.construct() + " | `" + site.template().replace("\n", "\\n").replace("|", "\\|") + "` | "
                    + String.join(", ", tests) + " |";
            if (seen.add(site.construct() + site.template())) {
                out.append(row).append('\n');
            }
        });
        return out.toString();
    }

    static void assertDocMatches(String expected) throws IOException {
        boolean update = Boolean.getBoolean("snapshot.update");
        if (update && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("snapshot.update is refused when CI=true: regenerate docs/SYNTH-ERRORS.md locally and commit it");
        }
        String actual = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        if (update && !actual.equals(expected)) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
            System.out.println("snapshot written: " + DOC + " (review and commit it)");
            return;
        }
        if (!actual.equals(expected)) {
            List<String> want = expected.lines().toList();
            List<String> have = actual.lines().toList();
            String diff = want.stream().filter(l -> !have.contains(l)).map(l -> "+ " + l).collect(Collectors.joining("\n"))
                    + "\n" + have.stream().filter(l -> !want.contains(l)).map(l -> "- " + l).collect(Collectors.joining("\n"));
            throw new AssertionError("docs/SYNTH-ERRORS.md is out of date; run with -Dsnapshot.update=true and review:\n" + diff);
        }
    }
}
