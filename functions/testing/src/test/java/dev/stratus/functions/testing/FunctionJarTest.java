package dev.stratus.functions.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.Context;

/**
 * The child JVM of the jar integration tests: it runs the Lambda runtime's Java (25), never quietly
 * the test JVM's, and it starts from a clean environment, so a developer's AWS credentials cannot
 * reach a handler under test. This module's surefire run sets such credentials on purpose.
 */
class FunctionJarTest {
    static final List<Path> CLASS_PATH = List.of(location(EchoEnvironment.class), location(Context.class));

    @AfterEach
    void clearOverride() {
        System.clearProperty(FunctionJar.JAVA_PROPERTY);
    }

    static Map<String, String> run(Map<String, String> env) throws Exception {
        FunctionJar.Run run = FunctionJar.invoke(CLASS_PATH, EchoEnvironment.class.getName(), env, "{}");
        assertEquals(0, run.exitCode(), run.output());
        Map<String, String> answer = new TreeMap<>();
        Arrays.stream(run.response().split(";")).forEach(kv -> answer.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1)));
        return answer;
    }

    @Test
    void theChildRunsJava25() throws Exception {
        assertEquals("25", run(Map.of()).get("java"));
    }

    @Test
    void theTestJvmsDeveloperCredentialsNeverReachTheChild() throws Exception {
        // set by this module's surefire configuration, standing in for a developer's shell
        assertEquals("AKIADEVELOPERSOWNKEY", System.getenv("AWS_ACCESS_KEY_ID"), "the test needs the surefire environment");
        Map<String, String> child = run(Map.of("TABLE_NAME", "users"));
        child.remove("java");
        String home = child.get("HOME");
        assertEquals(new TreeMap<>(Map.of(
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_REGION", "us-east-1",
                "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_CONFIG_FILE", home + "/.aws/config",
                "AWS_SHARED_CREDENTIALS_FILE", home + "/.aws/credentials",
                "HOME", home,
                "TABLE_NAME", "users")), child);
        assertTrue(!home.equals(System.getProperty("user.home")), "an empty home of its own: " + home);
    }

    @Test
    void aTestMayStillPassItsOwnFakeCredentialsAndRegion() throws Exception {
        Map<String, String> child = run(Map.of("AWS_REGION", "eu-central-1", "AWS_ACCESS_KEY_ID", "fake", "AWS_SECRET_ACCESS_KEY", "fake"));
        assertEquals("eu-central-1", child.get("AWS_REGION"));
        assertEquals("fake", child.get("AWS_ACCESS_KEY_ID"));
    }

    @Test
    void failsWhenTheChildRunsAnotherJava() {
        String testJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        System.setProperty(FunctionJar.JAVA_PROPERTY, testJava);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(Map.of()));
        assertEquals("the function JVM (" + testJava + ") runs Java " + Runtime.version().feature()
                + ", but the functions' Lambda runtime is Java 25: install it or point -D" + FunctionJar.JAVA_PROPERTY
                + " at its bin/java", e.getMessage());
    }

    @Test
    void failsWhenJava25IsMissingInsteadOfFallingBackToTheTestJvm() {
        System.setProperty(FunctionJar.JAVA_PROPERTY, "/nonexistent/jdk-25/bin/java");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(Map.of()));
        assertEquals("no Java 25 (the functions' Lambda runtime) at /nonexistent/jdk-25/bin/java: install it or point -D"
                + FunctionJar.JAVA_PROPERTY + " at its bin/java", e.getMessage());
    }

    static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
