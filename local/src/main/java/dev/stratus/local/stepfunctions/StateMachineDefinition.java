package dev.stratus.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A validated Amazon States Language definition, read as deployed: from the JSON text, or from a
 * CloudFormation template's {@code AWS::StepFunctions::StateMachine} resource exactly as CDK
 * synthesized it.
 *
 * <pre>{@code
 * Map<String, Object> template = Template.fromStack(stack).toJSON();       // aws-cdk-lib assertions
 * StateMachineDefinition saga = StateMachineDefinition.fromTemplate(template, "OrderSaga");
 * }</pre>
 *
 * <p>CDK writes the definition as {@code Fn::Join} over text and references; they are rendered as
 * stable placeholders in {@code Fn::Sub} syntax: {@code {"Ref": "PayLive1A2B3C"}} becomes
 * {@code ${PayLive1A2B3C}}, {@code {"Fn::GetAtt": ["PayFn4D5E6F", "Arn"]}} becomes
 * {@code ${PayFn4D5E6F.Arn}}; the pseudo parameters take fixed values ({@code AWS::Partition}
 * {@code aws}, {@code AWS::Region} {@code us-east-1}, {@code AWS::AccountId} {@code 123456789012},
 * {@code AWS::URLSuffix} {@code amazonaws.com}). {@link StateMachineExecutor#lambda} maps those
 * references to handlers.
 *
 * <p>Loading validates the definition as Step Functions does when it creates a state machine and
 * throws {@link InvalidDefinitionException} listing every problem; a valid definition that uses a
 * feature the executor does not implement throws {@link UnsupportedFeatureException}. Immutable.
 */
public final class StateMachineDefinition {
    /** Standard or Express, from the template's {@code StateMachineType} (Standard by default). */
    public enum Type {
        /** A Standard workflow. */
        STANDARD,
        /** An Express workflow. */
        EXPRESS
    }

    private static final String STATE_MACHINE = "AWS::StepFunctions::StateMachine";

    private final ObjectNode asl;
    private final String name;
    private final String logicalId;
    private final Type type;
    private final Map<String, String> resourceTypes;
    private final Map<String, String> functionTargets;
    private final Map<String, JsonNode> states;

    private StateMachineDefinition(JsonNode asl, String name, String logicalId, Type type,
            Map<String, String> resourceTypes, Map<String, String> functionTargets) {
        DefinitionValidator.Result result = DefinitionValidator.validate(asl, resourceTypes);
        if (!result.problems().isEmpty()) {
            throw new InvalidDefinitionException(result.problems());
        }
        if (!result.unsupported().isEmpty()) {
            throw new UnsupportedFeatureException(result.unsupported());
        }
        this.asl = (ObjectNode) asl.deepCopy();
        this.name = name;
        this.logicalId = logicalId;
        this.type = type;
        this.resourceTypes = Map.copyOf(resourceTypes);
        this.functionTargets = Map.copyOf(functionTargets);
        this.states = Collections.unmodifiableMap(new LinkedHashMap<>(result.states()));
    }

    /**
     * Reads a definition from its JSON text.
     *
     * @throws IllegalArgumentException if the text is not JSON
     * @throws InvalidDefinitionException if Step Functions would refuse it
     * @throws UnsupportedFeatureException if it uses what the executor does not implement
     */
    public static StateMachineDefinition fromJson(String asl) {
        Objects.requireNonNull(asl, "asl");
        return new StateMachineDefinition(Json.parse(asl), "StateMachine", null, Type.STANDARD, Map.of(), Map.of());
    }

    /**
     * Reads the definition of the only state machine in a synthesized template.
     *
     * @throws IllegalArgumentException if the template has no state machine or more than one
     */
    public static StateMachineDefinition fromTemplate(Map<String, ?> template) {
        return fromTemplate(template, "");
    }

    /**
     * Reads the definition of one state machine of a synthesized template (as
     * {@code Template.fromStack(stack).toJSON()} returns it, or parsed from {@code cdk.out}).
     *
     * @param logicalIdOrPrefix the state machine's logical id, or a prefix of it that only one state
     *     machine has (CDK appends a hash to construct paths: {@code "OrderSaga"} finds
     *     {@code OrderSagaStateMachine3F2C1A0B})
     * @throws IllegalArgumentException if no state machine, or more than one, matches
     */
    public static StateMachineDefinition fromTemplate(Map<String, ?> template, String logicalIdOrPrefix) {
        Objects.requireNonNull(template, "template");
        return fromTemplateNode(Json.MAPPER.valueToTree(template), logicalIdOrPrefix);
    }

    /** {@link #fromTemplate(Map, String)} for the template's JSON text (e.g. a {@code cdk.out} file). */
    public static StateMachineDefinition fromTemplateJson(String templateJson, String logicalIdOrPrefix) {
        Objects.requireNonNull(templateJson, "templateJson");
        return fromTemplateNode(Json.parse(templateJson), logicalIdOrPrefix);
    }

    private static StateMachineDefinition fromTemplateNode(JsonNode template, String logicalIdOrPrefix) {
        Objects.requireNonNull(logicalIdOrPrefix, "logicalIdOrPrefix");
        JsonNode resources = template.path("Resources");
        Map<String, String> types = new TreeMap<>();
        List<String> machines = new ArrayList<>();
        for (Map.Entry<String, JsonNode> resource : resources.properties()) {
            String type = resource.getValue().path("Type").asText();
            types.put(resource.getKey(), type);
            if (type.equals(STATE_MACHINE)) {
                machines.add(resource.getKey());
            }
        }
        if (machines.isEmpty()) {
            throw new IllegalArgumentException("The template has no " + STATE_MACHINE + " resource");
        }
        String id = pick(machines, logicalIdOrPrefix);
        JsonNode properties = resources.path(id).path("Properties");
        String where = "state machine " + id;
        TemplateRenderer renderer = new TemplateRenderer(where);
        if (properties.has("DefinitionS3Location")) {
            throw new UnsupportedFeatureException("a definition in S3 (DefinitionS3Location) for " + where
                    + ": synthesize it inline (DefinitionBody.fromChainable or fromString)");
        }
        JsonNode asl;
        if (properties.has("DefinitionString")) {
            String text = renderer.string(properties.get("DefinitionString"));
            text = renderer.substitute(text, properties.get("DefinitionSubstitutions"));
            asl = Json.parse(text);
        } else if (properties.has("Definition")) {
            String text = Json.write(renderer.renderTree(properties.get("Definition")));
            asl = Json.parse(renderer.substitute(text, properties.get("DefinitionSubstitutions")));
        } else {
            throw new IllegalArgumentException(where + " has neither DefinitionString nor Definition");
        }
        Type type = "EXPRESS".equals(properties.path("StateMachineType").asText()) ? Type.EXPRESS : Type.STANDARD;
        String name = properties.path("StateMachineName").isTextual() ? properties.get("StateMachineName").asText() : id;
        return new StateMachineDefinition(asl, name, id, type, types, functionTargets(resources));
    }

    private static String pick(List<String> machines, String wanted) {
        if (machines.contains(wanted)) {
            return wanted;
        }
        List<String> matches = machines.stream().filter(id -> id.startsWith(wanted)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("The template has " + machines.size() + " state machines " + machines
                    + "; name one with fromTemplate(template, logicalIdOrPrefix)");
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("No state machine in the template has the logical id or prefix '"
                    + wanted + "'; state machines: " + machines);
        }
        throw new IllegalArgumentException("The prefix '" + wanted + "' matches " + matches.size()
                + " state machines " + matches + "; give a longer prefix or the logical id");
    }

    /** Alias and version logical ids to the logical id of their function. */
    private static Map<String, String> functionTargets(JsonNode resources) {
        Map<String, String> targets = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> resource : resources.properties()) {
            String type = resource.getValue().path("Type").asText();
            if (type.equals("AWS::Lambda::Alias") || type.equals("AWS::Lambda::Version")) {
                JsonNode function = resource.getValue().path("Properties").path("FunctionName");
                String target = function.has("Ref") ? function.get("Ref").asText()
                        : function.has("Fn::GetAtt") ? function.get("Fn::GetAtt").path(0).asText() : null;
                if (target != null && !target.isEmpty()) {
                    targets.put(resource.getKey(), target);
                }
            }
        }
        return targets;
    }

    /** The rendered definition (a copy). */
    public JsonNode asl() {
        return asl.deepCopy();
    }

    /** The rendered definition as JSON text. */
    public String aslJson() {
        return Json.write(asl);
    }

    /**
     * The state machine's name: its literal {@code StateMachineName}, else its logical id, else
     * {@code StateMachine} for a definition read from JSON. Execution ARNs use it.
     */
    public String name() {
        return name;
    }

    /** The logical id in the template, if read from one. */
    public Optional<String> logicalId() {
        return Optional.ofNullable(logicalId);
    }

    /** Standard or Express. */
    public Type type() {
        return type;
    }

    /** The state the execution starts at. */
    public String startAt() {
        return asl.get("StartAt").asText();
    }

    /** The whole-execution timeout ({@code TimeoutSeconds}), if set. */
    public Optional<Duration> timeout() {
        return asl.has("TimeoutSeconds") ? Optional.of(Duration.ofSeconds(asl.get("TimeoutSeconds").asLong())) : Optional.empty();
    }

    /** Every state name, those inside Parallel branches and Map processors included. */
    public Set<String> stateNames() {
        return states.keySet();
    }

    /**
     * What each Task state invokes: its rendered {@code Resource}, or for
     * {@code arn:aws:states:::lambda:invoke} its {@code FunctionName} (e.g. {@code ${PayLive1A2B3C}}).
     * Useful to check that a test registered a handler for every task.
     */
    public Map<String, String> taskTargets() {
        Map<String, String> targets = new LinkedHashMap<>();
        states.forEach((stateName, state) -> {
            if ("Task".equals(state.path("Type").asText())) {
                String resource = state.get("Resource").asText();
                JsonNode function = state.path("Parameters").path("FunctionName");
                boolean invoke = Resources.classify(resource, resourceTypes) == Resources.Kind.LAMBDA_INVOKE;
                targets.put(stateName, invoke && function.isTextual() ? function.asText() : resource);
            }
        });
        return Collections.unmodifiableMap(targets);
    }

    JsonNode state(String stateName) {
        return states.get(stateName);
    }

    ObjectNode root() {
        return asl;
    }

    Map<String, String> resourceTypes() {
        return resourceTypes;
    }

    /** The function an alias or version belongs to, or null. */
    String functionOf(String logicalId) {
        return functionTargets.get(logicalId);
    }

    @Override
    public String toString() {
        return "StateMachineDefinition[" + name + ", " + type + ", " + states.size() + " states]";
    }
}
