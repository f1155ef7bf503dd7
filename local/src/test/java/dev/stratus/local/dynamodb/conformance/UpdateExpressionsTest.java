package dev.stratus.local.dynamodb.conformance;

import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidation;
import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidationContains;
import static dev.stratus.local.dynamodb.conformance.Fixtures.attr;
import static dev.stratus.local.dynamodb.conformance.Fixtures.chars;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hash;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hashRangeTable;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hashTable;
import static dev.stratus.local.dynamodb.conformance.Fixtures.item;
import static dev.stratus.local.dynamodb.conformance.Fixtures.l;
import static dev.stratus.local.dynamodb.conformance.Fixtures.m;
import static dev.stratus.local.dynamodb.conformance.Fixtures.n;
import static dev.stratus.local.dynamodb.conformance.Fixtures.ns;
import static dev.stratus.local.dynamodb.conformance.Fixtures.numberSet;
import static dev.stratus.local.dynamodb.conformance.Fixtures.payPerRequest;
import static dev.stratus.local.dynamodb.conformance.Fixtures.projection;
import static dev.stratus.local.dynamodb.conformance.Fixtures.s;
import static dev.stratus.local.dynamodb.conformance.Fixtures.ss;
import static dev.stratus.local.dynamodb.conformance.Fixtures.stringSet;
import static dev.stratus.local.dynamodb.conformance.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** UpdateItem: SET, REMOVE, ADD, DELETE, functions, return values and the errors of update expressions. */
class UpdateExpressionsTest {
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

    /** A fresh table holding {@code start} under key {@code pk = "k"}. */
    private static String tableWith(Map<String, AttributeValue> start) {
        String t = hashTable(ddb, unique("update"));
        if (start != null) {
            ddb.putItem(b -> b.tableName(t).item(start));
        }
        return t;
    }

    private static UpdateItemResponse update(String t, String expression, Map<String, AttributeValue> values) {
        return ddb.updateItem(b -> b.tableName(t).key(item("pk", "k")).updateExpression(expression)
                .expressionAttributeValues(values));
    }

