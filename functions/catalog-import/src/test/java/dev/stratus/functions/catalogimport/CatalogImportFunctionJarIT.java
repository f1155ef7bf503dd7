package dev.stratus.functions.catalogimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stratus.functions.testing.FunctionJar;
import dev.stratus.functions.testing.Tables;
import dev.stratus.local.dynamodb.LocalDynamoDb;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The deployment artifact itself: target/function.jar alone in a fresh JVM (Java 25 when installed),
 * configured by environment variables only, imports an upload from S3Proxy into the local engine.
 * {@code AWS_REQUEST_CHECKSUM_CALCULATION=when_required} is the SDK's own setting for what
 * S3Proxy 2.6.0 needs; the function's code keeps the default that S3 accepts.
 */
class CatalogImportFunctionJarIT {
    static final Path JAR = Path.of(System.getProperty("function.jar", "target/function.jar"));

    @Test
    void theShadedJarHoldsNoTestEngineAndNoApacheOrNettyHttpClient() throws Exception {
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            List<String> unwanted = zip.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("org/apache/http") || n.startsWith("io/netty") || n.startsWith("org/gaul")
                            || n.startsWith("org/jclouds") || n.startsWith("org/eclipse/jetty") || n.startsWith("dev/stratus/local"))
                    .limit(3).toList();
            assertEquals(List.of(), unwanted);
            assertTrue(zip.getEntry("dev/stratus/functions/catalogimport/CatalogImportFunction.class") != null);
        }
    }

    @Test
    void theShadedJarImportsAnUploadInAFreshJvm() throws Exception {
        try (LocalS3 local = LocalS3.start(); S3Client s3 = local.client(); LocalDynamoDb db = LocalDynamoDb.start();
             DynamoDbClient dynamo = db.client()) {
            dynamo.createTable(b -> b.tableName("products").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Tables.stringAttribute("productId"))
                    .keySchema(KeySchemaElement.builder().attributeName("productId").keyType(KeyType.HASH).build()));
            s3.createBucket(b -> b.bucket("catalog"));
            String etag = s3.putObject(b -> b.bucket("catalog").key("imports/products-1.csv"),
                    RequestBody.fromString("id,name,price_cents,stock\np-1,Tea,450,10\np-2,Coffee,x,1\n")).eTag();
            ObjectMapper json = new ObjectMapper();
            var body = json.createObjectNode();
            body.put("detail-type", "Object Created").put("source", "aws.s3");
            var detail = body.putObject("detail");
            detail.putObject("bucket").put("name", "catalog");
            detail.putObject("object").put("key", "imports/products-1.csv").put("etag", etag.replace("\"", ""));
            var sqs = json.createObjectNode();
            sqs.putArray("Records").addObject().put("messageId", "m1").put("body", body.toString());

            FunctionJar.Run run = FunctionJar.invoke(JAR, CatalogImportFunction.class.getName(), Map.of(
                    "AWS_ENDPOINT_URL_DYNAMODB", db.endpoint().toString(),
                    "AWS_ENDPOINT_URL_S3", local.endpoint().toString(),
                    "AWS_REQUEST_CHECKSUM_CALCULATION", "when_required",
                    "PRODUCTS_TABLE_NAME", "products"), sqs.toString());

            assertEquals(0, run.exitCode(), run.java() + " said:\n" + run.output());
            assertEquals("{\"batchItemFailures\":[]}", run.response().strip(), run.output());
            assertEquals(1, Tables.scanAll(dynamo, "products", "productId").size());
            assertEquals(1, s3.listObjectsV2(b -> b.bucket("catalog").prefix("reports/")).keyCount(), run.output());
        }
    }
}
