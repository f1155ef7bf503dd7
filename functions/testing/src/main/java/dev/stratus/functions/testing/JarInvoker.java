package dev.stratus.functions.testing;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

/**
 * Runs a function's deployment jar the way Lambda does, in a JVM whose class path is that jar and
 * this class: {@code java -cp function.jar:testing.jar dev.stratus.functions.testing.JarInvoker
 * com.example.Handler < event.json}. The handler is built through its public no-argument
 * constructor from the process environment; the JVM's version is printed first, after
 * {@code JAVA_VERSION }, and the response after {@code RESPONSE }.
 * Uses only classes the function jar itself must contain (aws-lambda-java-core).
 */
public final class JarInvoker {
    /** The first line printed: {@code JAVA_VERSION 25.0.3+9-LTS}, checked by {@link FunctionJar}. */
    static final String VERSION_LINE = "JAVA_VERSION ";

    private JarInvoker() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(VERSION_LINE + Runtime.version());
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: JarInvoker <handler class name>, event on standard input");
        }
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        Method handle = handler.getClass().getMethod("handleRequest", java.io.InputStream.class, java.io.OutputStream.class, Context.class);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handle.invoke(handler, System.in, output, new StdoutContext());
        // on a line of its own: outside Lambda, LambdaRuntime's logger prints without a line break
        System.out.println();
        System.out.println("RESPONSE " + output.toString(StandardCharsets.UTF_8));
    }

    private static final class StdoutContext implements Context {
        public String getAwsRequestId() {
            return "jar-invoker";
        }

        public String getLogGroupName() {
            return "local";
        }

        public String getLogStreamName() {
            return "local";
        }

        public String getFunctionName() {
            return "local";
        }

        public String getFunctionVersion() {
            return "local";
        }

        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:local:live";
        }

        public CognitoIdentity getIdentity() {
            return null;
        }

        public ClientContext getClientContext() {
            return null;
        }

        public int getRemainingTimeInMillis() {
            return 300_000;
        }

        public int getMemoryLimitInMB() {
            return 1024;
        }

        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                public void log(String message) {
                    System.out.println("LOG " + message);
                }

                public void log(byte[] message) {
                    log(new String(message, StandardCharsets.UTF_8));
                }

                public void log(String message, LogLevel level) {
                    System.out.println("LOG " + level + " " + message);
                }
            };
        }
    }
}
