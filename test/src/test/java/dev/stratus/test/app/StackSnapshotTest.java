package dev.stratus.test.app;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stratus.stacks.StratusApp;
import dev.stratus.test.TemplateSnapshot;
import software.amazon.awscdk.assertions.Template;

/** One reviewed snapshot per stack of the reference app (update: -Dsnapshot.update=true). */
class StackSnapshotTest {
    static StratusApp.Stacks stacks;

    @BeforeAll
    static void synth() {
        stacks = ReferenceApp.stacks();
    }

    @Test
    void dataStack() {
        TemplateSnapshot.assertMatches(Template.fromStack(stacks.data()), "Data");
    }

    @Test
    void jobsStack() {
        TemplateSnapshot.assertMatches(Template.fromStack(stacks.jobs()), "Jobs");
    }

    @Test
    void eventsStack() {
        TemplateSnapshot.assertMatches(Template.fromStack(stacks.events()), "Events");
    }

    @Test
    void apiStack() {
        TemplateSnapshot.assertMatches(Template.fromStack(stacks.api()), "Api");
    }

    @Test
    void statsStack() {
        TemplateSnapshot.assertMatches(Template.fromStack(stacks.stats()), "Stats");
    }

    @Test
    void catalogStack() {
        TemplateSnapshot.assertMatches(Template.fromStack(stacks.catalog()), "Catalog");
    }
}