    private static UpdateItemResponse update(String t, String expression, Map<String, String> names,
                                             Map<String, AttributeValue> values) {
        return ddb.updateItem(b -> b.tableName(t).key(item("pk", "k")).updateExpression(expression)
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }

    private static Map<String, AttributeValue> read(String t) {
        var r = ddb.getItem(b -> b.tableName(t).key(item("pk", "k")).consistentRead(true));
        return r.hasItem() ? r.item() : null;
    }

    // ---- SET ----

    @Test
    @Source("API Reference: UpdateItem — Edits an existing item's attributes, or adds a new item to the table if it does not already exist")
    void updateOfAMissingItemCreatesIt() {
        String t = tableWith(null);
        update(t, "SET a = :a", Map.of(":a", s("x")));
        assertEquals(item("pk", "k", "a", "x"), read(t));
    }

    @Test
    @Source("Developer Guide: Update expressions — SET (add or overwrite attributes)")
    void setAddsAndOverwritesAttributes() {
        String t = tableWith(item("pk", "k", "a", "old", "keep", "me"));
        update(t, "SET a = :a, b = :b", Map.of(":a", s("new"), ":b", n(2)));
        assertEquals(item("pk", "k", "a", "new", "keep", "me", "b", 2), read(t));
    }

    @Test
    @Source("Developer Guide: Update expressions — SET, Incrementing and decrementing numeric attributes (+)")
    void setIncrementsANumber() {
        String t = tableWith(item("pk", "k", "hits", 10));
        update(t, "SET hits = hits + :inc", Map.of(":inc", n(5)));
        assertEquals("15", read(t).get("hits").n());
    }

    @Test
    @Source("Developer Guide: Update expressions — SET, Incrementing and decrementing numeric attributes (-)")
    void setDecrementsANumber() {
        String t = tableWith(item("pk", "k", "hits", 10));
        update(t, "SET hits = hits - :dec", Map.of(":dec", n("2.5")));
        assertEquals("7.5", read(t).get("hits").n());
    }

    @Test
    @Source("Developer Guide: Update expressions — SET with if_not_exists (the attribute is missing: the value is used)")
    void ifNotExistsUsesTheValueWhenMissing() {
        String t = tableWith(item("pk", "k"));
        update(t, "SET hits = if_not_exists(hits, :zero) + :one", Map.of(":zero", n(0), ":one", n(1)));
        assertEquals("1", read(t).get("hits").n());
    }

    @Test
    @Source("Developer Guide: Update expressions — SET with if_not_exists (the attribute exists: it is kept)")
    void ifNotExistsKeepsAnExistingValue() {
        String t = tableWith(item("pk", "k", "hits", 41));
        update(t, "SET hits = if_not_exists(hits, :zero) + :one", Map.of(":zero", n(0), ":one", n(1)));
        assertEquals("42", read(t).get("hits").n());
        update(t, "SET earliest = if_not_exists(earliest, :v)", Map.of(":v", s("a")));
        update(t, "SET earliest = if_not_exists(earliest, :v)", Map.of(":v", s("b")));
        assertEquals("a", read(t).get("earliest").s());
    }

    @Test
    @Source("Developer Guide: Update expressions — SET, Appending elements to a list (list_append)")
    void listAppendAppends() {
        String t = tableWith(item("pk", "k", "tags", l(s("a"), s("b"))));
        update(t, "SET tags = list_append(tags, :more)", Map.of(":more", l(s("c"), s("d"))));
        assertEquals(l(s("a"), s("b"), s("c"), s("d")), read(t).get("tags"));
    }

    @Test
    @Source("Developer Guide: Update expressions — SET, Appending elements to a list (list_append with the operands swapped prepends)")
    void listAppendPrepends() {
        String t = tableWith(item("pk", "k", "tags", l(s("b"))));
        update(t, "SET tags = list_append(:front, tags)", Map.of(":front", l(s("a"))));
        assertEquals(l(s("a"), s("b")), read(t).get("tags"));
    }

    @Test
    @Source("Developer Guide: Update expressions — SET, Adding nested map attributes")
    void setWritesANestedMapAttribute() {
        String t = tableWith(item("pk", "k", "doc", m("keep", "k", "nested", m("x", 1))));
        update(t, "SET doc.nested.y = :y, doc.added = :a", Map.of(":y", n(2), ":a", s("new")));
        assertEquals(m("keep", "k", "nested", m("x", 1, "y", 2), "added", "new"), read(t).get("doc"));
    }

    @Test
    @Source("Developer Guide: Update expressions — SET, Modifying list elements (doc.list[1])")
    void setReplacesAListElement() {
        String t = tableWith(item("pk", "k", "seq", l(s("a"), s("b"), s("c"))));
        update(t, "SET seq[1] = :v", Map.of(":v", s("B")));
        assertEquals(l(s("a"), s("B"), s("c")), read(t).get("seq"));
    }

    @Test
    @Source("Developer Guide: Update expressions — SET, Adding elements to a list (an index past the end appends the element)")
    void setPastTheEndOfAListAppends() {
        String t = tableWith(item("pk", "k", "seq", l(s("a"), s("b"))));
        update(t, "SET seq[10] = :v", Map.of(":v", s("z")));
        assertEquals(l(s("a"), s("b"), s("z")), read(t).get("seq"));
    }

    @Test
    @Source("Developer Guide: Update expressions — document paths must exist up to the attribute being set; dynalite actions/updateItem.js")
    void setUnderAMissingMapIsRefused() {
        String t = tableWith(item("pk", "k"));
        assertValidation("The document path provided in the update expression is invalid for update",
                () -> update(t, "SET nowhere.deeper = :v", Map.of(":v", s("x"))));
    }

    @Test
    @Source("Developer Guide: Update expressions — Expression attribute names in update expressions (#name)")
    void setThroughNamePlaceholders() {
        String t = tableWith(item("pk", "k", "data", m("count", 1)));
        update(t, "SET #d.#c = #d.#c + :one", Map.of("#d", "data", "#c", "count"), Map.of(":one", n(1)));
        assertEquals(m("count", 2), read(t).get("data"));
    }

    // ---- REMOVE ----

    @Test
    @Source("Developer Guide: Update expressions — REMOVE (remove attributes from an item)")
    void removeDeletesAttributes() {
        String t = tableWith(item("pk", "k", "a", 1, "b", 2, "c", 3));
        update(t, "REMOVE a, c", null);
        assertEquals(item("pk", "k", "b", 2), read(t));
    }

    @Test
    @Source("Developer Guide: Update expressions — REMOVE, Removing nested map attributes")
    void removeDeletesANestedAttribute() {
        String t = tableWith(item("pk", "k", "doc", m("gone", 1, "stay", 2)));
        update(t, "REMOVE doc.gone", null);
        assertEquals(m("stay", 2), read(t).get("doc"));
    }

    @Test
    @Source("Developer Guide: Update expressions — REMOVE, Removing elements from a list (the following elements shift)")
    void removeDeletesListElementsAndShifts() {
        String t = tableWith(item("pk", "k", "seq", l(s("a"), s("b"), s("c"), s("d"), s("e"))));
        update(t, "REMOVE seq[1], seq[3]", null);
        assertEquals(l(s("a"), s("c"), s("e")), read(t).get("seq"));
    }

    @Test
    @Source("Developer Guide: Update expressions — REMOVE (removing an attribute that does not exist does nothing)")
    void removeOfAMissingAttributeIsANoOp() {
        String t = tableWith(item("pk", "k", "a", 1));
        update(t, "REMOVE nothere", null);
        assertEquals(item("pk", "k", "a", 1), read(t));
    }

    // ---- ADD and DELETE ----

    @Test
    @Source("Developer Guide: Update expressions — ADD, Adding a number (added to the existing value)")
    void addIncrementsANumber() {
        String t = tableWith(item("pk", "k", "hits", 5));
        update(t, "ADD hits :n", Map.of(":n", n(-7)));
        assertEquals("-2", read(t).get("hits").n());
    }

    @Test
    @Source("Developer Guide: Update expressions — ADD, Adding a number (if the attribute does not exist, 0 is used as the initial value)")
    void addToAMissingNumberStartsFromZero() {
        String t = tableWith(null);
        update(t, "ADD hits :n", Map.of(":n", n(3)));
        assertEquals(item("pk", "k", "hits", 3), read(t));
    }

    @Test
    @Source("Developer Guide: Update expressions — ADD, Adding elements to a set (set union)")
    void addUnitesSets() {
        String t = tableWith(item("pk", "k", "colors", ss("red", "blue")));
        update(t, "ADD colors :c", Map.of(":c", ss("blue", "green")));
        assertEquals(Set.of("red", "blue", "green"), stringSet(read(t).get("colors")));
    }

    @Test
    @Source("Developer Guide: Update expressions — ADD, Adding elements to a set (a missing set is created)")
    void addCreatesAMissingSet() {
        String t = tableWith(item("pk", "k"));
        update(t, "ADD nums :n", Map.of(":n", ns("1", "2")));
        assertEquals(Set.of(new BigDecimal("1"), new BigDecimal("2")), numberSet(read(t).get("nums")));
    }

    @Test
    @Source("Developer Guide: Update expressions — DELETE, Removing elements from a set")
    void deleteRemovesSetMembers() {
        String t = tableWith(item("pk", "k", "colors", ss("red", "blue", "green")));
        update(t, "DELETE colors :c", Map.of(":c", ss("blue", "purple")));
        assertEquals(Set.of("red", "green"), stringSet(read(t).get("colors")));
    }

    @Test
    @Source("Developer Guide: Supported data types — Sets (empty sets are not allowed: removing every member removes the attribute)")
    void deletingEveryMemberRemovesTheSet() {
        String t = tableWith(item("pk", "k", "nums", ns("1", "2")));
        update(t, "DELETE nums :n", Map.of(":n", ns("1", "2")));
        assertEquals(item("pk", "k"), read(t));
    }

    @Test
    @Source("Developer Guide: Update expressions — one expression may hold SET, REMOVE, ADD and DELETE clauses")
    void allFourClausesInOneExpression() {
        String t = tableWith(item("pk", "k", "gone", 1, "hits", 1, "colors", ss("red", "blue")));
        update(t, "SET fresh = :f REMOVE gone ADD hits :one DELETE colors :red",
                Map.of(":f", s("yes"), ":one", n(1), ":red", ss("red")));
        assertEquals(item("pk", "k", "fresh", "yes", "hits", 2, "colors", ss("blue")), read(t));
    }

    // ---- ReturnValues ----

    @Test
    @Source("API Reference: UpdateItem — ReturnValues NONE (the default)")
    void returnValuesNone() {
        String t = tableWith(item("pk", "k", "a", 1));
        UpdateItemResponse r = ddb.updateItem(b -> b.tableName(t).key(item("pk", "k")).updateExpression("SET a = :a")
                .expressionAttributeValues(Map.of(":a", n(2))).returnValues(ReturnValue.NONE));
        assertFalse(r.hasAttributes());
    }

    @Test
    @Source("API Reference: UpdateItem — ReturnValues ALL_OLD (all of the attributes, as they appeared before the update)")
    void returnValuesAllOld() {
        String t = tableWith(item("pk", "k", "a", 1, "b", 1));
        UpdateItemResponse r = ddb.updateItem(b -> b.tableName(t).key(item("pk", "k")).updateExpression("SET a = :a")
                .expressionAttributeValues(Map.of(":a", n(2))).returnValues(ReturnValue.ALL_OLD));
        assertEquals(item("pk", "k", "a", 1, "b", 1), r.attributes());
    }

    @Test
    @Source("API Reference: UpdateItem — ReturnValues UPDATED_OLD (only the updated attributes, as they appeared before the update)")
    void returnValuesUpdatedOld() {
        String t = tableWith(item("pk", "k", "a", 1, "b", 1));
        UpdateItemResponse r = ddb.updateItem(b -> b.tableName(t).key(item("pk", "k")).updateExpression("SET a = :a")
                .expressionAttributeValues(Map.of(":a", n(2))).returnValues(ReturnValue.UPDATED_OLD));
        assertEquals(item("a", 1), r.attributes());
    }

    @Test
    @Source("API Reference: UpdateItem — ReturnValues ALL_NEW (all of the attributes, as they appear after the update)")
    void returnValuesAllNew() {
        String t = tableWith(item("pk", "k", "a", 1, "b", 1));
        UpdateItemResponse r = ddb.updateItem(b -> b.tableName(t).key(item("pk", "k")).updateExpression("SET a = :a")
                .expressionAttributeValues(Map.of(":a", n(2))).returnValues(ReturnValue.ALL_NEW));
        assertEquals(item("pk", "k", "a", 2, "b", 1), r.attributes());
    }

    @Test
    @Source("API Reference: UpdateItem — ReturnValues UPDATED_NEW (only the updated attributes, as they appear after the update)")
    void returnValuesUpdatedNew() {
        String t = tableWith(item("pk", "k", "a", 1, "b", 1));
        UpdateItemResponse r = ddb.updateItem(b -> b.tableName(t).key(item("pk", "k")).updateExpression("SET a = :a, c = :c")
                .expressionAttributeValues(Map.of(":a", n(2), ":c", s("new"))).returnValues(ReturnValue.UPDATED_NEW));
        assertEquals(item("a", 2, "c", "new"), r.attributes());
    }

    @Test
    @Source("API Reference: UpdateItem — ReturnValuesOnConditionCheckFailure ALL_OLD (the item is returned in ConditionalCheckFailedException)")
    void failedConditionalUpdateReturnsTheItem() {
        String t = tableWith(item("pk", "k", "version", 3));
        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class,
                () -> ddb.updateItem(b -> b.tableName(t).key(item("pk", "k")).updateExpression("SET version = :next")
                        .conditionExpression("version = :expected")
                        .expressionAttributeValues(Map.of(":next", n(2), ":expected", n(1)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertEquals(item("pk", "k", "version", 3), e.item());
        assertEquals("3", read(t).get("version").n());
    }

    @Test
    @Source("Developer Guide: Condition expressions — attribute_exists(pk) stops UpdateItem from creating an item")
    void conditionPreventsUpsert() {
        String t = tableWith(null);
        assertThrows(ConditionalCheckFailedException.class,
                () -> ddb.updateItem(b -> b.tableName(t).key(item("pk", "k")).updateExpression("SET a = :a")
                        .conditionExpression("attribute_exists(pk)").expressionAttributeValues(Map.of(":a", n(1)))));
        assertNull(read(t));
    }

    // ---- errors ----

    @Test
    @Source("API Reference: UpdateItem — key attributes cannot be updated; dynalite db/index.js")
    void updatingAKeyAttributeIsRefused() {
        String t = tableWith(item("pk", "k"));
        assertValidation("One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key",
                () -> update(t, "SET pk = :v", Map.of(":v", s("other"))));
    }

    @Test
    @Source("API Reference: UpdateItem — key attributes cannot be updated (sort key); dynalite db/index.js")
    void updatingASortKeyAttributeIsRefused() {
        String t = hashRangeTable(ddb, unique("hr"), ScalarAttributeType.S);
        assertValidation("One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key",
                () -> ddb.updateItem(b -> b.tableName(t).key(item("pk", "a", "sk", "b")).updateExpression("REMOVE sk")));
    }

    @Test
    @Source("Developer Guide: Update expressions — a path may appear once (overlapping paths); dynalite db/updateParser.js")
    void sameAttributeTwiceIsRefused() {
        String t = tableWith(item("pk", "k"));
        assertValidation("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; "
                        + "path one: [a], path two: [a]",
                () -> update(t, "SET a = :x REMOVE a", Map.of(":x", n(1))));
    }

    @Test
    @Source("Developer Guide: Update expressions — overlapping document paths (a parent and its child); dynalite db/updateParser.js")
    void parentAndChildPathsAreRefused() {
        String t = tableWith(item("pk", "k"));
        assertValidation("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; "
                        + "path one: [doc], path two: [doc, nested]",
                () -> update(t, "SET doc = :x, doc.nested = :y", Map.of(":x", m(), ":y", n(1))));
    }

    @Test
    @Source("Developer Guide: Update expressions — conflicting document paths (a list index and a map key on one attribute); dynalite db/updateParser.js")
    void conflictingPathsAreRefused() {
        String t = tableWith(item("pk", "k"));
        assertValidationContains("Two document paths conflict with each other; must remove or rewrite one of these paths",
                () -> update(t, "SET seq[0] = :x, seq.field = :y", Map.of(":x", n(1), ":y", n(2))));
    }

    @Test
    @Source("Developer Guide: Update expressions — each clause (SET, REMOVE, ADD, DELETE) may appear once; dynalite db/updateParser.js")
    void repeatedClauseIsRefused() {
        String t = tableWith(item("pk", "k"));
        assertValidation("Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;",
                () -> update(t, "SET a = :x SET b = :y", Map.of(":x", n(1), ":y", n(2))));
    }

    @Test
    @Source("Developer Guide: Update expressions — ADD supports only numbers and sets; dynalite db/updateParser.js")
    void addOfAStringIsRefused() {
        String t = tableWith(item("pk", "k"));
        assertValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING",
                () -> update(t, "ADD a :s", Map.of(":s", s("text"))));
    }

    @Test
    @Source("Developer Guide: Update expressions — DELETE supports only sets; dynalite db/updateParser.js")
    void deleteOfANumberIsRefused() {
        String t = tableWith(item("pk", "k"));
        assertValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER",
                () -> update(t, "DELETE a :n", Map.of(":n", n(1))));
    }

    @Test
    @Source("Developer Guide: Update expressions — ADD to an existing attribute of another type; dynalite actions/updateItem.js")
    void addToAStringAttributeIsRefused() {
        String t = tableWith(item("pk", "k", "a", "text"));
        assertValidation("An operand in the update expression has an incorrect data type",
                () -> update(t, "ADD a :n", Map.of(":n", n(1))));
    }

    @Test
    @Source("Developer Guide: Update expressions — arithmetic needs numbers (+ on a string attribute); dynalite actions/updateItem.js")
    void arithmeticOnAStringAttributeIsRefused() {
        String t = tableWith(item("pk", "k", "a", "text"));
        assertValidation("An operand in the update expression has an incorrect data type",
                () -> update(t, "SET a = a + :n", Map.of(":n", n(1))));
    }

    @Test
    @Source("Developer Guide: Update expressions — arithmetic needs numbers (+ with a string value); dynalite db/updateParser.js")
    void arithmeticWithAStringValueIsRefused() {
        String t = tableWith(item("pk", "k", "a", 1));
        assertValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S",
                () -> update(t, "SET a = a + :s", Map.of(":s", s("1"))));
    }

    @Test
    @Source("Developer Guide: Update expressions — list_append takes two lists; dynalite db/updateParser.js")
    void listAppendOfANonListIsRefused() {
        String t = tableWith(item("pk", "k", "seq", l()));
        assertValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S",
                () -> update(t, "SET seq = list_append(seq, :s)", Map.of(":s", s("x"))));
    }

