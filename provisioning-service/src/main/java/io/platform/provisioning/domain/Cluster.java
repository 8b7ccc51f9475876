package io.platform.provisioning.domain;

import java.util.Optional;

/**
 * The Kubernetes cluster as the saga needs it. Every write is create-or-update, so running a step again converges to
 * the same objects. Implementations throw {@link ClusterRefusedException} when the API server refuses a write for
 * good, and {@link ClusterUnavailableException} for anything worth retrying.
 */
public interface Cluster {

    /** The namespace as it exists in the cluster, if it does. */
    Optional<ExistingNamespace> findNamespace(String name);

    /** Namespace step: the Namespace with its labels and annotations, the ResourceQuota and the LimitRange. */
    void applyNamespace(DesiredObjects desired);

    /** Policies step: Pod Security labels, the NetworkPolicy of the mode (removed for open) and feature labels. */
    void applyPolicies(DesiredObjects desired);

    /**
     * Compensation: removes the objects the request wrote. The Namespace itself is deleted only when it carries the
     * request's id, so a namespace the request did not create is never removed.
     */
    void remove(String namespace, String requestId);
}
