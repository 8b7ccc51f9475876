package io.platform.rbac.domain;

import java.util.List;
import java.util.Optional;

/**
 * The cluster as rbac-service needs it. Writes are create-or-update (a RoleBinding whose role changes is recreated:
 * {@code roleRef} is immutable on a real API server). Implementations throw {@link ClusterRefusedException} when the
 * API server refuses for good (forbidden, invalid) and {@link ClusterUnavailableException} for anything worth retrying.
 */
public interface RbacCluster {

    /** Creates the team's RoleBinding or brings an existing one to the desired subject and role. */
    void applyBinding(TeamBinding binding);

    /** Creates or updates the RoleBinding of an assignment. */
    void applyAssignment(Assignment assignment);

    /** Deletes a RoleBinding; an absent one is fine. */
    void removeBinding(String namespace, String name);

    /** Creates or updates a custom Role or ClusterRole. */
    void applyRole(CustomRole role);

    /** Deletes a Role ({@code namespace} set) or ClusterRole; an absent one is fine. */
    void removeRole(RoleKind kind, String namespace, String name);

    /** Whether a role of that name exists in the cluster without being the platform's (it must not be taken over). */
    boolean existsUnmanaged(RoleKind kind, String namespace, String name);

    /** The rules of a ClusterRole as the cluster holds it, if it exists. */
    Optional<List<AccessRule>> clusterRoleRules(String name);

    /** The RoleBindings the platform manages in a namespace (label {@code platform.io/managed=true}), by name. */
    List<String> managedBindings(String namespace);

    /** The role and subjects of a RoleBinding, if it exists. */
    Optional<BindingShape> observeBinding(String namespace, String name);

    /** The rules of a Role ({@code namespace} set) or ClusterRole, if it exists. */
    Optional<List<AccessRule>> observeRole(RoleKind kind, String namespace, String name);
}
