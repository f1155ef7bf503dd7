package dev.stratus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion and times it from spawn to exit. */
final class Processes {
    private Processes() {
    }

    /** What a run printed (stdout and stderr, interleaved) and how long it took. */
    record Result(double seconds, String output) {
    }

    static Result run(List<String> command, Map<String, String> env, Path dir) {
        try {
            Path log = Files.createTempFile("stratus-bench", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                builder.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
                builder.environment().put("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1");
                builder.environment().putAll(env);
                long start = System.nanoTime();
                Process process = builder.start();
                if (!process.waitFor(30, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("did not finish in 30 minutes: " + command);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                String output = Files.readString(log);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("exit " + process.exitValue() + " of " + command + ":\n" + output);
                }
                return new Result(seconds, output);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new empty directory, deleted with its content at exit. */
    static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-minute load average, or -1 where /proc/loadavg does not exist. */
    static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
