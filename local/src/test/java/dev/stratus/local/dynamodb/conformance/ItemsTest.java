package dev.stratus.local.dynamodb.conformance;

import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidation;
import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidationContains;
import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidationError;
import static dev.stratus.local.dynamodb.conformance.Fixtures.attr;
import static dev.stratus.local.dynamodb.conformance.Fixtures.b;
import static dev.stratus.local.dynamodb.conformance.Fixtures.bool;
import static dev.stratus.local.dynamodb.conformance.Fixtures.bs;
import static dev.stratus.local.dynamodb.conformance.Fixtures.bytes;
import static dev.stratus.local.dynamodb.conformance.Fixtures.chars;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hash;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hashRangeTable;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hashTable;
import static dev.stratus.local.dynamodb.conformance.Fixtures.item;
import static dev.stratus.local.dynamodb.conformance.Fixtures.l;
import static dev.stratus.local.dynamodb.conformance.Fixtures.m;
import static dev.stratus.local.dynamodb.conformance.Fixtures.n;
import static dev.stratus.local.dynamodb.conformance.Fixtures.ns;
import static dev.stratus.local.dynamodb.conformance.Fixtures.nul;
import static dev.stratus.local.dynamodb.conformance.Fixtures.numberSet;
import static dev.stratus.local.dynamodb.conformance.Fixtures.payPerRequest;
import static dev.stratus.local.dynamodb.conformance.Fixtures.projection;
import static dev.stratus.local.dynamodb.conformance.Fixtures.s;
import static dev.stratus.local.dynamodb.conformance.Fixtures.ss;
import static dev.stratus.local.dynamodb.conformance.Fixtures.stringSet;
import static dev.stratus.local.dynamodb.conformance.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** PutItem, GetItem and DeleteItem: keys, values, limits, return values. */
class ItemsTest {
    private static Harness h;
    private static DynamoDbClient ddb;

