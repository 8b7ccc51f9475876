package io.platform.rbac.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of the RBAC API: what makes a custom role or an assignment valid. Every violation is reported with the
 * field it concerns ({@code rules[1].verbs[0]}) and a stable code.
 */
public final class RoleRules {

    public static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");
    public static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern PRINTABLE = Pattern.compile("^[^\\p{Cntrl}\\p{Cf}]*$");
    private static final Set<String> RESERVED = Set.of("admin", "edit", "view", "cluster-admin");
    private static final int MAX_RULES = 32;

    private final RuleCatalog catalog;

    public RoleRules(RuleCatalog catalog) {
        this.catalog = catalog;
    }

    /** A role to create: kind, name, namespace (Role only) and rules. */
    public List<FieldViolation> validateRole(String kind, String name, String namespace, String description,
                                             List<AccessRule> rules) {
        List<FieldViolation> violations = new ArrayList<>();
        RoleKind roleKind = RoleKind.fromValue(kind).orElse(null);
        if (kind == null || kind.isBlank()) {
            violations.add(new FieldViolation("kind", "required", "is required: Role or ClusterRole"));
        } else if (roleKind == null) {
            violations.add(new FieldViolation("kind", "pattern", "must be Role or ClusterRole"));
        }
        name(name, "name", violations);
        if (name != null && (RESERVED.contains(name) || name.startsWith("system:") || name.startsWith("system."))) {
            violations.add(new FieldViolation("name", "reserved", "'" + name
                    + "' is a built-in role of Kubernetes; choose another name"));
        }
        if (roleKind == RoleKind.ROLE) {
            namespace(namespace, "namespace", violations);
        } else if (roleKind == RoleKind.CLUSTER_ROLE && namespace != null && !namespace.isBlank()) {
            violations.add(new FieldViolation("namespace", "not-allowed", "a ClusterRole has no namespace"));
        }
        description(description, violations);
        violations.addAll(validateRules(roleKind, rules));
        return violations;
    }

    /** New rules of an existing role. */
    public List<FieldViolation> validateRules(RoleKind kind, List<AccessRule> rules) {
        List<FieldViolation> violations = new ArrayList<>();
        if (rules == null || rules.isEmpty()) {
            violations.add(new FieldViolation("rules", "required", "name at least one rule"));
            return violations;
        }
        if (rules.size() > MAX_RULES) {
            violations.add(new FieldViolation("rules", "size", "must have at most " + MAX_RULES + " rules"));
        }
        for (int i = 0; i < rules.size(); i++) {
            String at = "rules[" + i + "]";
            AccessRule rule = rules.get(i);
            if (rule == null) {
                violations.add(new FieldViolation(at, "required", "must not be null"));
                continue;
            }
            if (rule.apiGroups().isEmpty()) {
                violations.add(new FieldViolation(at + ".apiGroups", "required",
                        "name the API groups (\"\" for the core group, \"*\" for all)"));
            }
            for (int g = 0; g < rule.apiGroups().size(); g++) {
                String group = rule.apiGroups().get(g);
                if (group == null || !catalog.knowsGroup(group)) {
                    violations.add(new FieldViolation(at + ".apiGroups[" + g + "]", "unknown-api-group",
                            "'" + group + "' is not an API group this platform knows"));
                }
            }
            if (rule.resources().isEmpty()) {
                violations.add(new FieldViolation(at + ".resources", "required", "name the resources (\"*\" for all)"));
            }
            for (int r = 0; r < rule.resources().size(); r++) {
                String resource = rule.resources().get(r);
                String field = at + ".resources[" + r + "]";
                if (resource == null || !catalog.knowsResource(rule.apiGroups(), resource)) {
                    violations.add(new FieldViolation(field, "unknown-resource", "'" + resource
                            + "' is not a resource of API group(s) " + rule.apiGroups()));
                } else if (kind == RoleKind.ROLE && catalog.isClusterScoped(rule.apiGroups(), resource)) {
                    violations.add(new FieldViolation(field, "cluster-scoped", "'" + resource
                            + "' is cluster-scoped: only a ClusterRole can grant it"));
                }
            }
            if (rule.verbs().isEmpty()) {
                violations.add(new FieldViolation(at + ".verbs", "required", "name the verbs (\"*\" for all)"));
            }
            for (int v = 0; v < rule.verbs().size(); v++) {
                String verb = rule.verbs().get(v);
                String field = at + ".verbs[" + v + "]";
                if (verb == null || !RuleCatalog.VERBS.contains(verb)) {
                    violations.add(new FieldViolation(field, "unknown-verb", "'" + verb + "' is not a verb; use one of "
                            + "get, list, watch, create, update, patch, delete, deletecollection or *"));
                } else if (catalog.isForbidden(verb)) {
                    violations.add(new FieldViolation(field, "forbidden-verb", "'" + verb
                            + "' would let holders grant themselves more rights; the platform does not allow it"));
                }
            }
            for (int n = 0; n < rule.resourceNames().size(); n++) {
                String objectName = rule.resourceNames().get(n);
                if (objectName == null || objectName.isBlank() || objectName.length() > 253) {
                    violations.add(new FieldViolation(at + ".resourceNames[" + n + "]", "pattern",
                            "must be an object name of 1 to 253 characters"));
                }
            }
        }
        return violations;
    }

