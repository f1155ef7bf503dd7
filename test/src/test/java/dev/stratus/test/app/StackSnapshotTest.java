package dev.stratus.test.app;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.stratus.test.TemplateSnapshot;
import software.amazon.awscdk.assertions.Template;

/**
 * One reviewed snapshot per stack of each stage of the reference app, {@code snapshots/Dev/Data.json}
 * to {@code snapshots/Prod/Catalog.json} (update: -Dsnapshot.update=true).
 */
class StackSnapshotTest {
    static List<String> stacks() {
        return List.copyOf(ReferenceApp.templates().keySet());
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void stackMatchesItsSnapshot(String stack) {
        TemplateSnapshot.assertMatches(Template.fromJSON(ReferenceApp.templates().get(stack)), stack);
    }
}
