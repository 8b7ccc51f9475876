package io.platform.rbac.domain;

import java.util.List;
import java.util.Optional;

/** The bindings rbac-service manages and the events it has handled. Callers demarcate transactions. */
public interface BindingStore {

    /** The outcome recorded for a handled event, if it was handled before. */
    Optional<BindingOutcome> findOutcome(String eventId);

    /** Records the outcome of an event and, when applied, the binding (one per namespace and name). */
    void record(BindingOutcome outcome);

    /** The outcome's answer was acknowledged by the broker. */
    void markPublished(String eventId);

    /** Managed bindings, of one namespace or of all when {@code namespace} is {@code null}, by namespace and name. */
    List<ManagedBinding> list(String namespace);
}