    /** An assignment: namespace, role and subject. */
    public List<FieldViolation> validateAssignment(String namespace, String roleKind, String roleName, String subjectKind,
                                                   String subjectName) {
        List<FieldViolation> violations = new ArrayList<>();
        namespace(namespace, "namespace", violations);
        if (roleKind == null || roleKind.isBlank()) {
            violations.add(new FieldViolation("role.kind", "required", "is required: Role or ClusterRole"));
        } else if (RoleKind.fromValue(roleKind).isEmpty()) {
            violations.add(new FieldViolation("role.kind", "pattern", "must be Role or ClusterRole"));
        }
        name(roleName, "role.name", violations);
        if (subjectKind == null || subjectKind.isBlank()) {
            violations.add(new FieldViolation("subject.kind", "required", "is required: User or Group"));
        } else if (SubjectKind.fromValue(subjectKind).isEmpty()) {
            violations.add(new FieldViolation("subject.kind", "pattern", "must be User or Group"));
        }
        subjectName(subjectName, "subject.name", violations);
        return violations;
    }

    /** A subject's name as the identity provider knows it. */
    public static void subjectName(String name, String field, List<FieldViolation> violations) {
        if (name == null || name.isBlank()) {
            violations.add(new FieldViolation(field, "required", "is required"));
        } else if (name.length() > 253 || !PRINTABLE.matcher(name).matches() || !name.strip().equals(name)) {
            violations.add(new FieldViolation(field, "pattern",
                    "must be 1 to 253 printable characters without leading or trailing spaces"));
        }
    }

    private static void name(String name, String field, List<FieldViolation> violations) {
        if (name == null || name.isBlank()) {
            violations.add(new FieldViolation(field, "required", "is required"));
        } else if (name.length() > 63 || !NAME.matcher(name).matches()) {
            violations.add(new FieldViolation(field, "pattern",
                    "must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 63 characters"));
        }
    }

    private static void namespace(String namespace, String field, List<FieldViolation> violations) {
        if (namespace == null || namespace.isBlank()) {
            violations.add(new FieldViolation(field, "required", "is required"));
        } else if (namespace.length() > 63 || !NAMESPACE.matcher(namespace).matches()) {
            violations.add(new FieldViolation(field, "pattern",
                    "must be a DNS-1123 label: lowercase letters, digits and '-', at most 63 characters"));
        }
    }

    private static void description(String description, List<FieldViolation> violations) {
        if (description != null && (description.length() > 256 || !PRINTABLE.matcher(description).matches())) {
            violations.add(new FieldViolation("description", "pattern",
                    "must be at most 256 characters without control characters"));
        }
    }
}
