package io.platform.gateway.domain;

import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceSpecification;
import java.time.Instant;

/** Puts accepted requests on the request topic. */
public interface RequestPublisher {

    /**
     * Publishes the request and returns once it is durably written.
     *
     * @throws PublicationFailedException when it could not be written; nothing may be assumed about the request then
     */
    void publishRequested(String requestId, NamespaceSpecification spec, String actor, Instant occurredAt);

    /** Publishes a day-2 change of a namespace, as {@link #publishRequested}. */
    void publishUpdateRequested(String requestId, String name, NamespaceChanges changes, String actor, Instant occurredAt);

    /** Publishes the deletion of a namespace, as {@link #publishRequested}; {@code reason} may be {@code null}. */
    void publishDeletionRequested(String requestId, String name, String reason, String actor, Instant occurredAt);
}
