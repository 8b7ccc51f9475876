package io.platform.rbac.domain;

import java.util.List;
import java.util.Optional;

/** The bindings rbac-service manages and the events it has handled. Callers demarcate transactions. */
public interface BindingStore {

    /** The outcome recorded for a handled event, if it was handled before. */
    Optional<BindingOutcome> findOutcome(String eventId);

    /** Records the outcome of an event and, when applied, the binding (one per namespace and name). */
    void record(BindingOutcome outcome);

    /** Managed bindings, of one namespace or of all when {@code namespace} is {@code null}, by namespace and name. */
    List<ManagedBinding> list(String namespace);

    /** The team binding, locked until the transaction ends; empty when absent or locked by another transaction. */
    Optional<ManagedBinding> tryLockBinding(String namespace, String name);

    /** Forgets a team binding (the namespace is deleted, or the request that made it failed). */
    void removeBinding(String namespace, String name);
}
