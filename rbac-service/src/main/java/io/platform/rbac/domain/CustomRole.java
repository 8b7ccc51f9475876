package io.platform.rbac.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A role defined through the platform's API and kept in the cluster as a Role (in {@code namespace}) or ClusterRole.
 *
 * @param namespace   the Role's namespace; {@code null} for a ClusterRole
 * @param requestId   the API request that last created or changed it
 * @param createdBy   who created it
 */
public record CustomRole(String id, RoleKind kind, String namespace, String name, String description,
                         List<AccessRule> rules, String requestId, String createdBy, Instant createdAt, Instant updatedAt) {

    public CustomRole {
        Objects.requireNonNull(id);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(name);
        rules = List.copyOf(rules);
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(createdBy);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(updatedAt);
        if ((kind == RoleKind.ROLE) == (namespace == null)) {
            throw new IllegalArgumentException("a Role has a namespace, a ClusterRole none");
        }
    }

    public CustomRole withRules(String newDescription, List<AccessRule> newRules, String changeRequestId, Instant now) {
        return new CustomRole(id, kind, namespace, name, newDescription, newRules, changeRequestId, createdBy, createdAt, now);
    }

    /** {@code Role/<name>} or {@code ClusterRole/<name>}. */
    public String reference() {
        return kind.value() + "/" + name;
    }
}
