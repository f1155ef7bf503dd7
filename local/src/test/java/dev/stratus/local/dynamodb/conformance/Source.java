package dev.stratus.local.dynamodb.conformance;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where the behaviour a conformance test asserts is documented: a DynamoDB API Reference page
 * ("API Reference: PutItem — ReturnValues"), a Developer Guide page ("Developer Guide: Condition
 * expressions — ..."), the SDK model documentation, or, for the engine's own test features,
 * "stratus-local: ...". Every test method of this package carries one ({@link ConformanceSuiteTest}
 * checks).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Source {
    /** The documentation page (and section) the expectation comes from. */
    String value();
}
