package dev.stratus.functions.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a fresh JVM on a function's shaded {@code target/function.jar} (Java 25, the Lambda
 * runtime, when installed) with the given environment, feeds it one event through
 * {@link JarInvoker} and returns what it printed. For integration tests of the deployment artifact.
 */
public final class FunctionJar {
    static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    private FunctionJar() {
    }

    /** The outcome of one run: the JVM's exit code, everything it printed, and the response line. */
    public record Run(int exitCode, String output, String java) {
        public String response() {
            return output.lines().filter(l -> l.startsWith("RESPONSE ")).map(l -> l.substring(9)).findFirst().orElse(null);
        }
    }

    public static Run invoke(Path jar, String handlerClass, Map<String, String> env, String event) throws IOException, InterruptedException {
        String java = Files.isExecutable(JAVA_25) ? JAVA_25.toString() : Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String invoker;
        try {
            invoker = Path.of(JarInvoker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", jar + File.pathSeparator + invoker, JarInvoker.class.getName(), handlerClass);
        builder.environment().putAll(env);
        builder.environment().putIfAbsent("AWS_REGION", "us-east-1");
        builder.environment().putIfAbsent("AWS_ACCESS_KEY_ID", "local");
        builder.environment().putIfAbsent("AWS_SECRET_ACCESS_KEY", "local");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        process.getOutputStream().write(event.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the function JVM did not finish within 60 s:\n" + output);
        }
        return new Run(process.exitValue(), output, java);
    }
}
