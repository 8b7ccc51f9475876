package io.platform.rbac.domain;

import java.util.List;
import java.util.Objects;

/**
 * One Kubernetes RBAC rule: the verbs allowed on resources of API groups, optionally only on named objects.
 *
 * @param apiGroups     {@code ""} for the core group, {@code "*"} for all
 * @param resources     resource names (plural, with subresources as {@code pods/log}), {@code "*"} for all
 * @param verbs         {@code get}, {@code list}, ..., {@code "*"} for all
 * @param resourceNames object names the rule is limited to; empty for every object
 */
public record AccessRule(List<String> apiGroups, List<String> resources, List<String> verbs, List<String> resourceNames) {

    public AccessRule {
        apiGroups = apiGroups == null ? List.of() : List.copyOf(apiGroups);
        resources = resources == null ? List.of() : List.copyOf(resources);
        verbs = verbs == null ? List.of() : List.copyOf(verbs);
        resourceNames = resourceNames == null ? List.of() : List.copyOf(resourceNames);
    }

    public AccessRule(List<String> apiGroups, List<String> resources, List<String> verbs) {
        this(apiGroups, resources, verbs, List.of());
    }

    /** The rule with sorted, de-duplicated lists: two rules granting the same compare equal. */
    public AccessRule normalized() {
        return new AccessRule(sorted(apiGroups), sorted(resources), sorted(verbs), sorted(resourceNames));
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().filter(Objects::nonNull).distinct().sorted().toList();
    }
}
