package dev.stratus.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.NagReportFormat;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.constructs.IConstruct;
import software.constructs.MetadataEntry;

/**
 * Applies cdk-nag packs to a construct tree, Stages included, and reads back every result,
 * suppressed or not, each with its finding id. Apply after the stages exist and before the first
 * synthesis (the packs are aspects, which run during synthesis):
 *
 * <pre>{@code
 * App app = new App();
 * new OrdersStage(app, "Dev", devEnv);
 * new OrdersStage(app, "Prod", prodEnv);
 * Compliance nag = Compliance.apply(app, NagPack.AWS_SOLUTIONS, NagPack.SERVERLESS);
 * app.synth();
 * nag.assertNoUnsuppressedFindings();        // every stack of both stages
 * }</pre>
 *
 * <p>The CDK does not carry an App's aspects into a {@link Stage}: each stage synthesizes its own
 * subtree. So the packs are added to {@code scope} and to every stage beneath it, one instance per
 * pack (their reports of stacks with the same name in two stages then share a file instead of
 * overwriting each other). Reports land in the App's output folder. {@link #findings()} fails when a
 * stack under {@code scope} has no result, e.g. a stage created after {@code apply}.
 *
 * <p>The results come from cdk-nag's CSV reports in the App's output folder, joined with the
 * annotations cdk-nag leaves on each resource for the finding ids (the reports name the rule
 * only): a logger implemented in Java would be called back once per rule and resource through
 * jsii, which nests those calls on the Java stack until it overflows on a real app.
 */
public final class Compliance {
    private static final String NON_COMPLIANT = "Non-Compliant";
    private static final String SUPPRESSED = "Suppressed";
    private static final String UNKNOWN = "UNKNOWN";
    private static final String SUPPRESSION_NOTE = "CdkNagSuppression";

    private final IConstruct scope;
    private final Path outdir;
    private final List<NagPack> packs;
    private List<NagFinding> findings;

    private Compliance(IConstruct scope, Path outdir, List<NagPack> packs) {
        this.scope = scope;
        this.outdir = outdir;
        this.packs = packs;
    }

    /**
     * Adds the packs as aspects of {@code scope} and of every {@link Stage} beneath it; their
     * reports are written when the app synthesizes.
     */
    public static Compliance apply(IConstruct scope, NagPack... packs) {
        if (packs.length == 0) {
            throw new IllegalArgumentException("name at least one NagPack");
        }
        IConstruct root = scope.getNode().getRoot();
        if (!App.isApp(root)) {
            throw new IllegalArgumentException("scope must be inside an App: cdk-nag writes its reports to the App's output folder");
        }
        NagPackProps props = NagPackProps.builder()
                .verbose(true)
                .logIgnores(true)   // an annotation per suppressed finding, with its finding id
                .reports(true)
                .reportFormats(List.of(NagReportFormat.CSV))
                .build();
        List<IConstruct> targets = new ArrayList<>();
        targets.add(scope);
        for (IConstruct c : scope.getNode().findAll()) {
            if (c != scope && Stage.isStage(c)) {
                targets.add(c);
            }
        }
        for (NagPack pack : packs) {
            io.github.cdklabs.cdknag.NagPack instance = pack.create(props);
            targets.forEach(t -> Aspects.of(t).add(instance));
        }
        return new Compliance(scope, Path.of(((App) root).getOutdir()), List.of(packs));
    }

    /**
     * Every finding under {@code scope}, suppressed or not, and every rule that could not be
     * evaluated. Read once, after the first call.
     *
     * @throws IllegalStateException when nothing was synthesized, or a stack under {@code scope}
     *                               was not checked by a pack
     */
    public synchronized List<NagFinding> findings() {
        if (findings == null) {
            findings = read();
        }
        return findings;
    }

