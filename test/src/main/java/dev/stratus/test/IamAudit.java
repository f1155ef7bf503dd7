package dev.stratus.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads every permission of a synthesized template and finds what a least-privilege review
 * refuses. Identity side: for every role (user, group), the statements of its inline policies, of
 * the {@code AWS::IAM::Policy} and {@code AWS::IAM::ManagedPolicy} resources attached to it through
 * {@code Roles}, and of managed policies of this template it names in {@code ManagedPolicyArns}.
 * Resource side: KMS key policies, queue, topic, bucket, event bus and secret policies, and Lambda
 * permissions. Renders both as a reviewable table.
 *
 * <p>Refused: managed policies (any, AWS or the template's own), an action with a wildcard
 * anywhere ({@code *}, {@code s3:*}, {@code kms:ReEncrypt*}), {@code NotAction}/{@code NotResource}
 * (or {@code NotPrincipal}) in an Allow, {@code Resource: *} outside a short allowlist of actions
 * AWS cannot scope; in resource policies also an Allow to anyone ({@code Principal: *}) or to an AWS
 * service without a condition (the confused deputy). The one wildcard a resource policy may hold
 * is a KMS key's {@code kms:*} for its own account's root, which delegates the key to IAM.
 */
public final class IamAudit {
    /** An account's root, with the partition as a reference or, with enablePartitionLiterals, as a literal. */
    static final String ACCOUNT_ROOT = "AWS:arn:(<Ref AWS::Partition>|aws|aws-cn|aws-us-gov):iam::(<Ref AWS::AccountId>|\\d{12}):root";
    /**
     * Actions AWS offers no resource-level permission for, so {@code Resource: *} is forced, each with
     * the reason; exactly these, and nothing else, may be granted on {@code *}. {@link #table} lists them.
     */
    public static final Map<String, String> RESOURCE_STAR_REASONS = resourceStarReasons();
    /** The actions of {@link #RESOURCE_STAR_REASONS}. */
    public static final Set<String> RESOURCE_STAR_ALLOWED = RESOURCE_STAR_REASONS.keySet();
    private static final Set<String> ATTACHABLE = Set.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy");
    private static final Set<String> PRINCIPALS = Set.of("AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group");

    private IamAudit() {
    }

    private static Map<String, String> resourceStarReasons() {
        Map<String, String> reasons = new java.util.LinkedHashMap<>();
        String traces = "X-Ray accepts trace segments and telemetry of any traced resource: the actions support no resource-level "
                + "permissions (Lambda active tracing, Step Functions tracing)";
        reasons.put("xray:PutTraceSegments", traces);
        reasons.put("xray:PutTelemetryRecords", traces);
        String sampling = "A traced Step Functions state machine reads the account's X-Ray sampling rules: the actions support no "
                + "resource-level permissions";
        reasons.put("xray:GetSamplingRules", sampling);
        reasons.put("xray:GetSamplingTargets", sampling);
        String delivery = "Step Functions delivers a state machine's logs through CloudWatch Logs' log delivery API (vended logs), "
                + "whose actions support no resource-level permissions; AWS documents Resource * for them";
        for (String action : List.of("logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
                "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups")) {
            reasons.put(action, delivery);
        }
        return java.util.Collections.unmodifiableMap(reasons);
    }

    /**
     * One Allow statement that applies to one principal of the template.
     *
     * @param role         the role's (user's, group's) logical id
     * @param actions      {@code Action}, or the actions a {@code NotAction} excepts, rendered
     * @param resources    {@code Resource}, or the resources a {@code NotResource} excepts, rendered
     * @param policy       where the statement lives: {@code inline PolicyName}, or the logical id of
     *                     the {@code AWS::IAM::Policy} / {@code AWS::IAM::ManagedPolicy}
     * @param notAction    the statement allows every action except {@code actions}
     * @param notResource  the statement allows every resource except {@code resources}
     * @param conditions   the statement's condition block, rendered, or empty: e.g. the
     *                     {@code dynamodb:LeadingKeys} that narrows a grant to some items
     */
    public record Permission(String role, List<String> actions, List<String> resources, String policy,
                             boolean notAction, boolean notResource, String conditions) {
        /**
         * A permission of an unnamed policy, without {@code NotAction}, {@code NotResource} or conditions.
         * @param role the role's logical id
         * @param actions the actions allowed
         * @param resources the resources they are allowed on
         */
        public Permission(String role, List<String> actions, List<String> resources) {
            this(role, actions, resources, "", false, false, "");
        }

        /**
         * A permission without conditions, with the policy that grants it.
         * @param role the role's logical id
         * @param actions the actions allowed, or those a {@code NotAction} excepts
         * @param resources the resources, or those a {@code NotResource} excepts
         * @param policy where the statement lives (see the record's {@code policy})
         * @param notAction the statement allows every action except {@code actions}
         * @param notResource the statement allows every resource except {@code resources}
         */
        public Permission(String role, List<String> actions, List<String> resources, String policy,
                          boolean notAction, boolean notResource) {
            this(role, actions, resources, policy, notAction, notResource, "");
        }
    }

    /**
     * One statement of a resource policy.
     *
     * @param resource   the logical id of the resource the policy protects (key, queue, topic, bucket,
     *                   bus, secret, function)
     * @param type       its policy's resource type, e.g. {@code AWS::KMS::Key} (key policy) or
     *                   {@code AWS::SQS::QueuePolicy}
     * @param effect     {@code Allow} or {@code Deny}
     * @param principals rendered: {@code *}, {@code AWS:<...>}, {@code Service:events.amazonaws.com}
     * @param actions    rendered, {@code NOT } in front for a {@code NotAction}
     * @param conditions the condition block, rendered, or empty
     */
    public record ResourcePolicy(String resource, String type, String effect, List<String> principals, List<String> actions,
                                 List<String> resources, String conditions) {
    }

    /** Every Allow statement of every role (user, group) in {@code template}, by role logical id (sorted). */
    public static List<Permission> permissions(Map<String, Object> template) {
        Map<String, Map<String, Object>> resources = resources(template);
        List<Permission> permissions = new ArrayList<>();
        resources.forEach((id, resource) -> {
            String type = type(resource);
            Map<String, Object> props = props(resource);
            if (type.equals("AWS::IAM::Role") || type.equals("AWS::IAM::User") || type.equals("AWS::IAM::Group")) {
                for (Object p : list(props.get("Policies"))) {
                    Map<String, Object> policy = map(p);
                    addStatements(permissions, id, "inline " + render(policy.get("PolicyName")), policy.get("PolicyDocument"));
                }
                for (Object arn : list(props.get("ManagedPolicyArns"))) {
                    String managed = referencedId(arn);
                    if (managed != null && "AWS::IAM::ManagedPolicy".equals(type(resources.get(managed)))) {
                        addStatements(permissions, id, managed, props(resources.get(managed)).get("PolicyDocument"));
                    }
                }
            } else if (ATTACHABLE.contains(type)) {
                for (String principal : attachedTo(props)) {
                    addStatements(permissions, principal, id, props.get("PolicyDocument"));
                }
            }
        });
        permissions.sort((a, b) -> a.role().compareTo(b.role()));
        return permissions;
    }

    /** Roles (users, groups) carrying managed policies: by ARN, or attached through a managed policy's {@code Roles}. */
    public static List<String> rolesWithManagedPolicies(Map<String, Object> template) {
        return new ArrayList<>(managedPolicies(template).keySet());
    }

    /** Managed policies by the role (user, group) that carries them: ARNs, or logical ids of the template's own. */
    private static Map<String, List<String>> managedPolicies(Map<String, Object> template) {
        Map<String, Map<String, Object>> resources = resources(template);
        Map<String, List<String>> managed = new TreeMap<>();
        resources.forEach((id, resource) -> {
            String type = type(resource);
            Map<String, Object> props = props(resource);
            if (PRINCIPALS.contains(type)) {
                for (Object arn : list(props.get("ManagedPolicyArns"))) {
                    managed.computeIfAbsent(id, k -> new ArrayList<>()).add(render(arn));
                }
            } else if (type.equals("AWS::IAM::ManagedPolicy")) {
                for (String principal : attachedTo(props)) {
                    managed.computeIfAbsent(principal, k -> new ArrayList<>()).add(id + " (AWS::IAM::ManagedPolicy, attached through its Roles)");
                }
            }
        });
        return managed;
    }

    /** Every statement of every resource policy in {@code template}, by resource logical id (sorted). */
    public static List<ResourcePolicy> resourcePolicies(Map<String, Object> template) {
        List<ResourcePolicy> policies = new ArrayList<>();
        resources(template).forEach((id, resource) -> {
            String type = type(resource);
            Map<String, Object> props = props(resource);
            switch (type) {
                case "AWS::KMS::Key" -> addResourceStatements(policies, List.of(id), type, props.get("KeyPolicy"));
                case "AWS::SQS::QueuePolicy" -> addResourceStatements(policies, ids(props.get("Queues")), type, props.get("PolicyDocument"));
                case "AWS::SNS::TopicPolicy" -> addResourceStatements(policies, ids(props.get("Topics")), type, props.get("PolicyDocument"));
                case "AWS::S3::BucketPolicy" -> addResourceStatements(policies, ids(props.get("Bucket")), type, props.get("PolicyDocument"));
                case "AWS::SecretsManager::ResourcePolicy" ->
                        addResourceStatements(policies, ids(props.get("SecretId")), type, props.get("ResourcePolicy"));
                case "AWS::Events::EventBusPolicy" -> {
                    Object statement = props.get("Statement");
                    addResourceStatements(policies, ids(props.getOrDefault("EventBusName", "default")), type,
                            statement == null ? null : Map.of("Statement", List.of(statement)));
                }
                case "AWS::Lambda::Permission" -> {
                    Map<String, Object> condition = new TreeMap<>();
                    for (String key : List.of("SourceArn", "SourceAccount", "PrincipalOrgID", "FunctionUrlAuthType")) {
                        if (props.get(key) != null) {
                            condition.put(key, props.get(key));
                        }
                    }
                    String principal = render(props.get("Principal"));
                    policies.add(new ResourcePolicy(firstId(props.get("FunctionName")), type, "Allow",
                            List.of(principal.endsWith(".amazonaws.com") ? "Service:" + principal : principal.equals("*") ? "*" : "AWS:" + principal),
                            List.of(render(props.get("Action"))), List.of(render(props.get("FunctionName"))), render(condition)));
                }
                default -> {
                }
            }
        });
        policies.sort((a, b) -> a.resource().compareTo(b.resource()));
        return policies;
    }

    /** Everything a least-privilege review refuses, as readable lines; empty when clean. */
    public static List<String> violations(Map<String, Object> template) {
        List<String> problems = new ArrayList<>();
        managedPolicies(template).forEach((role, policies) -> policies.forEach(p -> problems.add(role + ": managed policy " + p)));
        for (Permission p : permissions(template)) {
            String where = p.role() + " (" + p.policy() + ")";
            if (p.notAction()) {
                problems.add(where + ": NotAction allows every action except " + p.actions());
            } else {
                p.actions().stream().filter(a -> a.contains("*")).forEach(a -> problems.add(where + ": action wildcard " + a));
            }
            if (p.notResource()) {
                problems.add(where + ": NotResource allows every resource except " + p.resources());
            } else if (p.resources().contains("*")) {
                List<String> unscoped = p.actions().stream().filter(a -> p.notAction() || !RESOURCE_STAR_ALLOWED.contains(a)).toList();
                if (!unscoped.isEmpty()) {
                    problems.add(where + ": Resource * for " + unscoped);
                }
            }
        }
        for (ResourcePolicy r : resourcePolicies(template)) {
            if (!r.effect().equals("Allow")) {
                continue;
            }
            String where = r.resource() + " (" + r.type() + ")";
            boolean keyAdmin = r.type().equals("AWS::KMS::Key") && r.actions().equals(List.of("kms:*"))
                    && r.principals().size() == 1 && r.principals().get(0).matches(ACCOUNT_ROOT);
            for (String action : r.actions()) {
                if (action.startsWith("NOT ")) {
                    problems.add(where + ": NotAction allows every action except " + action.substring(4));
                } else if (action.contains("*") && !keyAdmin) {
                    problems.add(where + ": action wildcard " + action + " for " + r.principals());
                }
            }
            if (r.resources().stream().anyMatch(res -> res.startsWith("NOT "))) {
                problems.add(where + ": NotResource in an Allow");
            }
            for (String principal : r.principals()) {
                if (principal.startsWith("NOT ")) {
                    problems.add(where + ": NotPrincipal allows everyone except " + principal.substring(4));
                } else if ((principal.equals("*") || principal.equals("AWS:*")) && r.conditions().isEmpty()) {
                    problems.add(where + ": allows anyone (Principal *) " + r.actions() + " without a condition");
                } else if (principal.startsWith("Service:") && r.conditions().isEmpty()) {
                    problems.add(where + ": allows " + principal.substring(8) + " " + r.actions()
                            + " without a condition (aws:SourceArn or aws:SourceAccount), for any account's use of the service");
                }
            }
        }
        return problems;
    }

    /** A markdown section per stack: each role's actions → resources, then the resource policies. */
    public static String table(String title, Map<String, Map<String, Object>> templatesByStack) {
        StringBuilder out = new StringBuilder("# " + title + "\n\nGenerated by the test kit's `IamAudit` from the synthesized stacks; "
                + "regenerate with `mvn -B verify -Dsnapshot.update=true` and review the diff like code.\n");
        out.append("\n## Resource * allowed\n\nThe audit refuses `Resource: *` for any action but these, which support no "
                + "resource-level permissions:\n\n| action | why |\n|---|---|\n");
        RESOURCE_STAR_REASONS.forEach((action, why) -> out.append("| ").append(action).append(" | ").append(cell(why)).append(" |\n"));
        templatesByStack.forEach((stack, template) -> {
            Map<String, List<Permission>> byRole = permissions(template).stream()
                    .collect(Collectors.groupingBy(Permission::role, TreeMap::new, Collectors.toList()));
            Map<String, List<String>> managed = managedPolicies(template);
            out.append("\n## Stack ").append(stack).append("\n");
            byRole.forEach((role, perms) -> {
                int count = perms.stream().mapToInt(p -> p.actions().size()).sum();
                out.append("\n### ").append(role).append(" (").append(count).append(" action grants)\n\n");
                managed.getOrDefault(role, List.of()).forEach(m -> out.append("Managed policy: ").append(cell(m)).append("\n\n"));
                out.append("| actions | resources | policy |\n|---|---|---|\n");
                for (Permission p : perms) {
                    out.append("| ").append(p.notAction() ? "**NotAction** " : "").append(cell(String.join("<br>", p.actions())))
                            .append(" | ").append(p.notResource() ? "**NotResource** " : "").append(cell(String.join("<br>", p.resources())))
                            .append(p.conditions().isEmpty() ? "" : "<br>**when** " + cell(p.conditions()))
                            .append(" | ").append(cell(p.policy())).append(" |\n");
                }
            });
            List<ResourcePolicy> policies = resourcePolicies(template);
            if (!policies.isEmpty()) {
                out.append("\n### Resource policies\n\n| resource | policy | effect | principals | actions | conditions |\n|---|---|---|---|---|---|\n");
                for (ResourcePolicy r : policies) {
                    out.append("| ").append(r.resource()).append(" | ").append(r.type()).append(" | ").append(r.effect())
                            .append(" | ").append(cell(String.join("<br>", r.principals())))
                            .append(" | ").append(cell(String.join("<br>", r.actions())))
                            .append(" | ").append(cell(r.conditions())).append(" |\n");
                }
            }
        });
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static void addStatements(List<Permission> permissions, String role, String policy, Object document) {
        for (Map<String, Object> statement : statements(document)) {
            if (!"Allow".equals(statement.get("Effect"))) {
                continue;
            }
            boolean notAction = statement.containsKey("NotAction");
            boolean notResource = statement.containsKey("NotResource");
            permissions.add(new Permission(role, strings(statement.get(notAction ? "NotAction" : "Action")),
                    strings(statement.get(notResource ? "NotResource" : "Resource")), policy, notAction, notResource,
                    statement.get("Condition") == null ? "" : render(statement.get("Condition"))));
        }
    }

    private static void addResourceStatements(List<ResourcePolicy> policies, List<String> resourceIds, String type, Object document) {
        for (Map<String, Object> statement : statements(document)) {
            List<String> principals = new ArrayList<>();
            boolean notPrincipal = statement.containsKey("NotPrincipal");
            Object principal = statement.get(notPrincipal ? "NotPrincipal" : "Principal");
            if (principal instanceof Map<?, ?> byKind) {
                map(byKind).forEach((kind, value) -> strings(value).forEach(v -> principals.add((notPrincipal ? "NOT " : "") + kind + ":" + v)));
            } else if (principal != null) {
                principals.add((notPrincipal ? "NOT " : "") + render(principal));
            }
            List<String> actions = statement.containsKey("NotAction")
                    ? strings(statement.get("NotAction")).stream().map(a -> "NOT " + a).toList() : strings(statement.get("Action"));
            List<String> resources = statement.containsKey("NotResource")
                    ? strings(statement.get("NotResource")).stream().map(r -> "NOT " + r).toList() : strings(statement.get("Resource"));
            String conditions = statement.get("Condition") == null ? "" : render(statement.get("Condition"));
            for (String resourceId : resourceIds) {
                policies.add(new ResourcePolicy(resourceId, type, String.valueOf(statement.get("Effect")), principals, actions, resources, conditions));
            }
        }
    }

    private static List<Map<String, Object>> statements(Object document) {
        if (!(document instanceof Map<?, ?> doc)) {
            return List.of();
        }
        Object statements = map(doc).get("Statement");
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object s : statements instanceof List<?> l ? l : statements == null ? List.of() : List.of(statements)) {
            result.add(map(s));
        }
        return result;
    }

    private static List<String> attachedTo(Map<String, Object> props) {
        List<String> principals = new ArrayList<>();
        for (String key : List.of("Roles", "Users", "Groups")) {
            for (Object principal : list(props.get(key))) {
                String id = referencedId(principal);
                principals.add(id != null ? id : render(principal));
            }
        }
        return principals;
    }

    private static List<String> ids(Object refs) {
        List<String> ids = new ArrayList<>();
        for (Object ref : refs instanceof List<?> l ? l : List.of(refs)) {
            String id = referencedId(ref);
            ids.add(id != null ? id : render(ref));
        }
        return ids;
    }

    private static String firstId(Object ref) {
        String id = referencedId(ref);
        return id != null ? id : render(ref);
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(IamAudit::render).toList();
        }
        return List.of(render(value));
    }

    /** The logical id a {@code Ref} or {@code Fn::GetAtt} points at, else null. */
    static String referencedId(Object value) {
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            if (m.get("Ref") instanceof String ref && !ref.startsWith("AWS::")) {
                return ref;
            }
            if (m.get("Fn::GetAtt") instanceof List<?> att && !att.isEmpty()) {
                return String.valueOf(att.get(0));
            }
        }
        return null;
    }

    /** CloudFormation values in a readable form: {@code <Ref X>}, {@code <X.Arn>}, joins concatenated, maps as {@code {k=v}} sorted. */
    static String render(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Map<?, ?> raw) {
            Map<String, Object> map = map(raw);
            if (map.size() == 1) {
                Map.Entry<String, Object> e = map.entrySet().iterator().next();
                switch (e.getKey()) {
                    case "Ref":
                        return "<Ref " + e.getValue() + ">";
                    case "Fn::GetAtt":
                        List<?> att = (List<?>) e.getValue();
                        return "<" + att.get(0) + "." + att.get(1) + ">";
                    case "Fn::ImportValue":
                        return "<import " + render(e.getValue()) + ">";
                    case "Fn::Join":
                        List<?> join = (List<?>) e.getValue();
                        return ((List<?>) join.get(1)).stream().map(IamAudit::render).collect(Collectors.joining((String) join.get(0)));
                    default:
                        if (e.getKey().startsWith("Fn::")) {
                            return "<" + e.getKey() + ">";
                        }
                }
            }
            Map<String, String> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(k, render(v)));
            return sorted.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(IamAudit::render).toList().toString();
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
    }

    static Map<String, Map<String, Object>> resources(Map<String, Object> template) {
        Map<String, Map<String, Object>> resources = new TreeMap<>();
        map(template.get("Resources")).forEach((id, r) -> resources.put(id, map(r)));
        return resources;
    }

    static String type(Map<String, Object> resource) {
        return resource == null ? "" : String.valueOf(resource.get("Type"));
    }

    static Map<String, Object> props(Map<String, Object> resource) {
        return resource == null ? Map.of() : map(resource.get("Properties"));
    }
}
