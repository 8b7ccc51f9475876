package io.platform.gateway.domain;

import java.util.Optional;

/** Where the gateway keeps accepted requests and the projected state of requests and namespaces. */
public interface ReadModel {

    /** Remembers a processed event; {@code false} if it was processed before (the caller then skips it). */
    boolean recordEvent(String eventId);

    Optional<NamespaceRequest> findRequest(String requestId);

    /** The request, locked against concurrent changes until the unit of work ends. */
    Optional<NamespaceRequest> lockRequest(String requestId);

    /**
     * Writes the request's new state. With no {@code before} the request is inserted, and a concurrent insert of the
     * same request fails with {@link ConcurrentChangeException} instead of being overwritten.
     */
    void saveRequest(Optional<NamespaceRequest> before, NamespaceRequest after);

    Optional<Namespace> findNamespace(String name);

    Optional<Namespace> lockNamespace(String name);

    /** Writes a namespace's new state (empty: no row), with the same concurrent-insert rule as requests. */
    void saveNamespace(Optional<Namespace> before, Optional<Namespace> after);

    /**
     * Takes the name for a new request, atomically: succeeds when no namespace holds the name, or the one that held it
     * released it (failed, deleted). {@code false} when the name is taken.
     */
    boolean claimName(Namespace pending);

    /** The page of namespaces matching the filter, ordered by name, with the number of all matches. */
    NamespacePage listNamespaces(NamespaceFilter filter);

    /** The newest request for the name that is not answered yet (PENDING or in progress), if any. */
    Optional<NamespaceRequest> findOpenRequest(String name);
}