    private List<NagFinding> read() {
        String prefix = scope.getNode().getPath();
        Map<String, Deque<String[]>> notes = new HashMap<>();
        List<NagFinding> result = new ArrayList<>();
        Map<String, Set<String>> checkedPaths = new HashMap<>();
        List<Path> reports = reports();
        if (reports.isEmpty()) {
            throw new IllegalStateException("no cdk-nag report in " + outdir + ": synthesize the app after apply()");
        }
        for (Path report : reports) {
            String pack = report.getFileName().toString().split("-", 2)[0];
            List<List<String>> rows;
            try {
                rows = Csv.parse(Files.readString(report, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the cdk-nag report " + report, e);
            }
            for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
                // Rule ID, Resource ID, Compliance, Exception Reason, Rule Level, Rule Info
                String ruleId = row.get(0);
                String resource = row.get(1);
                if (!prefix.isEmpty() && !resource.equals(prefix) && !resource.startsWith(prefix + "/")) {
                    continue;
                }
                checkedPaths.computeIfAbsent(pack, k -> new java.util.HashSet<>()).add(resource);
                String compliance = row.get(2);
                if (compliance.equals(UNKNOWN)) {
                    result.add(new NagFinding(pack, ruleId, ruleId, row.get(4), resource,
                            "rule could not be evaluated: " + row.get(5), null));
                } else if (compliance.equals(NON_COMPLIANT) || compliance.equals(SUPPRESSED)) {
                    boolean suppressed = compliance.equals(SUPPRESSED);
                    String finding = nextFindingId(notes, resource, ruleId, suppressed);
                    String reason = suppressed ? row.get(3) : null;
                    if (reason != null && !finding.isEmpty() && reason.startsWith("[" + finding + "] ")) {
                        reason = reason.substring(finding.length() + 3);   // the finding has its own column
                    }
                    result.add(new NagFinding(pack, ruleId, finding.isEmpty() ? ruleId : ruleId + "[" + finding + "]",
                            row.get(4), resource, row.get(5), reason));
                }
            }
        }
        List<String> unchecked = uncheckedStacks(checkedPaths, reports);
        if (!unchecked.isEmpty()) {
            throw new IllegalStateException("cdk-nag did not check " + String.join(", ", unchecked)
                    + ": synthesize every stage after apply(), and create the stages before apply()");
        }
        return List.copyOf(result);
    }

    private List<Path> reports() {
        try (Stream<Path> files = Files.list(outdir)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-NagReport.csv")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("no cdk-nag report in " + outdir + ": synthesize the app after apply()", e);
        }
    }

    /** Stacks under {@code scope} with a resource but no row of some pack: their stage never ran the packs. */
    private List<String> uncheckedStacks(Map<String, Set<String>> checkedPaths, List<Path> reports) {
        List<String> unchecked = new ArrayList<>();
        List<Stack> stacks = new ArrayList<>();
        if (Stack.isStack(scope)) {
            stacks.add((Stack) scope);
        }
        for (IConstruct c : scope.getNode().findAll()) {
            if (Stack.isStack(c) && c != scope && !((Stack) c).getNested()) {
                stacks.add((Stack) c);
            }
        }
        Map<String, Long> sameName = stacks.stream().collect(Collectors.groupingBy(Stack::getStackName, Collectors.counting()));
        Set<String> reportNames = reports.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        for (Stack stack : stacks) {
            String path = stack.getNode().getPath();
            for (NagPack pack : packs) {
                Set<String> paths = checkedPaths.getOrDefault(pack.prefix(), Set.of());
                boolean rows = paths.stream().anyMatch(p -> p.startsWith(path + "/"));
                // a stack whose resources no rule of the pack applies to has a report but no rows
                boolean report = sameName.get(stack.getStackName()) == 1
                        && reportNames.contains(pack.prefix() + "-" + stack.getStackName() + "-NagReport.csv");
                if (!rows && !report) {
                    unchecked.add(path + " (" + pack.prefix() + ")");
                }
            }
        }
        return unchecked;
    }

    /**
     * The finding id cdk-nag annotated on {@code resource} for the next finding of {@code ruleId}:
     * {@code Resource::*} from {@code AwsSolutions-IAM5[Resource::*]: ...}; empty for a rule that
     * reports one finding per resource.
     */
    private String nextFindingId(Map<String, Deque<String[]>> notes, String resource, String ruleId, boolean suppressed) {
        Deque<String[]> queue = notes.computeIfAbsent(resource, this::annotations);
        for (String[] note : queue) {
            if (note[0].equals(ruleId) && note[2].equals(String.valueOf(suppressed))) {
                queue.remove(note);
                return note[1];
            }
        }
        return "";
    }

    /** [ruleId, findingId, suppressed] of each cdk-nag annotation on the resource at {@code path}, in order. */
    private Deque<String[]> annotations(String path) {
        Deque<String[]> notes = new ArrayDeque<>();
        IConstruct node = scope.getNode().getRoot();
        for (String id : path.split("/")) {
            node = node == null ? null : node.getNode().tryFindChild(id);
        }
        if (node == null) {
            return notes;
        }
        for (MetadataEntry entry : node.getNode().getMetadata()) {
            if (entry.getData() instanceof String message) {
                String[] note = parseNote(message);
                if (note != null) {
                    notes.add(note);
                }
            }
        }
        return notes;
    }

    /**
     * [ruleId, findingId, suppressed] of one cdk-nag annotation, or null for another message:
     * {@code AwsSolutions-IAM5[Resource::*]: info}, {@code AwsSolutions-SQS3: info}, and with
     * logIgnores {@code CdkNagSuppression[Resource::*]: AwsSolutions-IAM5 was triggered but suppressed.}
     */
    static String[] parseNote(String message) {
        boolean suppressed = message.startsWith(SUPPRESSION_NOTE);
        String rest = suppressed ? message.substring(SUPPRESSION_NOTE.length()) : message;
        int colon = rest.indexOf(": ");
        int bracket = rest.indexOf('[');
        if (colon < 0) {
            return null;
        }
        String head;
        String finding = "";
        if (bracket >= 0 && bracket < colon) {
            int end = rest.indexOf("]: ", bracket);
            if (end < 0) {
                return null;
            }
            head = rest.substring(0, bracket);
            finding = rest.substring(bracket + 1, end);
            colon = end + 1;
        } else {
            head = rest.substring(0, colon);
        }
        String ruleId = suppressed ? rest.substring(colon + 2).split(" ", 2)[0] : head;
        if (suppressed ? !head.isEmpty() : ruleId.isEmpty() || ruleId.contains(" ")) {
            return null;
        }
        return new String[] {ruleId, finding, String.valueOf(suppressed)};
    }

    /** Findings that are not suppressed. */
    public List<NagFinding> unsuppressed() {
        return findings().stream().filter(f -> !f.suppressed()).toList();
    }

    /** Unsuppressed findings under the construct path {@code pathPrefix} (e.g. a stack's path, {@code Prod/Orders}). */
    public List<NagFinding> unsuppressed(String pathPrefix) {
        return unsuppressed().stream()
                .filter(f -> f.resource().equals(pathPrefix) || f.resource().startsWith(pathPrefix + "/"))
                .toList();
    }

    /** Unsuppressed findings of {@code packs} under the construct path {@code pathPrefix}. */
    public List<NagFinding> unsuppressed(String pathPrefix, NagPack... packs) {
        Set<String> names = Arrays.stream(packs).map(NagPack::prefix).collect(Collectors.toSet());
        return unsuppressed(pathPrefix).stream().filter(f -> names.contains(f.pack())).toList();
    }

    /** Fails with a readable list of the unsuppressed findings of {@code packs} under {@code pathPrefix}. */
    public void assertNoUnsuppressedFindings(String pathPrefix, NagPack... packs) {
        assertNone(unsuppressed(pathPrefix, packs));
    }

    /** Counts by pack: {@code AwsSolutions -> [all findings, unsuppressed]}. */
    public Map<String, int[]> countsByPack() {
        Map<String, int[]> counts = new TreeMap<>();
        for (NagFinding f : findings()) {
            int[] c = counts.computeIfAbsent(f.pack(), k -> new int[2]);
            c[0]++;
            if (!f.suppressed()) {
                c[1]++;
            }
        }
        return counts;
    }

    /**
     * A markdown report of every suppressed finding (pack, finding, resource, reason), sorted, for a
     * committed docs/COMPLIANCE.md that is checked like a snapshot.
     */
    public String suppressionReport(String title) {
        StringBuilder out = new StringBuilder("# " + title + "\n\nGenerated by the test kit's `Compliance` from cdk-nag's reports; "
                + "regenerate with `mvn -B verify -Dsnapshot.update=true` and review the diff like code. A finding id in "
                + "brackets (`AwsSolutions-IAM5[Resource::*]`) is the one finding a suppression is limited to.\n");
        countsByPack().forEach((pack, c) -> out.append("\n- ").append(pack).append(": ").append(c[0]).append(" findings, ")
                .append(c[0] - c[1]).append(" suppressed, ").append(c[1]).append(" open"));
        out.append("\n\n| pack | finding | resource | reason |\n|---|---|---|---|\n");
        findings().stream().filter(NagFinding::suppressed)
                .map(f -> "| " + f.pack() + " | " + cell(f.findingId()) + " | " + f.resource() + " | " + cell(f.suppressionReason()) + " |")
                .sorted().distinct().forEach(line -> out.append(line).append("\n"));
        Map<String, Integer> open = new TreeMap<>();
        unsuppressed().forEach(f -> open.merge(cell(f.findingId()) + " | " + f.level(), 1, Integer::sum));
        if (!open.isEmpty()) {
            out.append("\n## Open findings\n\n| finding | level | resources |\n|---|---|---|\n");
            open.forEach((rule, count) -> out.append("| ").append(rule).append(" | ").append(count).append(" |\n"));
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** Fails with a readable list of every unsuppressed finding. */
    public void assertNoUnsuppressedFindings() {
        assertNone(unsuppressed());
    }

    /** Fails with a readable list of the unsuppressed findings under {@code pathPrefix}. */
    public void assertNoUnsuppressedFindings(String pathPrefix) {
        assertNone(unsuppressed(pathPrefix));
    }

    private static void assertNone(List<NagFinding> open) {
        if (!open.isEmpty()) {
            Map<String, NagFinding> lines = new LinkedHashMap<>();
            open.stream().sorted((a, b) -> a.toString().compareTo(b.toString())).forEach(f -> lines.putIfAbsent(f.toString(), f));
            NagFinding example = lines.values().iterator().next();
            String findingArg = example.findingId().equals(example.ruleId()) ? ""
                    : ", \"" + example.findingId().substring(example.ruleId().length() + 1, example.findingId().length() - 1) + "\"";
            throw new AssertionError(open.size() + " unsuppressed cdk-nag finding(s):\n  "
                    + String.join("\n  ", lines.keySet())
                    + "\nFix them, or record why a rule does not apply to that resource (dev.stratus.constructs.compliance):"
                    + "\n  Suppressions.suppress(resource, \"" + example.ruleId() + "\", \"<why it does not apply>\"" + findingArg + ");");
        }
    }
}
