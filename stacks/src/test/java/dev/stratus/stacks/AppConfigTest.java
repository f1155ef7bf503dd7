package dev.stratus.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class AppConfigTest {
    static final Map<String, String> NO_ENV = Map.of();

    static App app(Map<String, Object> context) {
        return new App(AppProps.builder().context(context).build());
    }

    @Test
    void defaultsWithoutContextOrEnvironment() {
        AppConfig config = AppConfig.from(app(Map.of()).getNode(), NO_ENV::get);
        assertEquals("dev", config.stage());
        assertNull(config.account());
        assertEquals("eu-central-1", config.region());
        assertEquals("UTC", config.scheduleTimeZone());
        assertEquals("PT48H", config.maxPendingAge());
        assertEquals("Stratus-dev-Data", config.stackName("Data"));
        assertEquals("https://auth.example.com/", config.jwtIssuer());
        assertEquals(java.util.List.of("stratus-web", "stratus-mobile"), config.jwtAudiences());
        assertEquals(java.util.List.of("https://app.example.com"), config.corsOrigins());
        assertEquals(false, config.isolatedFunctionKeys());
    }

    @Test
    void functionKeysAreIsolatedOnlyWhenAskedFor() {
        assertEquals(true, AppConfig.from(app(Map.of("isolatedFunctionKeys", "true")).getNode(), NO_ENV::get).isolatedFunctionKeys());
        assertEquals(false, AppConfig.from(app(Map.of("isolatedFunctionKeys", "false")).getNode(), NO_ENV::get).isolatedFunctionKeys());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AppConfig.from(app(Map.of("isolatedFunctionKeys", "yes")).getNode(), NO_ENV::get));
        assertEquals("context 'isolatedFunctionKeys' must be true or false, but was 'yes'", e.getMessage());
    }

    @Test
    void apiSettingsComeFromContextAsCommaSeparatedLists() {
        AppConfig config = AppConfig.from(app(Map.of("jwtIssuer", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc",
                "jwtAudience", "web-client, mobile-client", "corsOrigins", "https://a.example.com,https://b.example.com")).getNode(), NO_ENV::get);
        assertEquals("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc", config.jwtIssuer());
        assertEquals(java.util.List.of("web-client", "mobile-client"), config.jwtAudiences());
        assertEquals(java.util.List.of("https://a.example.com", "https://b.example.com"), config.corsOrigins());
    }

    @Test
    void cliEnvironmentFillsAccountAndRegion() {
        AppConfig config = AppConfig.from(app(Map.of()).getNode(),
                Map.of("CDK_DEFAULT_ACCOUNT", "111122223333", "CDK_DEFAULT_REGION", "us-west-2")::get);
        assertEquals("111122223333", config.account());
        assertEquals("us-west-2", config.region());
    }

    @Test
    void contextWinsOverEnvironment() {
        AppConfig config = AppConfig.from(app(Map.of("stage", "prod", "account", "444455556666", "region", "eu-west-1",
                "scheduleTimeZone", "Europe/Berlin", "maxPendingAge", "PT24H")).getNode(),
                Map.of("CDK_DEFAULT_ACCOUNT", "111122223333", "CDK_DEFAULT_REGION", "us-west-2")::get);
        assertEquals("prod", config.stage());
        assertEquals("444455556666", config.account());
        assertEquals("eu-west-1", config.region());
        assertEquals("Europe/Berlin", config.scheduleTimeZone());
        assertEquals("PT24H", config.maxPendingAge());
    }

    @Test
    void failsWhenStageIsNotAStackNamePart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AppConfig.from(app(Map.of("stage", "My Stage")).getNode(), NO_ENV::get));
        assertEquals("context 'stage' must be 1 to 20 lower-case letters, digits or '-', starting with a letter "
                + "(e.g. dev, prod), but was 'My Stage'", e.getMessage());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"PT0.001S", "PT59M", "P3651D", "two days", "-PT48H"})
    void failsWhenMaxPendingAgeIsOutOfTheExpiryJobsRange(String age) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AppConfig.from(app(Map.of("maxPendingAge", age)).getNode(), NO_ENV::get));
        assertEquals("context 'maxPendingAge' must be an ISO-8601 duration from PT1H to P3650D (e.g. PT48H), but was '"
                + age + "'", e.getMessage());
    }

    @Test
    void failsWhenAFunctionJarIsMissing(@TempDir Path root) {
        AppConfig config = new AppConfig("dev", null, "eu-central-1", "UTC", "PT48H", "https://auth.example.com/", java.util.List.of("web"), java.util.List.of("https://app.example.com"), false, root);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FunctionAssets.jar(config, "expire-orders"));
        assertEquals("The deployment jar of function 'expire-orders' is missing: "
                + root.resolve("functions/expire-orders/target/function.jar")
                + ". Build the functions first: mvn -B package -DskipTests", e.getMessage());
    }

    @Test
    void findsAFunctionJarUnderTheRoot(@TempDir Path root) throws Exception {
        Path jar = root.resolve("functions/expire-orders/target/function.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[] {1});
        AppConfig config = new AppConfig("dev", null, "eu-central-1", "UTC", "PT48H", "https://auth.example.com/", java.util.List.of("web"), java.util.List.of("https://app.example.com"), false, root);
        assertEquals(jar.toString(), FunctionAssets.jar(config, "expire-orders"));
    }

    @Test
    void findsTheRepositoryRootFromAModuleFolder() {
        // surefire runs in stacks/, one level below cdk.json
        Path root = AppConfig.findRoot();
        assertTrue(Files.isRegularFile(root.resolve("cdk.json")), root.toString());
    }
}
