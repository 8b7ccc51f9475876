package io.platform.gateway.domain;

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
}