    @Test
    @Source("Developer Guide: Update expressions — if_not_exists(path, value) takes a document path first; dynalite db/updateParser.js")
    void ifNotExistsWithoutAPathIsRefused() {
        String t = tableWith(item("pk", "k"));
        assertValidation("Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists",
                () -> update(t, "SET a = if_not_exists(:v, :v)", Map.of(":v", n(1))));
    }

    @Test
    @Source("Developer Guide: Update expressions — the functions of SET (if_not_exists, list_append); dynalite db/updateParser.js")
    void unknownUpdateFunctionIsRefused() {
        String t = tableWith(item("pk", "k"));
        assertValidation("Invalid UpdateExpression: Invalid function name; function: upper",
                () -> update(t, "SET a = upper(:v)", Map.of(":v", s("x"))));
    }

    @Test
    @Source("Developer Guide: Reserved words in DynamoDB (in an update expression)")
    void reservedWordInUpdateIsRefused() {
        String t = tableWith(item("pk", "k"));
        assertValidation("Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: data",
                () -> update(t, "SET data = :v", Map.of(":v", s("x"))));
    }

    @Test
    @Source("Developer Guide: Update expressions — undefined expression attribute values; dynalite db/updateParser.js")
    void undefinedValueInUpdateIsRefused() {
        String t = tableWith(item("pk", "k"));
        assertValidation("Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :missingvalue",
                () -> update(t, "SET a = :missingvalue", Map.of(":other", s("x"))));
    }

