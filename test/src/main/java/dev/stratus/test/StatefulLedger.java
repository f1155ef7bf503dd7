package dev.stratus.test;

import static dev.stratus.test.IamAudit.map;
import static dev.stratus.test.IamAudit.props;
import static dev.stratus.test.IamAudit.render;
import static dev.stratus.test.IamAudit.resources;
import static dev.stratus.test.IamAudit.type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A committed ledger of the stateful resources of an app (tables, keys, queues, buckets, log
 * groups, event archives, secrets): each one's stack and logical id and the properties whose
 * change makes CloudFormation replace it, and so empty it. A change that would replace a recorded
 * resource (its logical id gone, or one of those properties changed, including the types of a
 * table's key attributes) fails, unless the ledger carries an explicit
 * {@code allowReplacement(Stack/LogicalId, "reason")} line, reviewed like an API change.
 *
 * <pre>{@code
 * StatefulLedger.at(Path.of("src/test/resources/stateful-resources.ledger"))
 *         .assertNoUnreviewedReplacement(Map.of("Orders", Template.fromStack(stack).toJSON()));
 * }</pre>
 *
 * <p>Unlike a snapshot, {@code -Dsnapshot.update=true} cannot disarm it: an update run (refused when
 * {@code CI=true}) only appends new resources, drops or rewrites a changed one that has an
 * {@code allowReplacement} line, and turns that line into a {@code # replaced} note; a changed
 * resource without one still fails. An {@code allowReplacement} for a resource that is not being
 * replaced fails too, so that none outlives its review.
 */
public final class StatefulLedger {
    /** Per type, the properties whose change replaces the resource (CloudFormation: "Update requires: Replacement"). */
    static final Map<String, List<String>> REPLACING = Map.of(
            "AWS::DynamoDB::Table", List.of("TableName", "Keys", "LocalSecondaryIndexes"),
            "AWS::KMS::Key", List.of("KeySpec", "KeyUsage", "MultiRegion", "Origin"),
            "AWS::SQS::Queue", List.of("QueueName", "FifoQueue"),
            "AWS::S3::Bucket", List.of("BucketName"),
            "AWS::Logs::LogGroup", List.of("LogGroupName", "LogGroupClass"),
            "AWS::Events::Archive", List.of("ArchiveName", "SourceArn"),
            "AWS::SecretsManager::Secret", List.of("Name"));
    private static final Pattern ALLOW = Pattern.compile("allowReplacement\\(([^,\\s]+),\\s*\"(.*)\"\\)\\s*");
    private static final String SEPARATOR = " | ";

    private final Path file;

    private StatefulLedger(Path file) {
        this.file = file;
    }

    /** The ledger committed at {@code file} (created by the first update run). */
    public static StatefulLedger at(Path file) {
        return new StatefulLedger(file);
    }

    /** One recorded resource: {@code Stack/LogicalId}, its type, and its replacing properties, rendered. */
    record Entry(String id, String type, Map<String, String> properties) {
        String line() {
            StringBuilder line = new StringBuilder(id + SEPARATOR + type);
            properties.forEach((k, v) -> line.append(SEPARATOR).append(k).append('=').append(v));
            return line.toString();
        }

        static Entry parse(String line) {
            String[] cells = line.split(Pattern.quote(SEPARATOR));
            Map<String, String> properties = new LinkedHashMap<>();
            for (int i = 2; i < cells.length; i++) {
                int eq = cells[i].indexOf('=');
                properties.put(cells[i].substring(0, eq), cells[i].substring(eq + 1));
            }
            return new Entry(cells[0], cells[1], properties);
        }
    }

    /** The stateful resources of {@code templatesByStack} (keyed by stack, e.g. {@code Data} or {@code Prod/Orders}), sorted. */
    static Map<String, Entry> entries(Map<String, Map<String, Object>> templatesByStack) {
        Map<String, Entry> entries = new TreeMap<>();
        templatesByStack.forEach((stack, template) -> resources(template).forEach((logicalId, resource) -> {
            List<String> replacing = REPLACING.get(type(resource));
            if (replacing == null) {
                return;
            }
            Map<String, Object> props = props(resource);
            Map<String, String> properties = new LinkedHashMap<>();
            for (String property : replacing) {
                properties.put(property, switch (property) {
                    case "Keys" -> keys(props.get("KeySchema"), props.get("AttributeDefinitions"));
                    case "LocalSecondaryIndexes" -> localIndexes(props);
                    default -> props.get(property) == null ? "-" : render(props.get(property));
                });
            }
            String id = stack + "/" + logicalId;
            entries.put(id, new Entry(id, type(resource), properties));
        }));
        return entries;
    }

    /** {@code orderId:S:HASH, createdAt:N:RANGE}: a key attribute's type is part of the key. */
    private static String keys(Object keySchema, Object attributeDefinitions) {
        Map<String, String> types = new TreeMap<>();
        for (Object definition : list(attributeDefinitions)) {
            types.put(String.valueOf(map(definition).get("AttributeName")), String.valueOf(map(definition).get("AttributeType")));
        }
        List<String> keys = new ArrayList<>();
        for (Object element : list(keySchema)) {
            String name = String.valueOf(map(element).get("AttributeName"));
            keys.add(name + ":" + types.getOrDefault(name, "?") + ":" + map(element).get("KeyType"));
        }
        return keys.isEmpty() ? "-" : String.join(", ", keys);
    }

    private static String localIndexes(Map<String, Object> props) {
        List<String> indexes = new ArrayList<>();
        for (Object index : list(props.get("LocalSecondaryIndexes"))) {
            Map<String, Object> lsi = map(index);
            indexes.add(lsi.get("IndexName") + "(" + keys(lsi.get("KeySchema"), props.get("AttributeDefinitions")) + ")");
        }
        return indexes.isEmpty() ? "-" : String.join(", ", indexes);
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
    }

    /** What the ledger file holds: comment lines, recorded entries, allowances by id. */
    private record Contents(List<String> comments, Map<String, Entry> entries, Map<String, String> allowances) {
    }

    private Contents read() {
        List<String> comments = new ArrayList<>();
        Map<String, Entry> entries = new TreeMap<>();
        Map<String, String> allowances = new TreeMap<>();
        if (!Files.exists(file)) {
            return new Contents(comments, entries, allowances);
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher allow = ALLOW.matcher(line.strip());
                if (line.isBlank()) {
                    continue;
                } else if (line.startsWith("#")) {
                    comments.add(line);
                } else if (allow.matches()) {
                    allowances.put(allow.group(1), allow.group(2));
                } else if (line.startsWith("allowReplacement")) {
                    throw new IllegalStateException(file + ": cannot read «" + line + "»; write allowReplacement(Stack/LogicalId, \"reason\")");
                } else {
                    Entry entry = Entry.parse(line);
                    entries.put(entry.id(), entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Contents(comments, entries, allowances);
    }

    /** Every unreviewed replacement, new resource and unused allowance; empty when the ledger and the templates agree. */
    public List<String> violations(Map<String, Map<String, Object>> templatesByStack) {
        return check(read(), entries(templatesByStack), null);
    }

    /**
     * Fails unless every recorded stateful resource is still there, with the same replacing
     * properties, or has an {@code allowReplacement} line; and unless every stateful resource of the
     * templates is recorded. With {@code -Dsnapshot.update=true} (never when {@code CI=true}) it first
     * records new resources and the reviewed replacements.
     */
    public void assertNoUnreviewedReplacement(Map<String, Map<String, Object>> templatesByStack) {
        assertNoUnreviewedReplacement(templatesByStack, Boolean.getBoolean("snapshot.update"), "true".equalsIgnoreCase(System.getenv("CI")));
    }

    void assertNoUnreviewedReplacement(Map<String, Map<String, Object>> templatesByStack, boolean update, boolean ci) {
        if (update && ci) {
            throw new AssertionError("snapshot.update is refused when CI=true: update the ledger locally and commit it");
        }
        Contents recorded = read();
        Map<String, Entry> current = entries(templatesByStack);
        List<String> problems = check(recorded, current, update ? recorded : null);
        if (update) {
            write(recorded);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " stateful resource(s) of the ledger " + file + ":\n  "
                    + String.join("\n  ", problems));
        }
    }

    /**
     * The problems; with {@code update}, also changes {@code update} in place: new entries added,
     * reviewed replacements recorded, their allowances turned into notes.
     */
    private List<String> check(Contents recorded, Map<String, Entry> current, Contents update) {
        List<String> problems = new ArrayList<>();
        for (Entry before : new ArrayList<>(recorded.entries().values())) {
            Entry now = current.get(before.id());
            String change = now == null ? "its logical id is gone"
                    : !now.type().equals(before.type()) ? "its type changed from " + before.type() + " to " + now.type()
                    : difference(before.properties(), now.properties());
            String reason = recorded.allowances().get(before.id());
            if (change == null) {
                if (reason != null) {
                    problems.add("allowReplacement(" + before.id() + ") allows nothing: the resource is not being replaced; "
                            + "remove the line");
                }
            } else if (reason == null) {
                problems.add(before.id() + ": " + before.type() + " would be replaced (" + change + "). If losing its data is "
                        + "intended, add allowReplacement(" + before.id() + ", \"why\") to the ledger and have it reviewed");
            } else if (update != null) {
                update.allowances().remove(before.id());
                update.comments().add("# replaced " + before.id() + " (" + change + "): " + reason);
                if (now == null) {
                    update.entries().remove(before.id());
                } else {
                    update.entries().put(now.id(), now);
                }
            }
        }
        recorded.allowances().keySet().stream().filter(id -> !recorded.entries().containsKey(id))
                .forEach(id -> problems.add("allowReplacement(" + id + ") names no recorded resource"));
        for (Entry now : current.values()) {
            if (!recorded.entries().containsKey(now.id())) {
                if (update != null) {
                    update.entries().put(now.id(), now);
                } else {
                    problems.add(now.id() + ": a new " + now.type() + " is not in the ledger; record it with -Dsnapshot.update=true "
                            + "and commit the ledger");
                }
            }
        }
        return problems;
    }

    private static String difference(Map<String, String> before, Map<String, String> now) {
        List<String> changed = new ArrayList<>();
        before.forEach((property, value) -> {
            if (!value.equals(now.getOrDefault(property, "-"))) {
                changed.add(property + " " + value + " -> " + now.getOrDefault(property, "-"));
            }
        });
        return changed.isEmpty() ? null : String.join("; ", changed);
    }

    private void write(Contents contents) {
        StringBuilder out = new StringBuilder();
        if (contents.comments().isEmpty()) {
            out.append("# Stateful resources: Stack/LogicalId | type | the properties whose change replaces (and empties) it.\n")
                    .append("# Written by the test kit's StatefulLedger (-Dsnapshot.update=true records new resources only).\n")
                    .append("# To let a change replace one, add a line allowReplacement(Stack/LogicalId, \"why its data may go\").\n");
        }
        contents.comments().forEach(c -> out.append(c).append('\n'));
        out.append('\n');
        contents.entries().values().forEach(e -> out.append(e.line()).append('\n'));
        if (!contents.allowances().isEmpty()) {
            out.append('\n');
            contents.allowances().forEach((id, reason) -> out.append("allowReplacement(").append(id).append(", \"").append(reason).append("\")\n"));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            String text = out.toString();
            if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                Files.writeString(file, text, StandardCharsets.UTF_8);
                System.out.println("ledger written: " + file + " (review and commit it)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
