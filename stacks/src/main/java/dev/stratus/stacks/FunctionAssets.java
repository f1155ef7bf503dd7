package dev.stratus.stacks;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the stacks find each function's deployment jar, built by {@code mvn package}. */
public final class FunctionAssets {
    private FunctionAssets() {
    }

    /** {@code functions/NAME/target/function.jar}, checked to exist. */
    public static String jar(AppConfig config, String name) {
        Path jar = config.root().resolve("functions").resolve(name).resolve("target").resolve("function.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The deployment jar of function '" + name + "' is missing: " + jar
                    + ". Build the functions first: mvn -B package -DskipTests");
        }
        return jar.toString();
    }
}
