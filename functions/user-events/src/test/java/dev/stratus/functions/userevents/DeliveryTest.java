package dev.stratus.functions.userevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.functions.testing.FakeContext;
import dev.stratus.functions.testing.Tables;
import dev.stratus.local.dynamodb.LocalDynamoDb;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Delivery end to end, on real engines in this JVM: ElasticMQ (an SQS-compatible server) with the
 * stack's redrive policy (maxReceiveCount 5), a poller that follows Lambda's SQS semantics (batches
 * of up to 10, partial batch failures, failed records left to become visible again), the
 * create-user-profile consumer, and the local DynamoDB engine. Good messages — duplicates included — must each
 * take effect exactly once; poison messages must all end in the DLQ; nothing may be lost.
 */
class DeliveryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_RECEIVE_COUNT = 5;      // EventConsumer's default, as in the Events stack
    static final int GOOD = 30;
    static final int DUPLICATES = 5;

    @Test
    void everyGoodEventTakesEffectOnceAndEveryPoisonMessageEndsInTheDlq() throws Exception {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        AtomicInteger skipped = new AtomicInteger();
        try (LocalDynamoDb local = LocalDynamoDb.start();
             DynamoDbClient dynamo = local.clientBuilder().httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                 @Override
                 public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
                     if (context.exception() instanceof ConditionalCheckFailedException) {
                         skipped.incrementAndGet();   // a profile that already existed: the idempotency check held
                     }
                 }
             })).build();
             SqsClient sqs = SqsClient.builder()
                     .endpointOverride(URI.create("http://127.0.0.1:" + port))
                     .region(Region.EU_CENTRAL_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                     .httpClient(UrlConnectionHttpClient.create())
                     .build()) {
            dynamo.createTable(b -> b.tableName("profiles").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Tables.stringAttribute("userId"))
                    .keySchema(KeySchemaElement.builder().attributeName("userId").keyType(KeyType.HASH).build()));
            String dlqUrl = sqs.createQueue(b -> b.queueName("create-user-profile-dlq")).queueUrl();
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String queueUrl = sqs.createQueue(b -> b.queueName("create-user-profile").attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                    QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}"))).queueUrl();

            List<String> goodBodies = new ArrayList<>();
            for (int i = 0; i < GOOD; i++) {
                goodBodies.add(userCreated("event-" + i, "user-" + i));
            }
            List<String> poison = List.of("{not json", "{}", userCreated("event-bad-version", "user-x").replace("\"version\":1", "\"version\":7"),
                    userCreated("event-no-email", "user-y").replace("\"email\"", "\"mail\""));
            List<String> sent = new ArrayList<>(goodBodies);
            sent.addAll(goodBodies.subList(0, DUPLICATES));     // redeliveries by the bus: same event ids
            sent.addAll(poison);
            for (String body : sent) {
                sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
            }

            UserEventFunctions.CreateUserProfile handler =
                    new UserEventFunctions.CreateUserProfile(new UserProfiles(dynamo, "profiles", Clock.systemUTC()));
            long writesBefore = local.changeCount();
            int deleted = poll(sqs, queueUrl, handler);
            long created = local.changeCount() - writesBefore;

            List<Map<String, AttributeValue>> profiles = Tables.scanAll(dynamo, "profiles", "userId");
            Set<String> users = new HashSet<>();
            profiles.forEach(p -> users.add(p.get("userId").s()));
            assertEquals(GOOD, profiles.size(), "one profile per good event: none lost, none duplicated");
            assertEquals(GOOD, users.size());
            assertEquals(GOOD + DUPLICATES, deleted, "every good message, duplicates included, was acknowledged");
            // Profiles are keyed by userId, so duplicates would collapse onto one item even without the
            // idempotency check: count the effects instead. Each good event writes once; each duplicate
            // is refused by the condition and writes nothing.
            assertEquals(GOOD, created, "item writes: one per good event, none for a duplicate");
            assertEquals(DUPLICATES, skipped.get(), "duplicates skipped as already handled");

            List<String> inDlq = drain(sqs, dlqUrl);
            assertEquals(poison.size(), inDlq.size(), "every poison message reached the DLQ");
            assertTrue(inDlq.containsAll(poison), inDlq.toString());
            assertEquals("0", sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            System.out.printf("DELIVERY sent %d (%d good, %d duplicates, %d poison): %d profiles (%d created, %d skipped as "
                    + "duplicates), %d acknowledged, %d in DLQ%n", sent.size(), GOOD, DUPLICATES, poison.size(), profiles.size(),
                    created, skipped.get(), deleted, inDlq.size());
        } finally {
            server.stopAndWait();
        }
    }

    /** Lambda's SQS poller, in small: receive, invoke, delete what did not fail; until the queue stays empty. */
    static int poll(SqsClient sqs, String queueUrl, UserEventFunctions.CreateUserProfile handler) throws Exception {
        int deleted = 0;
        int emptyPolls = 0;
        long deadline = System.currentTimeMillis() + 60_000;
        while (emptyPolls < 3 && System.currentTimeMillis() < deadline) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            if (messages.isEmpty()) {
                emptyPolls++;
                continue;
            }
            emptyPolls = 0;
            Set<String> failed = new HashSet<>();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(sqsEvent(messages))), out, new FakeContext(10_000));
            JSON.readTree(out.toByteArray()).get("batchItemFailures").forEach(f -> failed.add(f.get("itemIdentifier").asText()));
            List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
            for (Message m : messages) {
                if (!failed.contains(m.messageId())) {
                    done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size())).receiptHandle(m.receiptHandle()).build());
                }
            }
            if (!done.isEmpty()) {
                sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
                deleted += done.size();
            }
        }
        return deleted;
    }

    static ObjectNode sqsEvent(List<Message> messages) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", m.messageId());
            record.put("receiptHandle", m.receiptHandle());
            record.put("body", m.body());
            record.putObject("attributes").put("ApproximateReceiveCount",
                    m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
            record.put("eventSource", "aws:sqs");
        }
        return event;
    }

    static List<String> drain(SqsClient sqs, String url) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            messages.forEach(m -> bodies.add(m.body()));
        }
        return bodies;
    }

    /** An EventBridge event carrying a user.created envelope, as EventBridge puts it on the queue. */
    static String userCreated(String eventId, String userId) throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", userId);
        data.put("name", "User " + userId);
        data.put("email", userId + "@example.com");
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", eventId);
        envelope.put("type", "user.created");
        envelope.put("source", "stratus.users");
        envelope.put("time", "2026-11-22T10:00:00Z");
        envelope.put("version", 1);
        envelope.put("data", data);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", "eb-" + eventId);
        event.put("detail-type", "user.created");
        event.put("source", "stratus.users");
        event.put("detail", envelope);
        return JSON.writeValueAsString(event);
    }

}
