package dev.stratus.functions.testing;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import com.amazonaws.services.lambda.runtime.Context;

/** A handler for {@link FunctionJarTest}: answers with the Java version and the environment it runs in. */
public final class EchoEnvironment {
    public void handleRequest(InputStream in, OutputStream out, Context context) throws java.io.IOException {
        StringBuilder answer = new StringBuilder("java=" + Runtime.version().feature());
        for (Map.Entry<String, String> e : new TreeMap<>(System.getenv()).entrySet()) {
            answer.append(';').append(e.getKey()).append('=').append(e.getValue());
        }
        out.write(answer.toString().getBytes(StandardCharsets.UTF_8));
    }
}
