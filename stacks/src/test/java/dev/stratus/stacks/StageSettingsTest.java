package dev.stratus.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/** What cdk.json's {@code stages} and {@code -c stage=...} select. */
class StageSettingsTest {
    static App app(Map<String, Object> context) {
        return new App(AppProps.builder().context(context).build());
    }

    static final Map<String, Object> STAGES = Map.of("stages", Map.of(
            "qa", Map.of("deployment", "linear", "logRetentionDays", 90, "alarmNotifications", true,
                    "alarmEmail", "oncall@example.com", "account", "333333333333", "region", "eu-west-1")));

    @Test
    void withoutContextTheAppHasADevAndAProdStage() {
        List<StageSettings> stages = StageSettings.selected(app(Map.of()).getNode());
        assertEquals(List.of("dev", "prod"), stages.stream().map(StageSettings::name).toList());
        assertEquals(new StageSettings("dev", "all-at-once", false, 30, false, null, null, null), stages.get(0));
        assertEquals(new StageSettings("prod", "canary", true, 365, true, null, null, null), stages.get(1));
        assertEquals("Deployment[canary: 10% for 5 minutes, then 100%]", stages.get(1).functionDeployment().toString());
        assertEquals("Deployment[all at once]", stages.get(0).functionDeployment().toString());
    }

    @Test
    void theStagesOfCdkJsonAndTheOneStageTheCommandLineNames() {
        List<StageSettings> stages = StageSettings.selected(app(STAGES).getNode());
        assertEquals(List.of(new StageSettings("qa", "linear", false, 90, true, "oncall@example.com", "333333333333", "eu-west-1")), stages);
        AppConfig qa = AppConfig.from(app(STAGES).getNode(), Map.of("CDK_DEFAULT_ACCOUNT", "111111111111")::get, stages.get(0));
        assertEquals("333333333333", qa.account());
        assertEquals("eu-west-1", qa.region());
        assertEquals("Stratus-qa-Data", qa.stackName("Data"));
        assertEquals(List.of("prod"), StageSettings.selected(app(Map.of("stage", "prod")).getNode()).stream().map(StageSettings::name).toList());
        AppConfig prod = AppConfig.from(app(Map.of()).getNode(), Map.of("CDK_DEFAULT_ACCOUNT", "111111111111")::get,
                StageSettings.DEFAULTS.get("prod"));
        assertEquals("111111111111", prod.account());
        assertNull(AppConfig.from(app(Map.of()).getNode(), name -> null, StageSettings.DEFAULTS.get("prod")).account());
    }

    @Test
    void failsWhenTheCommandLineNamesAStageCdkJsonDoesNotHave() {
        Map<String, Object> context = new java.util.HashMap<>(STAGES);
        context.put("stage", "prod");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StageSettings.selected(app(context).getNode()));
        assertEquals("context 'stage' names 'prod', which is not one of the stages of context 'stages' [qa]; add it to cdk.json's "
                + "stages (with its deployment, terminationProtection, logRetentionDays and alarmNotifications) or leave -c stage "
                + "out to synthesize every stage", e.getMessage());
    }

    @Test
    void failsWhenAStageIsMisconfigured() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StageSettings.selected(app(Map.of("stages",
                Map.of("dev", Map.of("deployment", "blue-green", "logRetentionDays", 31, "alarmEmail", "nobody")))).getNode()));
        assertEquals("context 'stages' entry 'dev': deployment must be one of all-at-once, canary, linear, none, but was "
                + "'blue-green'; logRetentionDays must be one of CloudWatch Logs' retentions [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, "
                + "180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], but was 31; alarmEmail must be an e-mail "
                + "address, but was 'nobody'; alarmEmail needs alarmNotifications true: without notifications nothing is sent to it",
                e.getMessage());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> StageSettings.selected(app(Map.of("stages",
                Map.of("dev", Map.of("terminationProtecion", true)))).getNode()));
        assertEquals("context 'stages' entry 'dev' has 'terminationProtecion', which is not one of [account, alarmEmail, "
                + "alarmNotifications, deployment, logRetentionDays, region, terminationProtection]", typo.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class, () -> StageSettings.selected(app(Map.of("stages",
                Map.of("dev", Map.of("terminationProtection", "yes")))).getNode()));
        assertEquals("context 'stages' entry 'dev': terminationProtection must be true or false, but was yes", text.getMessage());
    }
}
