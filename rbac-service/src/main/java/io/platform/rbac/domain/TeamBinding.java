package io.platform.rbac.domain;

import java.util.Objects;

/**
 * The RoleBinding that gives a team its role in one namespace: subject {@code Group <groupPrefix><team>}, role
 * {@code ClusterRole <clusterRole>}, named {@code team-<team>-admin}.
 *
 * @param requestId the platform request the binding was made for
 */
public record TeamBinding(String namespace, String name, String team, String subjectGroup, String clusterRole,
                          String requestId) {

    public static final String RBAC_API_GROUP = "rbac.authorization.k8s.io";
    public static final String SUBJECT_KIND = "Group";
    public static final String ROLE_KIND = "ClusterRole";

    public TeamBinding {
        Objects.requireNonNull(namespace);
        Objects.requireNonNull(name);
        Objects.requireNonNull(team);
        Objects.requireNonNull(subjectGroup);
        Objects.requireNonNull(clusterRole);
        Objects.requireNonNull(requestId);
    }

    /** The binding of the namespace's owning team. */
    public static TeamBinding forTeam(String namespace, String team, String requestId, RbacSettings settings) {
        if (team == null || team.isBlank()) {
            throw new IllegalArgumentException("a namespace without a team cannot be bound");
        }
        return new TeamBinding(namespace, "team-" + team + "-admin", team, settings.groupPrefix() + team,
                settings.clusterRole(), requestId);
    }
}
