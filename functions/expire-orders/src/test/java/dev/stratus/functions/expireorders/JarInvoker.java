package dev.stratus.functions.expireorders;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

/**
 * Runs in a separate JVM whose class path is only the shaded function.jar and this class: invokes
 * the handler the way Lambda does, through its public no-argument constructor and the process
 * environment, and prints the response. Self-contained on purpose (nothing from the test class
 * path is there). Used by {@link FunctionJarIT}.
 */
public final class JarInvoker {
    private JarInvoker() {
    }

    public static void main(String[] args) throws Exception {
        ExpireStaleOrdersHandler handler = new ExpireStaleOrdersHandler();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(System.in, output, new StdoutContext());
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
            return "expire-orders";
        }

        public String getFunctionVersion() {
            return "local";
        }

        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:expire-orders:live";
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
