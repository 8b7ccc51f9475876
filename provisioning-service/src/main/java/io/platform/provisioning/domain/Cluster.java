package io.platform.provisioning.domain;

import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes cluster as the saga needs it. Every write is create-or-update (or a JSON merge patch of the keys the
 * platform owns), so running a step again converges to the same objects. Implementations throw
 * {@link ClusterRefusedException} when the API server refuses a write for good, and {@link ClusterUnavailableException}
 * for anything worth retrying.
 */
public interface Cluster {

    /** The namespace as it exists in the cluster, if it does. */
    Optional<ExistingNamespace> findNamespace(String name);

    /** Namespace step: the Namespace with its labels and annotations, the ResourceQuota and the LimitRange. */
    void applyNamespace(DesiredObjects desired);

    /** Policies step: Pod Security labels, the NetworkPolicy of the mode (removed for open) and feature labels. */
    void applyPolicies(DesiredObjects desired);

    /**
     * A day-2 change (or putting a previous state back): the Namespace's platform labels and annotations become
     * {@code next}'s, keys only {@code previous} had are removed (a disabled feature's labels, a cleared description),
     * quota, limits and NetworkPolicy are rewritten. Labels and annotations others set stay untouched.
     */
    void applyChange(DesiredObjects previous, DesiredObjects next);

    /**
     * Compensation: removes the objects the request wrote. The Namespace itself is deleted only when it carries the
     * request's id, so a namespace the request did not create is never removed.
     */
    void remove(String namespace, String requestId);

    /**
     * Deletion: removes the platform's objects in the namespace one by one (a real API server would cascade, the CRUD
     * mock does not), then deletes the Namespace.
     *
     * @return the objects deleted, as {@code Kind/name}
     */
    List<String> deleteNamespace(String namespace);

    /** What the cluster holds of the platform's objects of a namespace, for drift detection. */
    ObservedNamespace observe(String namespace);

    /** Puts one drifted object back as {@code desired} says (for a NetworkPolicy of mode open: deletes it). */
    void repair(DesiredObjects desired, Drift drift);
}
