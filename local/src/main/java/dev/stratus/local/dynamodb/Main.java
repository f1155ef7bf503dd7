package dev.stratus.local.dynamodb;

import java.time.Duration;

import dev.stratus.local.dynamodb.internal.Server;

/**
 * Serves a local DynamoDB until the process is stopped, for manual use and for programs in other
 * processes ({@code AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8000}):
 * {@code java -jar local/target/stratus-local-standalone.jar [--port 8000] [--host 127.0.0.1]
 * [--region us-east-1]}. Time-to-live expiry runs every second. Needs no AWS SDK.
 */
public final class Main {
    private Main() {
    }

    /**
     * Serves the engine until stopped: {@code --port N} (default 8000), {@code --host H} (default 127.0.0.1).
     * @param args the options above
     */
    public static void main(String[] args) {
        int port = 8000;
        String host = "127.0.0.1";
        String region = "us-east-1";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--help".equals(arg) || "-h".equals(arg)) {
                System.out.println("usage: stratus-local [--port 8000] [--host 127.0.0.1] [--region us-east-1]");
                return;
            }
            if (i + 1 >= args.length) {
                fail(arg + " needs a value");
            }
            String value = args[++i];
            switch (arg) {
                case "--port":
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        fail("--port must be a number between 0 and 65535, but was " + value);
                    }
                    if (port < 0 || port > 65535) {
                        fail("--port must be a number between 0 and 65535, but was " + value);
                    }
                    break;
                case "--host":
                    host = value;
                    break;
                case "--region":
                    region = value;
                    break;
                default:
                    fail("unknown argument " + arg + "; try --help");
            }
        }
        Server server = new Server(host, port, region, "000000000000", new LocalClock(), Duration.ofSeconds(1));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("stratus-local DynamoDB listening on " + server.endpoint() + " (region " + region + ")");
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
