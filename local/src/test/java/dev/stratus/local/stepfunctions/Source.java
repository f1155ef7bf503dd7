package dev.stratus.local.stepfunctions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where the behaviour a test asserts is documented: the Amazon States Language specification
 * ("ASL spec: Input and Output Processing"), a Step Functions Developer Guide page ("Developer
 * Guide: Error handling — Retry"), the CDK API, or, for the executor's own features, "stratus-local:
 * ...". Every test of this package carries one ({@link SourceTest} checks).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Source {
    String value();
}
