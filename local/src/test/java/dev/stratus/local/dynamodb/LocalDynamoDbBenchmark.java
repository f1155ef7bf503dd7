package dev.stratus.local.dynamodb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stratus.local.dynamodb.internal.http.HttpFront;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * On demand, not part of the test run: {@code mvn -B -pl local test -Dtest=LocalDynamoDbBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}, then read the BENCHMARK lines.
 *
 * <p>Measures the engine's in-process start, and put/get/query/transaction throughput and latency
 * through the real SDK client (URL-connection HTTP client, one calling thread) next to the
 * protocol floor measured in the same run: the same HTTP front answering a fixed body to the same
 * client calls, with no engine behind it.
 */
class LocalDynamoDbBenchmark {
    private static final int WARMUP = 3_000;
    private static final int MEASURED = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void benchmark() throws Exception {
        long coldStart = System.nanoTime();
        LocalDynamoDb first = LocalDynamoDb.start();
        double coldMillis = (System.nanoTime() - coldStart) / 1e6;
        first.close();
        double[] starts = new double[20];
        for (int i = 0; i < starts.length; i++) {
            long t = System.nanoTime();
            LocalDynamoDb db = LocalDynamoDb.start();
            starts[i] = (System.nanoTime() - t) / 1e6;
            db.close();
        }
        Arrays.sort(starts);
        System.out.printf(Locale.ROOT, "BENCHMARK start in-process: first in this JVM %.1f ms, then median %.2f ms (max %.2f) over %d%n",
                coldMillis, starts[starts.length / 2], starts[starts.length - 1], starts.length);

        for (String httpClient : List.of("url-connection", "apache")) {
            compareOperations(httpClient);
        }
    }

    /**
     * The same calls through one of the SDK's sync HTTP clients: url-connection is what the
     * functions use; it sends a request's headers and body in two writes, which costs about a
     * millisecond per request on loopback whatever the server, so the Apache client shows the
     * engine's own share better.
     */
    private static void compareOperations(String httpClient) throws Exception {
        HttpFront floor = HttpFront.start(LocalDynamoDbBenchmark::fixedAnswer, "127.0.0.1", 0);
        try (LocalDynamoDb db = LocalDynamoDb.start();
             DynamoDbClient engine = client(db.endpoint(), httpClient);
             DynamoDbClient noop = client(floor.endpoint(), httpClient)) {
            engine.createTable(b -> b.tableName("bench").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
            for (int i = 0; i < 1_000; i++) {
                put(engine, i);
            }
            List<String> lines = new ArrayList<>();
            System.out.println("BENCHMARK over the SDK's " + httpClient + " HTTP client:");
            lines.add(compare("PutItem", i -> put(engine, i), i -> put(noop, i)));
            lines.add(compare("GetItem", i -> get(engine, i), i -> get(noop, i)));
            lines.add(compare("Query (10 items)", i -> query(engine, i), i -> query(noop, i)));
            lines.add(compare("TransactWriteItems (2 puts)", i -> transact(engine, i), i -> transact(noop, i)));
            lines.forEach(System.out::println);
        } finally {
            floor.close();
        }
    }

    private static DynamoDbClient client(java.net.URI endpoint, String httpClient) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient("apache".equals(httpClient) ? ApacheHttpClient.create() : UrlConnectionHttpClient.create()).build();
    }

    private static Map<String, AttributeValue> item(int i) {
        return Map.of("pk", AttributeValue.fromS("user-" + (i % 100)), "sk", AttributeValue.fromN(Integer.toString(i % 1000)),
                "name", AttributeValue.fromS("name " + i), "total", AttributeValue.fromN("12.50"),
                "tags", AttributeValue.fromSs(List.of("a", "b")));
    }

    private static void put(DynamoDbClient client, int i) {
        client.putItem(b -> b.tableName("bench").item(item(i)));
    }

    private static void get(DynamoDbClient client, int i) {
        client.getItem(b -> b.tableName("bench").key(Map.of("pk", AttributeValue.fromS("user-" + (i % 100)),
                "sk", AttributeValue.fromN(Integer.toString(i % 1000)))));
    }

    private static void query(DynamoDbClient client, int i) {
        client.query(b -> b.tableName("bench").keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("user-" + (i % 100)))));
    }

    private static void transact(DynamoDbClient client, int i) {
        client.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("bench").item(item(i))).build(),
                TransactWriteItem.builder().put(p -> p.tableName("bench").item(item(i + 1))).build()));
    }

    /** What the floor answers: a body of the size and shape the engine answers for the same call. */
    private static JsonNode fixedAnswer(String target, JsonNode request) {
        switch (target.substring(target.indexOf('.') + 1)) {
            case "GetItem":
                return GET_ANSWER;
            case "Query":
                return QUERY_ANSWER;
            default:
                return JSON.createObjectNode();
        }
    }

    private static final JsonNode GET_ANSWER;
    private static final JsonNode QUERY_ANSWER;

    static {
        try {
            String item = "{\"pk\":{\"S\":\"user-1\"},\"sk\":{\"N\":\"1\"},\"name\":{\"S\":\"name 1\"},\"total\":{\"N\":\"12.5\"},"
                    + "\"tags\":{\"SS\":[\"a\",\"b\"]}}";
            GET_ANSWER = JSON.readTree("{\"Item\":" + item + "}");
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                items.append(i == 0 ? "" : ",").append(item);
            }
            QUERY_ANSWER = JSON.readTree("{\"Items\":[" + items + "],\"Count\":10,\"ScannedCount\":10}");
        } catch (java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static String compare(String name, IntConsumer engine, IntConsumer floor) {
        double[] e = measure(engine);
        double[] f = measure(floor);
        return String.format(Locale.ROOT, "BENCHMARK %-28s engine %7.0f ops/s p50 %.3f ms p99 %.3f ms | floor %7.0f ops/s p50 %.3f ms "
                + "p99 %.3f ms | engine/floor throughput %.2f", name, e[0], e[1], e[2], f[0], f[1], f[2], e[0] / f[0]);
    }

    /** ops/s, p50 ms, p99 ms over MEASURED sequential calls after WARMUP. */
    private static double[] measure(IntConsumer call) {
        for (int i = 0; i < WARMUP; i++) {
            call.accept(i);
        }
        long[] nanos = new long[MEASURED];
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            long t = System.nanoTime();
            call.accept(i);
            nanos[i] = System.nanoTime() - t;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        return new double[] {MEASURED / seconds, nanos[MEASURED / 2] / 1e6, nanos[MEASURED * 99 / 100] / 1e6};
    }
}
