package io.platform.rbac.domain;

import java.util.Objects;

/**
 * How a team maps onto Kubernetes RBAC.
 *
 * @param groupPrefix prefix of the IdP group a team's members are in: group {@code <prefix><team>}
 * @param clusterRole the ClusterRole a team holds in its own namespaces
 */
public record RbacSettings(String groupPrefix, String clusterRole) {

    public RbacSettings {
        Objects.requireNonNull(groupPrefix);
        Objects.requireNonNull(clusterRole);
    }

    public static RbacSettings defaults() {
        return new RbacSettings("team-", "admin");
    }
}
