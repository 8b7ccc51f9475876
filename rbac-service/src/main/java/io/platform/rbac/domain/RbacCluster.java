package io.platform.rbac.domain;

/**
 * The cluster as rbac-service needs it. Implementations throw {@link ClusterRefusedException} when the API server
 * refuses for good (forbidden, invalid) and {@link ClusterUnavailableException} for anything worth retrying.
 */
public interface RbacCluster {

    /** Creates the RoleBinding or brings an existing one to the desired subject and role. */
    void applyBinding(TeamBinding binding);
}
