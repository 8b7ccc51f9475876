package io.platform.provisioning.domain;

/** Compares namespaces the platform manages with the cluster and puts back what drifted. */
public interface DriftReconciler {

    /**
     * One namespace (a watched object of it changed). Never throws.
     *
     * @return {@code false} when the namespace could not be checked now and should be checked again shortly: its
     *         record is held by a change in flight or not settled yet (a namespace still being provisioned or
     *         updated), or reading the cluster failed
     */
    boolean reconcile(String namespace);

    /** Every namespace the platform's records hold as READY: the periodic pass and the refill after a restart. */
    void reconcileAll();
}
