package dev.stratus.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a definition as Step Functions does when a state machine is created (structure, fields,
 * transitions, reachability, paths, payload templates, Choice Rules, retriers and catchers) and
 * lists what the local executor does not implement. Problems name the state and the field.
 */
final class DefinitionValidator {
    static final int MAX_STATE_NAME_LENGTH = 80;
    static final long MAX_SECONDS = 99_999_999L;
    static final long MAX_DELAY_SECONDS = 31_622_400L;

    private static final Set<String> TYPES = Set.of("Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map");

    private static final Set<String> IO = Set.of("InputPath", "OutputPath");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "Pass", union(IO, "Next", "End", "ResultPath", "Parameters", "Result"),
            "Task", union(IO, "Next", "End", "ResultPath", "Parameters", "ResultSelector", "Retry", "Catch",
                    "Resource", "TimeoutSeconds", "TimeoutSecondsPath"),
            "Choice", union(IO, "Choices", "Default"),
            "Wait", union(IO, "Next", "End", "Seconds", "Timestamp", "SecondsPath", "TimestampPath"),
            "Succeed", union(IO),
            "Fail", union(Set.of(), "Error", "Cause", "ErrorPath", "CausePath"),
            "Parallel", union(IO, "Branches", "Next", "End", "ResultPath", "Parameters", "ResultSelector", "Retry", "Catch"),
            "Map", union(IO, "ItemProcessor", "Iterator", "ItemsPath", "ItemSelector", "Parameters", "MaxConcurrency",
                    "MaxConcurrencyPath", "Next", "End", "ResultPath", "ResultSelector", "Retry", "Catch"));

    /** Valid in the States Language, not implemented here: refused by name. */
    private static final Map<String, String> UNSUPPORTED_FIELDS = Map.ofEntries(
            Map.entry("Assign", "workflow variables (Assign)"),
            Map.entry("Arguments", "JSONata (Arguments)"),
            Map.entry("Output", "JSONata (Output)"),
            Map.entry("Items", "JSONata (Items)"),
            Map.entry("Credentials", "cross-account task Credentials"),
            Map.entry("HeartbeatSeconds", "HeartbeatSeconds (task heartbeats)"),
            Map.entry("HeartbeatSecondsPath", "HeartbeatSecondsPath (task heartbeats)"),
            Map.entry("ItemReader", "Distributed Map (ItemReader)"),
            Map.entry("ItemBatcher", "Distributed Map (ItemBatcher)"),
            Map.entry("ResultWriter", "Distributed Map (ResultWriter)"),
            Map.entry("ToleratedFailurePercentage", "Distributed Map (ToleratedFailurePercentage)"),
            Map.entry("ToleratedFailurePercentagePath", "Distributed Map (ToleratedFailurePercentagePath)"),
            Map.entry("ToleratedFailureCount", "Distributed Map (ToleratedFailureCount)"),
            Map.entry("ToleratedFailureCountPath", "Distributed Map (ToleratedFailureCountPath)"),
            Map.entry("Label", "Distributed Map (Label)"));

    static final Set<String> PREDEFINED_ERRORS = Set.of("States.ALL", "States.DataLimitExceeded",
            "States.ExceedToleratedFailureThreshold", "States.HeartbeatTimeout", "States.Http.Socket",
            "States.Http.StatusCodeFailure", "States.IntrinsicFailure", "States.ItemReaderFailed",
            "States.NoChoiceMatched", "States.ParameterPathFailure", "States.Permissions",
            "States.ResultPathMatchFailure", "States.ResultWriterFailed", "States.Runtime", "States.TaskFailed",
            "States.Timeout", "States.BranchFailed", "States.QueryEvaluationError");

    private final List<String> problems = new ArrayList<>();
    private final List<String> unsupported = new ArrayList<>();
    private final Map<String, JsonNode> states = new LinkedHashMap<>();
    private final Map<String, String> activityIds;

    private DefinitionValidator(Map<String, String> resourceTypes) {
        this.activityIds = resourceTypes;
    }

    /** The outcome: problems (refusal), unsupported features, and every state by name. */
    record Result(List<String> problems, List<String> unsupported, Map<String, JsonNode> states) {
    }

    static Result validate(JsonNode definition, Map<String, String> resourceTypes) {
        DefinitionValidator validator = new DefinitionValidator(resourceTypes);
        validator.machine(definition);
        return new Result(List.copyOf(validator.problems), List.copyOf(validator.unsupported),
                validator.states);
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.add("Type");
        all.add("Comment");
        all.add("QueryLanguage");
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }

    private void machine(JsonNode definition) {
        if (!definition.isObject()) {
            problems.add("The definition must be a JSON object, but is " + Json.typeOf(definition));
            return;
        }
        queryLanguage(definition, "The definition");
        for (Iterator<String> it = definition.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage").contains(field)) {
                problems.add("The definition: field '" + field + "' is not a top-level field of the States Language");
            }
        }
        if (definition.has("Version") && !"1.0".equals(definition.get("Version").asText())) {
            problems.add("The definition: field 'Version' must be \"1.0\", but is " + definition.get("Version"));
        }
        if (definition.has("TimeoutSeconds")) {
            positiveSeconds(definition.get("TimeoutSeconds"), "The definition: field 'TimeoutSeconds'");
        }
        scope(definition, "The definition");
    }

    private void queryLanguage(JsonNode node, String where) {
        JsonNode language = node.get("QueryLanguage");
        if (language == null) {
            return;
        }
        if ("JSONata".equals(language.asText())) {
            unsupported.add("JSONata (QueryLanguage JSONata) in " + where.replace("The definition", "the definition")
                    .replace("State '", "state '"));
        } else if (!"JSONPath".equals(language.asText())) {
            problems.add(where + ": field 'QueryLanguage' must be JSONPath or JSONata, but is " + language);
        }
    }

    /** A set of states with its StartAt: the machine, a Parallel branch, a Map's processor. */
    private void scope(JsonNode scope, String where) {
        JsonNode startAt = scope.get("StartAt");
        JsonNode children = scope.get("States");
        if (startAt == null || !startAt.isTextual()) {
            problems.add(where + ": field 'StartAt' is required and must be a state name");
        }
        if (children == null || !children.isObject() || children.isEmpty()) {
            problems.add(where + ": field 'States' is required and must be a non-empty object of states");
            return;
        }
        Set<String> names = new HashSet<>();
        children.fieldNames().forEachRemaining(names::add);
        if (startAt != null && startAt.isTextual() && !names.contains(startAt.asText())) {
            problems.add(where + ": field 'StartAt' names state '" + startAt.asText() + "', which does not exist (MISSING_TRANSITION_TARGET)");
        }
        boolean terminal = false;
        for (Map.Entry<String, JsonNode> entry : children.properties()) {
            terminal |= state(entry.getKey(), entry.getValue(), names);
        }
        if (!terminal) {
            problems.add(where + " has no terminal state: at least one state must be a Succeed or Fail state or have \"End\": true"
                    + " (MISSING_END_STATE)");
        }
        if (startAt != null && startAt.isTextual() && names.contains(startAt.asText())) {
            reachability(startAt.asText(), children, where);
        }
    }

    private void reachability(String startAt, JsonNode children, String where) {
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(startAt));
        while (!queue.isEmpty()) {
            String name = queue.pop();
            JsonNode state = children.get(name);
            if (state == null || !seen.add(name)) {
                continue;
            }
            if (state.path("Next").isTextual()) {
                queue.add(state.get("Next").asText());
            }
            if (state.path("Default").isTextual()) {
                queue.add(state.get("Default").asText());
            }
            for (JsonNode rule : state.path("Choices")) {
                if (rule.path("Next").isTextual()) {
                    queue.add(rule.get("Next").asText());
                }
            }
            for (JsonNode catcher : state.path("Catch")) {
                if (catcher.path("Next").isTextual()) {
                    queue.add(catcher.get("Next").asText());
                }
            }
        }
        children.fieldNames().forEachRemaining(name -> {
            if (!seen.contains(name)) {
                problems.add("State '" + name + "' is not reachable from '" + startAt + "' in "
                        + where.toLowerCase(java.util.Locale.ROOT) + " (MISSING_TRANSITION_TARGET)");
            }
        });
    }

    /** Checks one state; returns whether it is terminal. */
    private boolean state(String name, JsonNode state, Set<String> siblings) {
        String at = "State '" + name + "'";
        if (states.containsKey(name)) {
            problems.add(at + ": the name is used more than once; state names must be unique in the whole state machine, branches and iterators included");
        }
        states.put(name, state);
        if (name.length() > MAX_STATE_NAME_LENGTH) {
            problems.add(at + ": the name has " + name.length() + " characters; at most " + MAX_STATE_NAME_LENGTH + " are allowed");
        }
        if (!state.isObject()) {
            problems.add(at + " must be a JSON object, but is " + Json.typeOf(state));
            return false;
        }
        JsonNode typeNode = state.get("Type");
        String type = typeNode == null ? null : typeNode.asText();
        if (type == null || !TYPES.contains(type)) {
            problems.add(at + ": field 'Type' must be one of " + new java.util.TreeSet<>(TYPES) + ", but is "
                    + (typeNode == null ? "missing" : typeNode.toString()));
            return false;
        }
        queryLanguage(state, at);
        Set<String> allowed = FIELDS.get(type);
        for (Iterator<String> it = state.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (allowed.contains(field)) {
                continue;
            }
            String feature = UNSUPPORTED_FIELDS.get(field);
            if (feature != null) {
                unsupported.add(feature + " in state '" + name + "'");
            } else {
                problems.add(at + ": field '" + field + "' is not valid for a " + type + " state");
            }
        }
        boolean terminal = transitions(name, type, state, siblings);
        paths(at, state);
        switch (type) {
            case "Pass" -> template(state, "Parameters", at);
            case "Task" -> task(name, state, siblings);
            case "Choice" -> choice(at, state, siblings);
            case "Wait" -> waitState(at, state);
            case "Fail" -> fail(at, state);
            case "Parallel" -> parallel(name, state, siblings);
            case "Map" -> map(name, state, siblings);
            default -> { }
        }
        return terminal;
    }

    private boolean transitions(String name, String type, JsonNode state, Set<String> siblings) {
        String at = "State '" + name + "'";
        if (type.equals("Succeed") || type.equals("Fail")) {
            return true;
        }
        if (type.equals("Choice")) {
            if (state.has("Next") || state.has("End")) {
                problems.add(at + ": a Choice state cannot have 'Next' or 'End'; its rules and 'Default' name the next state");
            }
            return false;
        }
        boolean end = state.has("End");
        if (end && !state.get("End").isBoolean()) {
            problems.add(at + ": field 'End' must be true or false, but is " + state.get("End"));
        }
        boolean ends = state.path("End").asBoolean(false);
        if (ends && state.has("Next")) {
            problems.add(at + ": fields 'Next' and 'End' cannot both be set");
        } else if (!ends && !state.has("Next")) {
            problems.add(at + ": field 'Next' is required (or \"End\": true)");
        }
        next(at, "Next", state.get("Next"), siblings);
        return ends;
    }

    private void next(String at, String field, JsonNode target, Set<String> siblings) {
        if (target == null) {
            return;
        }
        if (!target.isTextual()) {
            problems.add(at + ": field '" + field + "' must be a state name, but is " + target);
        } else if (!siblings.contains(target.asText())) {
            problems.add(at + ": field '" + field + "' names state '" + target.asText() + "', which does not exist"
                    + (states.containsKey(target.asText()) ? " in this scope (a transition cannot leave its branch or iterator)" : "")
                    + " (MISSING_TRANSITION_TARGET)");
        }
    }

    private void paths(String at, JsonNode state) {
        for (String field : List.of("InputPath", "OutputPath")) {
            JsonNode value = state.get(field);
            if (value != null && !value.isNull()) {
                if (!value.isTextual()) {
                    problems.add(at + ": field '" + field + "' must be a JSONPath or null, but is " + value);
                } else {
                    JsonPaths.checkPath(value.asText()).ifPresent(p -> problems.add(at + ": field '" + field + "' " + p));
                }
            }
        }
        resultPath(at, "ResultPath", state.get("ResultPath"));
        for (String field : List.of("ItemsPath", "SecondsPath", "TimestampPath", "TimeoutSecondsPath", "MaxConcurrencyPath")) {
            JsonNode value = state.get(field);
            if (value != null) {
                if (!value.isTextual()) {
                    problems.add(at + ": field '" + field + "' must be a JSONPath, but is " + value);
                } else {
                    JsonPaths.checkPath(value.asText()).ifPresent(p -> problems.add(at + ": field '" + field + "' " + p));
                }
            }
        }
    }

    private void resultPath(String at, String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isTextual()) {
            problems.add(at + ": field '" + field + "' must be a reference path or null, but is " + value);
            return;
        }
        try {
            JsonPaths.parseReferencePath(value.asText());
        } catch (IllegalArgumentException e) {
            problems.add(at + ": field '" + field + "' value '" + value.asText() + "' " + e.getMessage());
        }
    }

    private void template(JsonNode state, String field, String at) {
        JsonNode template = state.get(field);
        if (template == null) {
            return;
        }
        if (!template.isObject()) {
            problems.add(at + ": field '" + field + "' must be a JSON object (a payload template), but is " + Json.typeOf(template));
            return;
        }
        PayloadTemplates.check(template, at + " " + field, problems);
    }

    private void task(String name, JsonNode state, Set<String> siblings) {
        String at = "State '" + name + "'";
        template(state, "Parameters", at);
        template(state, "ResultSelector", at);
        retryAndCatch(at, state, siblings);
        if (state.has("TimeoutSeconds")) {
            positiveSeconds(state.get("TimeoutSeconds"), at + ": field 'TimeoutSeconds'");
            if (state.has("TimeoutSecondsPath")) {
                problems.add(at + ": fields 'TimeoutSeconds' and 'TimeoutSecondsPath' cannot both be set");
            }
        }
        JsonNode resource = state.get("Resource");
        if (resource == null || !resource.isTextual() || resource.asText().isEmpty()) {
            problems.add(at + ": field 'Resource' is required and must be a string (an ARN)");
            return;
        }
        Resources.Kind kind = Resources.classify(resource.asText(), activityIds);
        switch (kind) {
            case ACTIVITY -> unsupported.add("Activities (Resource " + resource.asText() + ") in state '" + name + "'");
            case CALLBACK -> unsupported.add("the wait-for-callback integration pattern (.waitForTaskToken, Resource "
                    + resource.asText() + ") in state '" + name + "'");
            case SYNC -> unsupported.add("the run-a-job integration pattern (.sync, Resource " + resource.asText()
                    + ") in state '" + name + "'");
            case LAMBDA_INVOKE -> lambdaInvokeParameters(at, state.get("Parameters"));
            default -> { }
        }
    }

    private void lambdaInvokeParameters(String at, JsonNode parameters) {
        if (parameters == null || !parameters.isObject()) {
            problems.add(at + ": field 'Parameters' is required for arn:aws:states:::lambda:invoke and must name the FunctionName");
            return;
        }
        if (!parameters.has("FunctionName") && !parameters.has("FunctionName.$")) {
            problems.add(at + ": field 'Parameters' must have 'FunctionName' for arn:aws:states:::lambda:invoke");
        }
        for (Iterator<String> it = parameters.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            String plain = field.endsWith(".$") ? field.substring(0, field.length() - 2) : field;
            switch (plain) {
                case "FunctionName", "Payload" -> { }
                case "InvocationType" -> {
                    if (!"RequestResponse".equals(parameters.get(field).asText())) {
                        unsupported.add("lambda:invoke with InvocationType " + parameters.get(field)
                                + " (only RequestResponse) in " + at.toLowerCase(java.util.Locale.ROOT));
                    }
                }
                case "ClientContext", "Qualifier", "LogType" -> unsupported.add("lambda:invoke parameter '" + plain
                        + "' in " + at.toLowerCase(java.util.Locale.ROOT));
                default -> problems.add(at + ": Parameters field '" + field + "' is not a parameter of lambda:invoke");
            }
        }
    }

    private void retryAndCatch(String at, JsonNode state, Set<String> siblings) {
        JsonNode retry = state.get("Retry");
        if (retry != null) {
            if (!retry.isArray()) {
                problems.add(at + ": field 'Retry' must be an array of retriers");
            } else {
                for (int i = 0; i < retry.size(); i++) {
                    retrier(at + " Retry[" + i + "]", retry.get(i), i == retry.size() - 1);
                }
            }
        }
        JsonNode catchers = state.get("Catch");
        if (catchers != null) {
            if (!catchers.isArray()) {
                problems.add(at + ": field 'Catch' must be an array of catchers");
            } else {
                for (int i = 0; i < catchers.size(); i++) {
                    JsonNode catcher = catchers.get(i);
                    String where = at + " Catch[" + i + "]";
                    if (!catcher.isObject()) {
                        problems.add(where + " must be a JSON object");
                        continue;
                    }
                    errorEquals(where, catcher.get("ErrorEquals"), i == catchers.size() - 1);
                    if (!catcher.path("Next").isTextual()) {
                        problems.add(where + ": field 'Next' is required");
                    }
                    next(where, "Next", catcher.get("Next"), siblings);
                    resultPath(where, "ResultPath", catcher.get("ResultPath"));
                    for (Iterator<String> it = catcher.fieldNames(); it.hasNext(); ) {
                        String field = it.next();
                        if (field.equals("Assign") || field.equals("Output")) {
                            unsupported.add(UNSUPPORTED_FIELDS.get(field) + " in " + where);
                        } else if (!Set.of("ErrorEquals", "Next", "ResultPath", "Comment").contains(field)) {
                            problems.add(where + ": field '" + field + "' is not a catcher field");
                        }
                    }
                }
            }
        }
    }

    private void retrier(String where, JsonNode retrier, boolean last) {
        if (!retrier.isObject()) {
            problems.add(where + " must be a JSON object");
            return;
        }
        errorEquals(where, retrier.get("ErrorEquals"), last);
        for (Map.Entry<String, JsonNode> field : retrier.properties()) {
            JsonNode value = field.getValue();
            String name = where + ": field '" + field.getKey() + "'";
            switch (field.getKey()) {
                case "ErrorEquals", "Comment" -> { }
                case "IntervalSeconds" -> range(value, 1, MAX_SECONDS, name);
                case "MaxAttempts" -> range(value, 0, MAX_SECONDS, name);
                case "MaxDelaySeconds" -> range(value, 1, MAX_DELAY_SECONDS, name);
                case "BackoffRate" -> {
                    if (!value.isNumber() || value.doubleValue() < 1.0) {
                        problems.add(name + " must be a number greater than or equal to 1.0, but is " + value);
                    }
                }
                case "JitterStrategy" -> {
                    if (!Set.of("FULL", "NONE").contains(value.asText()) || !value.isTextual()) {
                        problems.add(name + " must be FULL or NONE, but is " + value);
                    }
                }
                default -> problems.add(name + " is not a retrier field");
            }
        }
    }

    private void errorEquals(String where, JsonNode errors, boolean last) {
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            problems.add(where + ": field 'ErrorEquals' is required and must be a non-empty array of error names");
            return;
        }
        for (JsonNode error : errors) {
            if (!error.isTextual()) {
                problems.add(where + ": field 'ErrorEquals' must hold strings, but has " + error);
                continue;
            }
            String name = error.asText();
            if (name.equals("States.ALL")) {
                if (errors.size() != 1) {
                    problems.add(where + ": 'States.ALL' must appear alone in 'ErrorEquals'");
                }
                if (!last) {
                    problems.add(where + ": 'States.ALL' must appear in the last retrier or catcher");
                }
            } else if (name.startsWith("States.") && !PREDEFINED_ERRORS.contains(name)) {
                problems.add(where + ": field 'ErrorEquals' has '" + name + "', which is not a predefined error name"
                        + " (names starting with 'States.' are reserved)");
            }
        }
    }

    private void choice(String at, JsonNode state, Set<String> siblings) {
        JsonNode choices = state.get("Choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            problems.add(at + ": field 'Choices' is required and must be a non-empty array of Choice Rules");
        } else {
            for (int i = 0; i < choices.size(); i++) {
                String where = at + " Choices[" + i + "]";
                ChoiceRules.check(choices.get(i), true, where, problems);
                next(where, "Next", choices.get(i).get("Next"), siblings);
            }
        }
        next(at, "Default", state.get("Default"), siblings);
    }

    private void waitState(String at, JsonNode state) {
        List<String> set = new ArrayList<>();
        for (String field : List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")) {
            if (state.has(field)) {
                set.add(field);
            }
        }
        if (set.size() != 1) {
            problems.add(at + ": exactly one of 'Seconds', 'Timestamp', 'SecondsPath' and 'TimestampPath' is required, but "
                    + (set.isEmpty() ? "none is" : String.join(", ", set) + " are") + " set");
        }
        if (state.has("Seconds")) {
            range(state.get("Seconds"), 0, MAX_SECONDS, at + ": field 'Seconds'");
        }
        if (state.has("Timestamp") && (!state.get("Timestamp").isTextual()
                || Json.parseTimestamp(state.get("Timestamp").asText()).isEmpty())) {
            problems.add(at + ": field 'Timestamp' must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z, but is "
                    + state.get("Timestamp"));
        }
    }

    private void fail(String at, JsonNode state) {
        for (String field : List.of("Error", "Cause")) {
            if (state.has(field) && state.has(field + "Path")) {
                problems.add(at + ": fields '" + field + "' and '" + field + "Path' cannot both be set");
            }
            if (state.has(field) && !state.get(field).isTextual()) {
                problems.add(at + ": field '" + field + "' must be a string, but is " + state.get(field));
            }
            if (state.has(field + "Path")) {
                PayloadTemplates.checkDynamic(state.get(field + "Path"), at + ": field '" + field + "Path'", problems);
            }
        }
    }

    private void parallel(String name, JsonNode state, Set<String> siblings) {
        String at = "State '" + name + "'";
        template(state, "Parameters", at);
        template(state, "ResultSelector", at);
        retryAndCatch(at, state, siblings);
        JsonNode branches = state.get("Branches");
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            problems.add(at + ": field 'Branches' is required and must be a non-empty array");
            return;
        }
        for (int i = 0; i < branches.size(); i++) {
            JsonNode branch = branches.get(i);
            String where = "Branch " + (i + 1) + " of Parallel state '" + name + "'";
            if (!branch.isObject()) {
                problems.add(where + " must be a JSON object with StartAt and States");
                continue;
            }
            branch.fieldNames().forEachRemaining(field -> {
                if (!Set.of("StartAt", "States", "Comment").contains(field)) {
                    problems.add(where + ": field '" + field + "' is not valid in a branch");
                }
            });
            scope(branch, where);
        }
    }

    private void map(String name, JsonNode state, Set<String> siblings) {
        String at = "State '" + name + "'";
        template(state, "ItemSelector", at);
        template(state, "Parameters", at);
        template(state, "ResultSelector", at);
        retryAndCatch(at, state, siblings);
        if (state.has("ItemSelector") && state.has("Parameters")) {
            problems.add(at + ": fields 'ItemSelector' and 'Parameters' cannot both be set (Parameters is the older name of ItemSelector)");
        }
        if (state.has("MaxConcurrency")) {
            range(state.get("MaxConcurrency"), 0, Integer.MAX_VALUE, at + ": field 'MaxConcurrency'");
            if (state.has("MaxConcurrencyPath")) {
                problems.add(at + ": fields 'MaxConcurrency' and 'MaxConcurrencyPath' cannot both be set");
            }
        }
        JsonNode processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
        if (state.has("ItemProcessor") && state.has("Iterator")) {
            problems.add(at + ": fields 'ItemProcessor' and 'Iterator' cannot both be set (Iterator is the older name of ItemProcessor)");
        }
        if (processor == null || !processor.isObject()) {
            problems.add(at + ": field 'ItemProcessor' (or 'Iterator') is required and must be an object with StartAt and States");
            return;
        }
        String where = "The ItemProcessor of Map state '" + name + "'";
        for (Iterator<String> it = processor.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!Set.of("StartAt", "States", "Comment", "ProcessorConfig").contains(field)) {
                problems.add(where + ": field '" + field + "' is not valid in an item processor");
            }
        }
        JsonNode config = processor.get("ProcessorConfig");
        if (config != null) {
            String mode = config.path("Mode").asText("INLINE");
            if (mode.equals("DISTRIBUTED")) {
                unsupported.add("Distributed Map (ProcessorConfig Mode DISTRIBUTED) in state '" + name + "'");
            } else if (!mode.equals("INLINE")) {
                problems.add(where + ": field 'ProcessorConfig.Mode' must be INLINE or DISTRIBUTED, but is " + config.get("Mode"));
            }
        }
        scope(processor, where);
    }

    private void positiveSeconds(JsonNode value, String name) {
        range(value, 1, MAX_SECONDS, name);
    }

    private void range(JsonNode value, long min, long max, String name) {
        java.util.Optional<Long> number = Json.integral(value);
        if (number.isEmpty() || number.get() < min || number.get() > max) {
            problems.add(name + " must be an integer between " + min + " and " + max + ", but is " + value);
        }
    }
}
