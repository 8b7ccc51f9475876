package io.platform.rbac.domain;

/** Compares what rbac-service's records hold with the cluster and puts back what drifted. */
public interface DriftReconciler {

    /** Every team binding, assignment and custom role. Never throws; a failure is retried by the next pass. */
    void reconcileAll();

    /**
     * The one record behind a watched object that changed: kind {@code RoleBinding} (a team binding or an assignment),
     * {@code Role} or {@code ClusterRole}; namespace null for a ClusterRole. Objects without a record are left alone.
     * Never throws.
     *
     * @return {@code false} when the check could not be made now (the database or the API server failed) and should
     *         be made again shortly
     */
    boolean reconcile(String kind, String namespace, String name);
}