    @Test
    @Source("Developer Guide: Update expressions — syntax (SET needs an = and a value)")
    void updateSyntaxErrorIsRefused() {
        String t = tableWith(item("pk", "k"));
        assertValidationContains("Invalid UpdateExpression: Syntax error; token: ",
                () -> update(t, "SET a", null));
    }

    @Test
    @Source("Developer Guide: Service, account, and table quotas — Item size (400 KB) applies to the updated item; dynalite actions/updateItem.js")
    void updateBeyondTheItemSizeIsRefused() {
        String t = tableWith(item("pk", "k", "one", chars(300 * 1024)));
        assertValidation("Item size to update has exceeded the maximum allowed size",
                () -> update(t, "SET two = :big", Map.of(":big", s(chars(200 * 1024)))));
    }

    @Test
    @Source("API Reference: UpdateItem — an index key attribute must keep the index key type; dynalite db/index.js")
    void updateOfIndexKeyToAnotherTypeIsRefused() {
        String t = unique("idxupd");
        ddb.createTable(payPerRequest(t)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("gk", ScalarAttributeType.S))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("gsi").keySchema(hash("gk"))
                        .projection(projection(ProjectionType.ALL)).build())
                .build());
        assertValidation("One or more parameter values were invalid: Type mismatch for Index Key gk Expected: S Actual: N IndexName: gsi",
                () -> update(t, "SET gk = :n", Map.of(":n", n(1))));
    }

    @Test
    @Source("API Reference: UpdateItem — a condition and an update in one request (optimistic locking with a version number)")
    void optimisticLockingWithAVersionNumber() {
        String t = tableWith(item("pk", "k", "version", 1, "v", "a"));
        UpdateItemRequest bump = UpdateItemRequest.builder().tableName(t).key(item("pk", "k"))
                .updateExpression("SET v = :v, version = version + :one").conditionExpression("version = :expected")
                .expressionAttributeValues(Map.of(":v", s("b"), ":one", n(1), ":expected", n(1))).build();
        ddb.updateItem(bump);
        assertThrows(ConditionalCheckFailedException.class, () -> ddb.updateItem(bump));
        assertEquals(item("pk", "k", "version", 2, "v", "b"), read(t));
    }

    @Test
    @Source("Developer Guide: Update expressions — SET operands must exist (use if_not_exists for a missing attribute)")
    void arithmeticOnAMissingAttributeIsRefused() {
        String t = tableWith(item("pk", "k"));
        assertValidation("The provided expression refers to an attribute that does not exist in the item",
                () -> update(t, "SET a = nothere + :one", Map.of(":one", n(1))));
    }

    @Test
    @Source("Developer Guide: Update expressions — list_append on a missing list needs if_not_exists")
    void listAppendToAMissingListIsRefused() {
        String t = tableWith(item("pk", "k"));
        assertValidation("The provided expression refers to an attribute that does not exist in the item",
                () -> update(t, "SET seq = list_append(seq, :x)", Map.of(":x", l(s("a")))));
    }

    @Test
    @Source("Developer Guide: Update expressions — list_append(if_not_exists(list, :empty), :values) starts a missing list")
    void listAppendWithIfNotExistsStartsAMissingList() {
        String t = tableWith(item("pk", "k"));
        update(t, "SET seq = list_append(if_not_exists(seq, :empty), :x)", Map.of(":empty", l(), ":x", l(s("a"))));
        update(t, "SET seq = list_append(if_not_exists(seq, :empty), :x)", Map.of(":empty", l(), ":x", l(s("b"))));
        assertEquals(l(s("a"), s("b")), read(t).get("seq"));
    }

    @Test
    @Source("Developer Guide: Update expressions — ADD of a set needs a set of the same type; dynalite actions/updateItem.js")
    void addOfASetOfAnotherTypeIsRefused() {
        String t = tableWith(item("pk", "k", "colors", ss("red")));
        assertValidation("An operand in the update expression has an incorrect data type",
                () -> update(t, "ADD colors :n", Map.of(":n", ns("1"))));
    }

    @Test
    @Source("Developer Guide: Update expressions — DELETE, Removing elements from a set (number sets)")
    void deleteRemovesNumberSetMembers() {
        String t = tableWith(item("pk", "k", "nums", ns("1", "2", "3")));
        update(t, "DELETE nums :n", Map.of(":n", ns("2.0")));
        assertEquals(Set.of(new BigDecimal("1"), new BigDecimal("3")), numberSet(read(t).get("nums")));
    }

    @Test
    @Source("Developer Guide: Update expressions — a list index on an attribute that is not a list; dynalite actions/updateItem.js")
    void listIndexOnANonListIsRefused() {
        String t = tableWith(item("pk", "k", "a", "text"));
        assertValidation("The document path provided in the update expression is invalid for update",
                () -> update(t, "SET a[0] = :v", Map.of(":v", s("x"))));
    }

    @Test
    @Source("Developer Guide: Supported data types — Number (numbers are exact decimals, so 0.1 + 0.2 is 0.3)")
    void decimalArithmeticIsExact() {
        String t = tableWith(item("pk", "k", "v", n("0.1")));
        update(t, "SET v = v + :x", Map.of(":x", n("0.2")));
        assertEquals("0.3", read(t).get("v").n());
        update(t, "ADD v :y", Map.of(":y", n("-0.3")));
        assertEquals("0", read(t).get("v").n());
    }

    @Test
    @Source("API Reference: UpdateItem — ReturnValues UPDATED_NEW (only the updated attributes: a nested SET returns its path)")
    void updatedNewOfANestedSetReturnsThePath() {
        String t = tableWith(item("pk", "k", "doc", m("a", 1, "b", 2), "other", 3));
        UpdateItemResponse r = ddb.updateItem(b -> b.tableName(t).key(item("pk", "k")).updateExpression("SET doc.a = :x")
                .expressionAttributeValues(Map.of(":x", n(10))).returnValues(ReturnValue.UPDATED_NEW));
        assertEquals(item("doc", m("a", 10)), r.attributes());
    }

    @Test
    @Source("API Reference: UpdateItem — ReturnValues UPDATED_OLD (a removed attribute is returned as it was)")
    void updatedOldOfARemoveReturnsTheRemovedValue() {
        String t = tableWith(item("pk", "k", "gone", "bye", "stay", 1));
        UpdateItemResponse r = ddb.updateItem(b -> b.tableName(t).key(item("pk", "k")).updateExpression("REMOVE gone")
                .returnValues(ReturnValue.UPDATED_OLD));
        assertEquals(item("gone", "bye"), r.attributes());
    }

    @Test
    @Source("API Reference: UpdateItem — ReturnValues ALL_NEW after REMOVE (the item as it is after the update)")
    void allNewAfterARemove() {
        String t = tableWith(item("pk", "k", "gone", "bye", "stay", 1));
        UpdateItemResponse r = ddb.updateItem(b -> b.tableName(t).key(item("pk", "k")).updateExpression("REMOVE gone")
                .returnValues(ReturnValue.ALL_NEW));
        assertEquals(item("pk", "k", "stay", 1), r.attributes());
    }
}
