package io.platform.rbac.domain;

/** Compares what rbac-service's records hold with the cluster and puts back what drifted. */
public interface DriftReconciler {

    /** Every team binding, assignment and custom role. Never throws; a failure is retried by the next pass. */
    void reconcileAll();
}
