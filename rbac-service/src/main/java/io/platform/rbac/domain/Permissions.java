package io.platform.rbac.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The effective permissions of a subject in a namespace: every grant that applies to it (a RoleBinding the platform
 * manages whose subject is the user or one of its groups) and the union of their rules, with rules for the same
 * groups, resources and names merged into one.
 */
public final class Permissions {

    private Permissions() {
    }

    /**
     * One role granted through one binding.
     *
     * @param rules the role's rules; empty when they are unknown ({@code resolved = false}, e.g. a built-in ClusterRole
     *              the cluster did not show)
     */
    public record Grant(String roleBinding, String source, RoleKind roleKind, String roleName, SubjectKind subjectKind,
                        String subjectName, boolean resolved, List<AccessRule> rules) {
        public Grant {
            rules = List.copyOf(rules);
        }
    }

    /** The union of the grants' rules: one rule per (API groups, resources, resource names), verbs merged. */
    public static List<AccessRule> aggregate(List<Grant> grants) {
        Map<List<List<String>>, TreeSet<String>> merged = new LinkedHashMap<>();
        for (Grant grant : grants) {
            for (AccessRule rule : grant.rules()) {
                AccessRule normalized = rule.normalized();
                merged.computeIfAbsent(List.of(normalized.apiGroups(), normalized.resources(), normalized.resourceNames()),
                        key -> new TreeSet<>()).addAll(normalized.verbs());
            }
        }
        List<AccessRule> rules = new ArrayList<>();
        merged.forEach((key, verbs) -> rules.add(new AccessRule(key.get(0), key.get(1),
                verbs.contains(RuleCatalog.ALL) ? List.of(RuleCatalog.ALL) : List.copyOf(verbs), key.get(2))));
        return rules;
    }

    /** Whether a binding's subject is the asked subject or one of its groups. */
    public static boolean applies(SubjectKind bindingKind, String bindingName, SubjectKind askedKind, String askedName,
                                  List<String> groups) {
        if (bindingKind == askedKind && bindingName.equals(askedName)) {
            return true;
        }
        return bindingKind == SubjectKind.GROUP && groups.contains(bindingName);
    }

    /** {@code User:alice}, {@code group:team-payments} or a bare name (a user). */
    public static Optional<Map.Entry<SubjectKind, String>> parseSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            return Optional.empty();
        }
        int colon = subject.indexOf(':');
        if (colon > 0) {
            Optional<SubjectKind> kind = SubjectKind.fromValue(subject.substring(0, colon));
            if (kind.isPresent()) {
                return Optional.of(Map.entry(kind.get(), subject.substring(colon + 1)));
            }
        }
        return Optional.of(Map.entry(SubjectKind.USER, subject));
    }
}
