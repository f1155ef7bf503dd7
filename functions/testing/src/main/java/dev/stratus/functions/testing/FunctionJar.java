package dev.stratus.functions.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts a fresh JVM on a function's shaded {@code target/function.jar} with the given environment,
 * feeds it one event through {@link JarInvoker} and returns what it printed. For integration tests
 * of the deployment artifact.
 *
 * <p>The child runs Java 25, the functions' Lambda runtime: {@code /usr/lib/jvm/temurin-25-jdk-amd64},
 * or the {@code bin/java} named by {@code -Dfunction.java}. It fails, rather than falling back to
 * the test JVM, when that Java is missing or reports another version. The child starts from an
 * empty environment plus {@code env}: fake credentials ({@code local}), {@code us-east-1}, no
 * instance metadata, and an empty home of its own, so that neither the developer's AWS keys, nor
 * a profile, nor {@code ~/.aws} can reach the handler under test.
 */
public final class FunctionJar {
    static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    static final String JAVA_PROPERTY = "function.java";
    static final int LAMBDA_JAVA = 25;

    private FunctionJar() {
    }

    /**
     * The outcome of one run: the JVM's exit code, everything it printed, and which Java ran it
     * ({@code /path/to/bin/java (Java 25.0.3+9-LTS)}).
     */
    public record Run(int exitCode, String output, String java) {
        public String response() {
            return output.lines().filter(l -> l.startsWith("RESPONSE ")).map(l -> l.substring(9)).findFirst().orElse(null);
        }
    }

    public static Run invoke(Path jar, String handlerClass, Map<String, String> env, String event) throws IOException, InterruptedException {
        return invoke(List.of(jar), handlerClass, env, event);
    }

    static Run invoke(List<Path> classPath, String handlerClass, Map<String, String> env, String event)
            throws IOException, InterruptedException {
        String java = System.getProperty(JAVA_PROPERTY, JAVA_25.toString());
        if (!Files.isExecutable(Path.of(java))) {
            throw new IllegalStateException("no Java " + LAMBDA_JAVA + " (the functions' Lambda runtime) at " + java
                    + ": install it or point -D" + JAVA_PROPERTY + " at its bin/java");
        }
        String invoker;
        try {
            invoker = Path.of(JarInvoker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String cp = Stream.concat(classPath.stream().map(Path::toString), Stream.of(invoker))
                .collect(Collectors.joining(File.pathSeparator));
        Path home = Files.createTempDirectory("function-jar-home");
        try {
            ProcessBuilder builder = new ProcessBuilder(java, "-cp", cp, JarInvoker.class.getName(), handlerClass);
            Map<String, String> childEnv = builder.environment();
            childEnv.clear();
            childEnv.put("HOME", home.toString());
            childEnv.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
            childEnv.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
            childEnv.put("AWS_EC2_METADATA_DISABLED", "true");
            childEnv.put("AWS_REGION", "us-east-1");
            childEnv.put("AWS_ACCESS_KEY_ID", "local");
            childEnv.put("AWS_SECRET_ACCESS_KEY", "local");
            childEnv.putAll(env);
            builder.redirectErrorStream(true);
            Process process = builder.start();
            process.getOutputStream().write(event.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the function JVM did not finish within 60 s:\n" + output);
            }
            String version = output.lines().filter(l -> l.startsWith(JarInvoker.VERSION_LINE)).findFirst()
                    .map(l -> l.substring(JarInvoker.VERSION_LINE.length()))
                    .orElseThrow(() -> new IllegalStateException("the function JVM (" + java + ") did not say its Java version; it printed:\n"
                            + output));
            int feature = Runtime.Version.parse(version).feature();
            if (feature != LAMBDA_JAVA) {
                throw new IllegalStateException("the function JVM (" + java + ") runs Java " + feature + ", but the functions' "
                        + "Lambda runtime is Java " + LAMBDA_JAVA + ": install it or point -D" + JAVA_PROPERTY + " at its bin/java");
            }
            return new Run(process.exitValue(), output, java + " (Java " + version + ")");
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
