package io.platform.provisioning.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Durable saga state: requests by id, and the platform's record of every namespace (name ownership, status, what was
 * applied). Callers demarcate transactions.
 */
public interface SagaStore {

    Optional<ProvisioningSaga> find(String requestId);

    /** Reads the saga and locks it until the surrounding transaction ends, serialising every handler of one request. */
    Optional<ProvisioningSaga> lock(String requestId);

    /** Like {@link #lock}, but empty at once when another transaction holds the lock (for background sweeps). */
    Optional<ProvisioningSaga> tryLock(String requestId);

    /** Stores a new saga; returns {@code false} when one with its request id already exists. */
    boolean insert(ProvisioningSaga saga);

    /** Stores the new state of a saga. */
    void update(ProvisioningSaga saga);

    /** Remembers the last transient error of a request (outside its transaction, which is rolled back). */
    void recordError(String requestId, String error, Instant at);

    /** The last transient error recorded for a request, if any. */
    Optional<String> lastError(String requestId);

    /**
     * Claims the namespace name for a create request with the given record. Succeeds when the name is free, owned by
     * a failed, rejected or deleted namespace, or already owned by this request.
     *
     * @return the id of the live request that owns the name instead, if any
     */
    Optional<String> claimName(ManagedNamespace candidate);

    Optional<ManagedNamespace> namespace(String name);

    /** Reads the namespace record and locks it until the surrounding transaction ends. */
    Optional<ManagedNamespace> lockNamespace(String name);

    /** Like {@link #lockNamespace}, but empty at once when another transaction holds the lock (drift repair). */
    Optional<ManagedNamespace> tryLockNamespace(String name);

    /** Stores the namespace record (insert or replace). */
    void saveNamespace(ManagedNamespace namespace);

    /** The team's namespaces in one of the statuses. */
    List<ManagedNamespace> namespacesOfTeam(String team, Set<SagaStatus> statuses);

    /** Serialises limit checks of one team until the surrounding transaction ends. */
    void lockTeam(String team);

    /** Every namespace record in one of the statuses, by name. */
    List<ManagedNamespace> namespacesWithStatus(Set<SagaStatus> statuses);

    long countNamespaces(Set<SagaStatus> statuses);

    /** Requests in one of the statuses whose current attempt started before {@code cutoff}. */
    List<String> startedBefore(Set<SagaStatus> statuses, Instant cutoff, int limit);

    /** A failed request whose clean-up could not finish yet ({@code true}), or finished ({@code false}). */
    void markCleanupPending(String requestId, boolean pending);

    /** Failed requests whose clean-up is still to be done. */
    List<String> cleanupPending(int limit);

    /** Requests in one of the statuses whose last transition is older than {@code cutoff}. */
    List<String> idleSince(Set<SagaStatus> statuses, Instant cutoff, int limit);
}
