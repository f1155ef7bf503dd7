package dev.stratus.functions.expireorders;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs in a separate JVM whose class path is only the shaded function.jar and this class (plus
 * FakeContext): invokes the handler the way Lambda does, through its public no-argument
 * constructor and the process environment, and prints the response. Used by {@link FunctionJarIT}.
 */
public final class JarInvoker {
    private JarInvoker() {
    }

    public static void main(String[] args) throws Exception {
        ExpireStaleOrdersHandler handler = new ExpireStaleOrdersHandler();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(System.in, output, new FakeContext(300_000));
        System.out.println("RESPONSE " + output.toString(StandardCharsets.UTF_8));
    }
}