    @BeforeAll
    static void start() {
        h = Harness.start();
        ddb = h.ddb;
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String table() {
        return hashTable(ddb, unique("items"));
    }

    private static void put(String t, Map<String, AttributeValue> item) {
        ddb.putItem(b -> b.tableName(t).item(item));
    }

    private static Map<String, AttributeValue> get(String t, Map<String, AttributeValue> key) {
        GetItemResponse r = ddb.getItem(b -> b.tableName(t).key(key).consistentRead(true));
        return r.hasItem() ? r.item() : null;
    }

    /** Puts {@code {pk: "k", v: value}} and reads back v. */
    private static AttributeValue roundTrip(AttributeValue value) {
        String t = table();
        put(t, item("pk", "k", "v", value));
        return get(t, item("pk", "k")).get("v");
    }

    // ---- put, get, delete ----

    @Test
    @Source("API Reference: PutItem; API Reference: GetItem — Item")
    void putItemThenGetItemReturnsTheItem() {
        String t = table();
        Map<String, AttributeValue> item = item("pk", "a", "name", "Ann", "age", 31);
        put(t, item);
        assertEquals(item, get(t, item("pk", "a")));
    }

    @Test
    @Source("API Reference: GetItem — If there is no matching item, GetItem does not return any data and there will be no Item element in the response")
    void getItemOfMissingKeyHasNoItem() {
        String t = table();
        GetItemResponse r = ddb.getItem(b -> b.tableName(t).key(item("pk", "nope")));
        assertFalse(r.hasItem());
    }

    @Test
    @Source("API Reference: PutItem — If an item that has the same primary key as the new item already exists, the new item completely replaces the existing item")
    void putItemReplacesTheWholeItem() {
        String t = table();
        put(t, item("pk", "a", "old", "x", "keep", "y"));
        put(t, item("pk", "a", "new", "z"));
        assertEquals(item("pk", "a", "new", "z"), get(t, item("pk", "a")));
    }

    @Test
    @Source("API Reference: GetItem — ConsistentRead (true: strongly consistent read)")
    void consistentReadSeesTheLatestWrite() {
        String t = table();
        put(t, item("pk", "a", "v", 1));
        put(t, item("pk", "a", "v", 2));
        GetItemResponse r = ddb.getItem(b -> b.tableName(t).key(item("pk", "a")).consistentRead(true));
        assertEquals("2", r.item().get("v").n());
    }

    @Test
    @Source("API Reference: DeleteItem — Deletes a single item in a table by primary key")
    void deleteItemRemovesTheItem() {
        String t = table();
        put(t, item("pk", "a", "v", 1));
        ddb.deleteItem(b -> b.tableName(t).key(item("pk", "a")));
        assertEquals(null, get(t, item("pk", "a")));
    }

    @Test
    @Source("API Reference: DeleteItem — Unless you specify conditions, DeleteItem is an idempotent operation; running it multiple times on the same item or attribute does not result in an error response")
    void deletingAMissingItemSucceeds() {
        String t = table();
        DeleteItemResponse r = ddb.deleteItem(b -> b.tableName(t).key(item("pk", "ghost")).returnValues(ReturnValue.ALL_OLD));
        assertFalse(r.hasAttributes());
    }

    @Test
    @Source("API Reference: DeleteItem — ReturnValues ALL_OLD (the content of the old item is returned)")
    void deleteItemReturnsTheOldItem() {
        String t = table();
        put(t, item("pk", "a", "v", "gone"));
        DeleteItemResponse r = ddb.deleteItem(b -> b.tableName(t).key(item("pk", "a")).returnValues(ReturnValue.ALL_OLD));
        assertEquals(item("pk", "a", "v", "gone"), r.attributes());
    }

    @Test
    @Source("API Reference: PutItem — ReturnValues ALL_OLD (if PutItem overwrote an attribute name-value pair, the content of the old item is returned)")
    void putItemReturnsTheOverwrittenItem() {
        String t = table();
        put(t, item("pk", "a", "v", "first"));
        PutItemResponse r = ddb.putItem(b -> b.tableName(t).item(item("pk", "a", "v", "second")).returnValues(ReturnValue.ALL_OLD));
        assertEquals(item("pk", "a", "v", "first"), r.attributes());
    }

    @Test
    @Source("API Reference: PutItem — ReturnValues ALL_OLD returns nothing when no item was overwritten")
    void putItemOfNewItemReturnsNothingForAllOld() {
        String t = table();
        PutItemResponse r = ddb.putItem(b -> b.tableName(t).item(item("pk", "new")).returnValues(ReturnValue.ALL_OLD));
        assertFalse(r.hasAttributes());
    }

    @Test
    @Source("API Reference: PutItem — ReturnValues NONE (the default: nothing is returned)")
    void putItemReturnsNothingByDefault() {
        String t = table();
        put(t, item("pk", "a", "v", 1));
        PutItemResponse r = ddb.putItem(b -> b.tableName(t).item(item("pk", "a", "v", 2)).returnValues(ReturnValue.NONE));
        assertFalse(r.hasAttributes());
    }

    @Test
    @Source("API Reference: PutItem — ReturnValues (the values ALL_NEW, UPDATED_OLD and UPDATED_NEW are not used by PutItem); dynalite validations/putItem.js")
    void putItemRefusesAllNew() {
        String t = table();
        assertValidation("ReturnValues can only be ALL_OLD or NONE",
                () -> ddb.putItem(b -> b.tableName(t).item(item("pk", "a")).returnValues(ReturnValue.ALL_NEW)));
    }

    @Test
    @Source("API Reference: DeleteItem — ReturnValues (ALL_OLD or NONE only)")
    void deleteItemRefusesUpdatedNew() {
        String t = table();
        assertValidationError(() -> ddb.deleteItem(b -> b.tableName(t).key(item("pk", "a")).returnValues(ReturnValue.UPDATED_NEW)));
    }

    // ---- projection ----

    @Test
    @Source("Developer Guide: Using projection expressions — top-level attributes")
    void projectionExpressionReturnsOnlyTheNamedAttributes() {
        String t = table();
        put(t, item("pk", "a", "x", 1, "y", 2, "z", 3));
        GetItemResponse r = ddb.getItem(b -> b.tableName(t).key(item("pk", "a")).projectionExpression("x, z"));
        assertEquals(item("x", 1, "z", 3), r.item());
    }

    @Test
    @Source("Developer Guide: Using projection expressions — nested attributes (map elements and list elements)")
    void projectionExpressionReturnsNestedPaths() {
        String t = table();
        put(t, item("pk", "a", "m", m("in", "yes", "out", "no"), "list", l(s("zero"), s("one"), s("two"))));
        GetItemResponse r = ddb.getItem(b -> b.tableName(t).key(item("pk", "a")).projectionExpression("m.#i, #l[1]")
                .expressionAttributeNames(Map.of("#i", "in", "#l", "list")));
        assertEquals(item("m", m("in", "yes"), "list", l(s("one"))), r.item());
    }

    @Test
    @Source("Developer Guide: Using projection expressions — attributes that do not exist are not returned")
    void projectionOfMissingAttributesReturnsAnEmptyItem() {
        String t = table();
        put(t, item("pk", "a", "x", 1));
        GetItemResponse r = ddb.getItem(b -> b.tableName(t).key(item("pk", "a")).projectionExpression("nothere"));
        assertTrue(r.item() == null || r.item().isEmpty());
    }

    @Test
    @Source("Developer Guide: Expression attribute names — reserved words must be replaced by a placeholder")
    void projectionWithReservedWordNeedsAPlaceholder() {
        String t = table();
        put(t, item("pk", "a", "comment", "hi"));
        assertValidation("Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: comment",
                () -> ddb.getItem(b -> b.tableName(t).key(item("pk", "a")).projectionExpression("comment")));
        GetItemResponse r = ddb.getItem(b -> b.tableName(t).key(item("pk", "a")).projectionExpression("#c")
                .expressionAttributeNames(Map.of("#c", "comment")));
        assertEquals(item("comment", "hi"), r.item());
    }

    // ---- keys ----

    @Test
    @Source("API Reference: PutItem — Item (you must provide all of the attributes for the primary key); dynalite db/index.js")
    void putItemWithoutTheKeyIsRefused() {
        String t = table();
        assertValidation("One or more parameter values were invalid: Missing the key pk in the item",
                () -> put(t, item("other", "x")));
    }

    @Test
    @Source("API Reference: PutItem — Item (key attribute types must match the table's schema); dynalite db/index.js")
    void putItemWithWrongKeyTypeIsRefused() {
        String t = table();
        assertValidation("One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N",
                () -> put(t, item("pk", 1)));
    }

    @Test
    @Source("API Reference: PutItem — Item (sort key required for a composite primary key); dynalite db/index.js")
    void putItemWithoutTheSortKeyIsRefused() {
        String t = hashRangeTable(ddb, unique("hr"), ScalarAttributeType.S);
        assertValidation("One or more parameter values were invalid: Missing the key sk in the item",
                () -> put(t, item("pk", "a")));
    }

    @Test
    @Source("API Reference: GetItem — Key (for a composite primary key, you must provide both); dynalite db/index.js")
    void getItemWithoutTheSortKeyIsRefused() {
        String t = hashRangeTable(ddb, unique("hr"), ScalarAttributeType.S);
        assertValidation("The provided key element does not match the schema",
                () -> ddb.getItem(b -> b.tableName(t).key(item("pk", "a"))));
    }

    @Test
    @Source("API Reference: GetItem — Key (all of the attributes of the primary key, and only those); dynalite db/index.js")
    void getItemWithAnExtraKeyAttributeIsRefused() {
        String t = table();
        assertValidation("The provided key element does not match the schema",
                () -> ddb.getItem(b -> b.tableName(t).key(item("pk", "a", "extra", "b"))));
    }

    @Test
    @Source("API Reference: GetItem — Key (types must match the schema); dynalite db/index.js")
    void getItemWithWrongKeyTypeIsRefused() {
        String t = table();
        assertValidation("The provided key element does not match the schema",
                () -> ddb.getItem(b -> b.tableName(t).key(item("pk", 5))));
    }

    @Test
    @Source("API Reference: DeleteItem — Key (wrong key attribute name); dynalite db/index.js")
    void deleteItemWithWrongKeyNameIsRefused() {
        String t = table();
        assertValidation("The provided key element does not match the schema",
                () -> ddb.deleteItem(b -> b.tableName(t).key(item("id", "a"))));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — String (empty strings are not allowed in key attributes)")
    void emptyStringPartitionKeyIsRefused() {
        String t = table();
        assertValidationContains("The AttributeValue for a key attribute cannot contain an empty string value. Key: pk",
                () -> put(t, item("pk", "")));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — String (empty strings are not allowed in key attributes)")
    void emptyStringSortKeyIsRefused() {
        String t = hashRangeTable(ddb, unique("hr"), ScalarAttributeType.S);
        assertValidationContains("The AttributeValue for a key attribute cannot contain an empty string value. Key: sk",
                () -> put(t, item("pk", "a", "sk", "")));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Binary (empty binary values are not allowed in key attributes)")
    void emptyBinaryKeyIsRefused() {
        String t = hashTable(ddb, unique("bin"), "pk", ScalarAttributeType.B);
        assertValidationContains("The AttributeValue for a key attribute cannot contain an empty binary value. Key: pk",
                () -> put(t, item("pk", b())));
    }

    @Test
    @Source("API Reference: GetItem — Key (empty string key value); dynalite db/index.js")
    void getItemWithEmptyStringKeyIsRefused() {
        String t = table();
        assertValidationContains("The AttributeValue for a key attribute cannot contain an empty string value. Key: pk",
                () -> ddb.getItem(b -> b.tableName(t).key(item("pk", ""))));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — String (non-key attributes may be empty strings)")
    void emptyStringNonKeyAttributeIsStored() {
        assertEquals(s(""), roundTrip(s("")));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Binary (non-key attributes may be empty binary values)")
    void emptyBinaryNonKeyAttributeIsStored() {
        assertEquals(0, roundTrip(b()).b().asByteArray().length);
    }

    @Test
    @Source("Developer Guide: Number data type — numbers are compared by value, so 1 and 1.0 are the same key")
    void numericKeysAreComparedByValue() {
        String t = hashTable(ddb, unique("numkey"), "pk", ScalarAttributeType.N);
        put(t, item("pk", n("1.0"), "v", "one"));
        assertEquals("one", get(t, item("pk", n("1"))).get("v").s());
        put(t, item("pk", n("01"), "v", "uno"));
        assertEquals("uno", get(t, item("pk", n("1.00"))).get("v").s());
    }

    @Test
    @Source("API Reference: PutItem — Item (index key attributes must match the index key schema type); dynalite db/index.js")
    void indexKeyOfWrongTypeIsRefused() {
        String t = unique("idxtype");
        ddb.createTable(payPerRequest(t)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("gk", ScalarAttributeType.S))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("gsi").keySchema(hash("gk"))
                        .projection(projection(ProjectionType.ALL)).build())
                .build());
        assertValidation("One or more parameter values were invalid: Type mismatch for Index Key gk Expected: S Actual: N IndexName: gsi",
                () -> put(t, item("pk", "a", "gk", 5)));
    }

    // ---- size limits ----

    @Test
    @Source("Developer Guide: Service, account, and table quotas — Item size (400 KB, including attribute names)")
    void itemOverFourHundredKilobytesIsRefused() {
        String t = table();
        assertValidation("Item size has exceeded the maximum allowed size",
                () -> put(t, item("pk", "a", "data", chars(400 * 1024))));
    }

    @Test
    @Source("Developer Guide: Service, account, and table quotas — Item size (the maximum item size is 400 KB)")
    void itemJustUnderFourHundredKilobytesIsStored() {
        String t = table();
        String big = chars(400 * 1024 - 100);
        put(t, item("pk", "a", "data", big));
        assertEquals(big.length(), get(t, item("pk", "a")).get("data").s().length());
    }

    @Test
    @Source("Developer Guide: Service, account, and table quotas — Partition key value length (maximum 2048 bytes)")
    void partitionKeyOf2048BytesIsStored() {
        String t = table();
        String key = chars(2048);
        put(t, item("pk", key));
        assertNotNull(get(t, item("pk", key)));
    }

    @Test
    @Source("Developer Guide: Service, account, and table quotas — Partition key value length (maximum 2048 bytes); dynalite db/index.js")
    void partitionKeyOver2048BytesIsRefused() {
        String t = table();
        assertValidation("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes",
                () -> put(t, item("pk", chars(2049))));
    }

    @Test
    @Source("Developer Guide: Service, account, and table quotas — Sort key value length (maximum 1024 bytes)")
    void sortKeyOf1024BytesIsStored() {
        String t = hashRangeTable(ddb, unique("hr"), ScalarAttributeType.S);
        String key = chars(1024);
        put(t, item("pk", "a", "sk", key));
        assertNotNull(get(t, item("pk", "a", "sk", key)));
    }

    @Test
    @Source("Developer Guide: Service, account, and table quotas — Sort key value length (maximum 1024 bytes); dynalite db/index.js")
    void sortKeyOver1024BytesIsRefused() {
        String t = hashRangeTable(ddb, unique("hr"), ScalarAttributeType.S);
        assertValidation("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes",
                () -> put(t, item("pk", "a", "sk", chars(1025))));
    }

    // ---- numbers ----

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Number (up to 38 digits of precision)")
    void thirtyEightDigitNumberIsKeptExactly() {
        String digits = "12345678901234567890123456789012345678";
        assertEquals(digits, roundTrip(n(digits)).n());
        assertEquals("-0.1234567890123456789012345678901234567", roundTrip(n("-0.1234567890123456789012345678901234567")).n());
    }

    @ParameterizedTest(name = "{0} is read back as {1}")
    @CsvSource({
        "1.50, 1.5",
        "0.0, 0",
        "007, 7",
        "100, 100",
        "1E+2, 100",
        "-1.10, -1.1",
        "0.000100, 0.0001",
    })
    @Source("Developer Guide: Supported data types and naming rules — Number (leading and trailing zeroes are trimmed)")
    void numbersAreNormalised(String written, String read) {
        assertEquals(read, roundTrip(n(written)).n());
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Number (up to 38 digits of precision); dynalite validations/index.js")
    void numberOfThirtyNineDigitsIsRefused() {
        String t = table();
        assertValidation("Attempting to store more than 38 significant digits in a Number",
                () -> put(t, item("pk", "a", "v", n("123456789012345678901234567890123456789"))));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Number (positive range 1E-130 to 9.9999999999999999999999999999999999999E+125); dynalite validations/index.js")
    void numberAboveTheRangeOverflows() {
        String t = table();
        assertValidation("Number overflow. Attempting to store a number with magnitude larger than supported range",
                () -> put(t, item("pk", "a", "v", n("1E+126"))));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Number (positive range 1E-130 to 9.9999999999999999999999999999999999999E+125); dynalite validations/index.js")
    void numberBelowTheRangeUnderflows() {
        String t = table();
        assertValidation("Number underflow. Attempting to store a number with magnitude smaller than supported range",
                () -> put(t, item("pk", "a", "v", n("1E-131"))));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Number (range limits are inclusive)")
    void numbersAtTheEdgesOfTheRangeAreStored() {
        AttributeValue largest = roundTrip(n("9.9999999999999999999999999999999999999E+125"));
        assertEquals(0, new java.math.BigDecimal("9.9999999999999999999999999999999999999E+125").compareTo(new java.math.BigDecimal(largest.n())));
        AttributeValue smallest = roundTrip(n("-1E-130"));
        assertEquals(0, new java.math.BigDecimal("-1E-130").compareTo(new java.math.BigDecimal(smallest.n())));
    }

    @Test
    @Source("API Reference: AttributeValue — N (a number, sent as a string); dynalite validations/index.js")
    void nonNumericNumberIsRefused() {
        String t = table();
        assertValidation("The parameter cannot be converted to a numeric value: abc",
                () -> put(t, item("pk", "a", "v", n("abc"))));
    }

    // ---- sets ----

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Sets (the values within a set must be unique); dynalite validations/index.js")
    void stringSetWithDuplicatesIsRefused() {
        String t = table();
        assertValidation("One or more parameter values were invalid: Input collection [a, a] contains duplicates.",
                () -> put(t, item("pk", "k", "v", ss("a", "a"))));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Sets (the values within a set must be unique)")
    void numberSetWithEqualNumbersIsRefused() {
        String t = table();
        assertValidationContains("contains duplicates", () -> put(t, item("pk", "k", "v", ns("1", "1.0"))));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Sets (the values within a set must be unique)")
    void binarySetWithDuplicatesIsRefused() {
        String t = table();
        assertValidationContains("contains duplicates", () -> put(t, item("pk", "k", "v", bs(bytes(1), bytes(1)))));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Sets (empty sets are not supported); dynalite validations/index.js")
    void emptyStringSetIsRefused() {
        String t = table();
        assertValidation("One or more parameter values were invalid: An string set  may not be empty",
                () -> put(t, item("pk", "k", "v", AttributeValue.builder().ss(List.of()).build())));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Sets (empty sets are not supported); dynalite validations/index.js")
    void emptyNumberSetIsRefused() {
        String t = table();
        assertValidation("One or more parameter values were invalid: An number set  may not be empty",
                () -> put(t, item("pk", "k", "v", AttributeValue.builder().ns(List.of()).build())));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Sets (empty sets are not supported); dynalite validations/index.js")
    void emptyBinarySetIsRefused() {
        String t = table();
        assertValidation("One or more parameter values were invalid: Binary sets should not be empty",
                () -> put(t, item("pk", "k", "v", AttributeValue.builder().bs(List.<SdkBytes>of()).build())));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Sets (the order of the values within a set is not preserved)")
    void setsKeepTheirMembers() {
        String t = table();
        put(t, item("pk", "k", "strs", ss("b", "a", "c"), "nums", ns("3", "1.50", "2"), "bins", bs(bytes(2), bytes(1))));
        Map<String, AttributeValue> got = get(t, item("pk", "k"));
        assertEquals(Set.of("a", "b", "c"), stringSet(got.get("strs")));
        assertEquals(Set.of(new java.math.BigDecimal("1.5"), new java.math.BigDecimal("2"), new java.math.BigDecimal("3")),
                numberSet(got.get("nums")));
        Set<List<Byte>> bins = new HashSet<>();
        got.get("bins").bs().forEach(x -> bins.add(List.of(x.asByteArray()[0])));
        assertEquals(Set.of(List.of((byte) 1), List.of((byte) 2)), bins);
    }

    // ---- other values ----

    @Test
    @Source("API Reference: AttributeValue — NULL (Null attribute value types must have the value of true); dynalite validations/index.js")
    void nullFalseIsRefused() {
        String t = table();
        assertValidation("One or more parameter values were invalid: Null attribute value types must have the value of true",
                () -> put(t, item("pk", "k", "v", AttributeValue.builder().nul(false).build())));
    }

    @Test
    @Source("API Reference: AttributeValue — exactly one data type must be set; dynalite validations/index.js")
    void emptyAttributeValueIsRefused() {
        String t = table();
        assertValidation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
                () -> put(t, item("pk", "k", "v", AttributeValue.builder().build())));
    }

    @Test
    @Source("API Reference: AttributeValue — exactly one data type must be set; dynalite validations/index.js")
    void attributeValueWithTwoTypesIsRefused() {
        String t = table();
        assertValidation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
                () -> put(t, item("pk", "k", "v", AttributeValue.builder().s("a").n("1").build())));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Document types (nested lists and maps, up to 32 levels)")
    void nestedMapsAndListsRoundTrip() {
        AttributeValue doc = m(
                "name", "doc",
                "tags", l(s("a"), n("1"), bool(true), nul(), l(), m()),
                "deep", m("level2", m("level3", l(m("leaf", b(9, 8, 7))))),
                "empty", m());
        assertEquals(doc, roundTrip(doc));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Boolean and Null")
    void booleanAndNullRoundTrip() {
        String t = table();
        put(t, item("pk", "k", "yes", bool(true), "no", bool(false), "nothing", nul()));
        Map<String, AttributeValue> got = get(t, item("pk", "k"));
        assertEquals(true, got.get("yes").bool());
        assertEquals(false, got.get("no").bool());
        assertEquals(true, got.get("nothing").nul());
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Binary (binary attributes are base64-encoded on the wire)")
    void binaryRoundTripsEveryByte() {
        int[] all = new int[256];
        for (int i = 0; i < 256; i++) {
            all[i] = i;
        }
        assertEquals(b(all), roundTrip(b(all)));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — String (Unicode with UTF-8 binary encoding)")
    void unicodeStringsRoundTrip() {
        String text = "zoë — 東京 — \uD83D\uDE80";
        assertEquals(s(text), roundTrip(s(text)));
    }

    // ---- conditions and ReturnValuesOnConditionCheckFailure ----

    @Test
    @Source("Developer Guide: Condition expressions — Preventing overwrites of an existing item (attribute_not_exists)")
    void conditionalPutPreventsOverwrite() {
        String t = table();
        ddb.putItem(b -> b.tableName(t).item(item("pk", "a", "v", 1)).conditionExpression("attribute_not_exists(pk)"));
        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class,
                () -> ddb.putItem(b -> b.tableName(t).item(item("pk", "a", "v", 2)).conditionExpression("attribute_not_exists(pk)")));
        assertEquals("The conditional request failed", e.awsErrorDetails().errorMessage());
        assertEquals("1", get(t, item("pk", "a")).get("v").n());
    }

    @Test
    @Source("API Reference: PutItem — ReturnValuesOnConditionCheckFailure ALL_OLD (the item's attributes are returned in ConditionalCheckFailedException)")
    void failedPutReturnsTheExistingItem() {
        String t = table();
        put(t, item("pk", "a", "v", 1));
        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class,
                () -> ddb.putItem(b -> b.tableName(t).item(item("pk", "a", "v", 2)).conditionExpression("v = :two")
                        .expressionAttributeValues(Map.of(":two", n(2)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertEquals(item("pk", "a", "v", 1), e.item());
    }

    @Test
    @Source("API Reference: DeleteItem — ReturnValuesOnConditionCheckFailure ALL_OLD")
    void failedDeleteReturnsTheExistingItem() {
        String t = table();
        put(t, item("pk", "a", "v", 1, "w", "x"));
        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class,
                () -> ddb.deleteItem(b -> b.tableName(t).key(item("pk", "a")).conditionExpression("attribute_not_exists(v)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertEquals(item("pk", "a", "v", 1, "w", "x"), e.item());
        assertNotNull(get(t, item("pk", "a")));
    }

    @Test
    @Source("API Reference: PutItem — ReturnValuesOnConditionCheckFailure NONE (the default: nothing is returned)")
    void failedPutWithoutReturnValuesCarriesNoItem() {
        String t = table();
        put(t, item("pk", "a", "v", 1));
        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class,
                () -> ddb.putItem(b -> b.tableName(t).item(item("pk", "a")).conditionExpression("attribute_not_exists(pk)")));
        assertTrue(e.item() == null || e.item().isEmpty());
    }

    @Test
    @Source("API Reference: DeleteItem — ConditionExpression (the item is deleted only if the condition holds)")
    void conditionalDeleteDeletesWhenTheConditionHolds() {
        String t = table();
        put(t, item("pk", "a", "state", "done"));
        ddb.deleteItem(b -> b.tableName(t).key(item("pk", "a")).conditionExpression("#s = :d")
                .expressionAttributeNames(Map.of("#s", "state")).expressionAttributeValues(Map.of(":d", s("done"))));
        assertEquals(null, get(t, item("pk", "a")));
    }

    @Test
    @Source("Developer Guide: Condition expressions — a condition on a missing item is evaluated against an empty item")
    void conditionOnAMissingItemSeesNoAttributes() {
        String t = table();
        assertThrows(ConditionalCheckFailedException.class,
                () -> ddb.deleteItem(b -> b.tableName(t).key(item("pk", "none")).conditionExpression("attribute_exists(pk)")));
    }

    // ---- capacity ----

    @Test
    @Source("Developer Guide: Read/write capacity mode — one write request unit for an item up to 1 KB; API Reference: ConsumedCapacity")
    void putItemConsumesOneWriteUnitPerKilobyte() {
        String t = table();
        PutItemResponse r = ddb.putItem(b -> b.tableName(t).item(item("pk", "a", "v", "small"))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        ConsumedCapacity c = r.consumedCapacity();
        assertEquals(t, c.tableName());
        assertEquals(1.0, c.capacityUnits());
    }

    @Test
    @Source("Developer Guide: Read/write capacity mode — a strongly consistent read of up to 4 KB is one read unit, an eventually consistent read half of one")
    void getItemConsumesHalfAUnitWhenEventuallyConsistent() {
        String t = table();
        put(t, item("pk", "a", "v", "small"));
        ConsumedCapacity strong = ddb.getItem(b -> b.tableName(t).key(item("pk", "a")).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        ConsumedCapacity eventual = ddb.getItem(b -> b.tableName(t).key(item("pk", "a")).consistentRead(false)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertEquals(1.0, strong.capacityUnits());
        assertEquals(0.5, eventual.capacityUnits());
    }

    @Test
    @Source("Developer Guide: Item sizes and formats — an item's size is the sum of the lengths of its attribute names and values")
    void attributeNamesCountTowardsTheItemSize() {
        String t = table();
        String value = chars(400 * 1024 - 50);
        String longName = chars(100).replace('x', 'n');
        assertValidation("Item size has exceeded the maximum allowed size",
                () -> put(t, item("pk", "a", longName, value)));
        put(t, item("pk", "a", "v", value));
        assertNotNull(get(t, item("pk", "a")));
    }

    @Test
    @Source("Developer Guide: Using projection expressions — overlapping document paths are refused; dynalite db/projectionParser.js")
    void overlappingProjectionPathsAreRefused() {
        String t = table();
        put(t, item("pk", "a", "doc", m("x", 1)));
        assertValidation("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; "
                        + "path one: [doc], path two: [doc, x]",
                () -> ddb.getItem(b -> b.tableName(t).key(item("pk", "a")).projectionExpression("doc, doc.x")));
    }

    @Test
    @Source("Developer Guide: Using projection expressions — list elements by index (the projected list holds the selected elements in order)")
    void projectionOfSeveralListElements() {
        String t = table();
        put(t, item("pk", "a", "seq", l(s("zero"), s("one"), s("two"), s("three"))));
        GetItemResponse r = ddb.getItem(b -> b.tableName(t).key(item("pk", "a")).projectionExpression("seq[0], seq[2], seq[9]"));
        assertEquals(item("seq", l(s("zero"), s("two"))), r.item());
    }
}
