package dev.stratus.local.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test support. With {@code -Dasl.dump=<dir>}, every definition a test loads as valid is written to
 * {@code <dir>} so that npm's asl-validator can check it (see local/README.md).
 */
final class Asl {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicInteger DUMPED = new AtomicInteger();

    private Asl() {
    }

    /** Loads a definition the test expects to be valid. */
    static StateMachineDefinition load(String asl) {
        StateMachineDefinition definition = StateMachineDefinition.fromJson(asl);
        String dump = System.getProperty("asl.dump");
        if (dump != null) {
            StackWalker.StackFrame caller = StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow();
            try {
                Path dir = Files.createDirectories(Path.of(dump));
                Files.writeString(dir.resolve(caller.getClassName().replaceAll(".*\\.", "") + "-" + caller.getMethodName()
                        + "-" + DUMPED.incrementAndGet() + ".asl.json"), asl);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return definition;
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = Asl.class.getResourceAsStream("/stepfunctions/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource stepfunctions/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> template(String name) {
        try {
            return MAPPER.readValue(resource(name), Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Virtual time between consecutive events of one type, e.g. the waits between TaskScheduled events. */
    static List<Duration> gaps(Execution execution, String type) {
        List<HistoryEvent> events = execution.events(type);
        return java.util.stream.IntStream.range(1, events.size())
                .mapToObj(i -> Duration.between(events.get(i - 1).timestamp(), events.get(i).timestamp()))
                .toList();
    }
}
