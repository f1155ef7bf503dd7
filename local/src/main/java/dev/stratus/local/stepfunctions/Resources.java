package dev.stratus.local.stepfunctions;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a Task state's Resource names. */
final class Resources {
    enum Kind {
        /** {@code arn:aws:states:::lambda:invoke}: the optimized Lambda integration. */
        LAMBDA_INVOKE,
        /** A Lambda function ARN (or a template reference to a function, alias or version). */
        LAMBDA_FUNCTION,
        /** Another request-response resource: served by a handler registered for it. */
        INTEGRATION,
        ACTIVITY,
        CALLBACK,
        SYNC
    }

    private static final Pattern SERVICE = Pattern.compile("arn:[a-z-]+:states:::([^:]+):(.+)");
    private static final Pattern ACTIVITY = Pattern.compile("arn:[a-z-]+:states:[^:]*:[^:]*:activity:.+");
    private static final Pattern FUNCTION = Pattern.compile("arn:[a-z-]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::(.+))?");

    private Resources() {
    }

    /**
     * @param resourceTypes CloudFormation types of the template's resources by logical id (empty
     *     when the definition did not come from a template)
     */
    static Kind classify(String resource, Map<String, String> resourceTypes) {
        Matcher service = SERVICE.matcher(resource);
        if (service.matches()) {
            String action = service.group(2);
            if (action.endsWith(".waitForTaskToken")) {
                return Kind.CALLBACK;
            }
            if (action.endsWith(".sync") || action.contains(".sync:")) {
                return Kind.SYNC;
            }
            return service.group(1).equals("lambda") && action.equals("invoke") ? Kind.LAMBDA_INVOKE : Kind.INTEGRATION;
        }
        if (ACTIVITY.matcher(resource).matches()) {
            return Kind.ACTIVITY;
        }
        if (FUNCTION.matcher(resource).matches()) {
            return Kind.LAMBDA_FUNCTION;
        }
        Matcher placeholder = TemplateRenderer.PLACEHOLDER.matcher(resource);
        if (placeholder.find()) {
            String type = resourceTypes.get(placeholder.group(1));
            if ("AWS::StepFunctions::Activity".equals(type)) {
                return Kind.ACTIVITY;
            }
            // CDK writes a function's ARN as Resource for LambdaInvoke with payloadResponseOnly.
            return Kind.LAMBDA_FUNCTION;
        }
        return Kind.INTEGRATION;
    }

    /** {@code resourceType} and {@code resource} as history events name them ({@code lambda}, {@code invoke}). */
    static String[] serviceAndAction(String resource) {
        Matcher service = SERVICE.matcher(resource);
        if (!service.matches()) {
            return new String[] {"task", resource};
        }
        String action = service.group(2);
        int colon = action.lastIndexOf(':');
        if (colon > 0) {
            // arn:aws:states:::aws-sdk:dynamodb:putItem is resource type aws-sdk:dynamodb, resource putItem
            return new String[] {service.group(1) + ":" + action.substring(0, colon), action.substring(colon + 1)};
        }
        return new String[] {service.group(1), action};
    }

    /** The function name of a Lambda ARN, or null. */
    static String functionName(String arn) {
        Matcher function = FUNCTION.matcher(arn);
        return function.matches() ? function.group(1) : null;
    }
}
