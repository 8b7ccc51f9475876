package io.platform.provisioning.domain;

/** Compares namespaces the platform manages with the cluster and puts back what drifted. */
public interface DriftReconciler {

    /** One namespace (a watched object of it changed). Never throws; a failure is retried by the next full pass. */
    void reconcile(String namespace);

    /** Every namespace the platform's records hold as READY: the periodic pass and the refill after a restart. */
    void reconcileAll();
}
