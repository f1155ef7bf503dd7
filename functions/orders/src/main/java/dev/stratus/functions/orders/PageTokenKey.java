package dev.stratus.functions.orders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.stratus.functions.bootstrap.Env;
import dev.stratus.functions.bootstrap.SdkClients;
import dev.stratus.functions.bootstrap.Timeouts;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Where the page token key comes from: the Secrets Manager secret whose ARN is in
 * {@code PAGE_TOKEN_SECRET_ARN} (the Api stack generates it, encrypted with its own key, and
 * grants the orders function read access), read once at initialization — before the SnapStart
 * snapshot, so a new key takes a new version of the function. The secret's string, UTF-8, is the
 * HMAC key; it must be at least {@link PageTokens#MIN_KEY_BYTES} bytes.
 */
final class PageTokenKey {
    static final String VARIABLE = "PAGE_TOKEN_SECRET_ARN";
    private static final Timeouts TIMEOUTS = Timeouts.of(Duration.ofSeconds(5), Duration.ofSeconds(2));

    private PageTokenKey() {
    }

    static PageTokens fromSecretsManager(Map<String, String> env) {
        String arn = Env.required(env, VARIABLE, "the Secrets Manager secret holding the page token key");
        try (SecretsManagerClient secrets = SdkClients.configure(SecretsManagerClient.builder(), env, TIMEOUTS).build()) {
            String value = secrets.getSecretValue(b -> b.secretId(arn)).secretString();
            if (value == null) {
                throw new IllegalStateException("the secret " + arn + " holds no string");
            }
            return new PageTokens(value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
