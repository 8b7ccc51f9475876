package io.platform.rbac.domain;

import java.util.Arrays;
import java.util.Optional;

/** A namespaced {@code Role} or a cluster-wide {@code ClusterRole}. */
public enum RoleKind {
    ROLE("Role"),
    CLUSTER_ROLE("ClusterRole");

    private final String value;

    RoleKind(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<RoleKind> fromValue(String value) {
        return Arrays.stream(values()).filter(kind -> kind.value.equals(value)).findFirst();
    }
}
