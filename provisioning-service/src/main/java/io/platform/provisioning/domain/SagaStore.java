package io.platform.provisioning.domain;

import java.util.Optional;

/** Durable saga state: requests by id and the namespace names live requests own. Callers demarcate transactions. */
public interface SagaStore {

    Optional<ProvisioningSaga> find(String requestId);

    /** Reads the saga and locks it until the surrounding transaction ends, serialising every handler of one request. */
    Optional<ProvisioningSaga> lock(String requestId);

    /** Stores a new saga; returns {@code false} when one with its request id already exists. */
    boolean insert(ProvisioningSaga saga);

    /** Stores the new state of a saga, and the status of the namespace name it owns. */
    void update(ProvisioningSaga saga);

    /**
     * Claims the saga's namespace name for it. Succeeds when the name is free, owned by a failed, rejected or deleted
     * request, or already owned by this request.
     *
     * @return the id of the live request that owns the name instead, if any
     */
    Optional<String> claimName(ProvisioningSaga saga);
}
