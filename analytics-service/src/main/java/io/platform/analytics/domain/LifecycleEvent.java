package io.platform.analytics.domain;

import java.time.Instant;

/**
 * What analytics takes from the platform's events, free of their wire format. Every event has its envelope's event id
 * (for deduplication), request id and time.
 */
public sealed interface LifecycleEvent {

    String eventId();

    String requestId();

    Instant at();

    /** A create, update or delete request entered the platform. */
    record Requested(String eventId, String requestId, Instant at, RequestKind kind, NamespaceAttributes attributes)
            implements LifecycleEvent {
    }

    /** The namespace exists in Kubernetes, provisioning goes on. */
    record Provisioned(String eventId, String requestId, Instant at) implements LifecycleEvent {
    }

    /** The namespace is usable: cost starts. {@code tierPriceCents} is the catalog's price now (0 when unknown). */
    record Ready(String eventId, String requestId, Instant at, NamespaceAttributes attributes, long tierPriceCents)
            implements LifecycleEvent {
    }

    /** A day-2 change was applied; {@code attributes} is the full new state. */
    record Updated(String eventId, String requestId, Instant at, NamespaceAttributes attributes, long tierPriceCents)
            implements LifecycleEvent {
    }

    record Deleted(String eventId, String requestId, Instant at) implements LifecycleEvent {
    }

    record Failed(String eventId, String requestId, Instant at) implements LifecycleEvent {
    }

    record Rejected(String eventId, String requestId, Instant at, NamespaceAttributes attributes) implements LifecycleEvent {
    }

    /** A service instance runs in the namespace (again, after a redeploy) at this monthly price. */
    record InstanceDeployed(String eventId, String requestId, Instant at, String instance, String template, String version,
                            long monthlyPriceCents) implements LifecycleEvent {
    }

    record InstanceDeleted(String eventId, String requestId, Instant at, String instance) implements LifecycleEvent {
    }

    /** A role was assigned ({@code +1}) or revoked ({@code -1}) in the namespace. */
    record RoleAssignment(String eventId, String requestId, Instant at, int change) implements LifecycleEvent {
    }

    /** What a request asked for. */
    enum RequestKind { CREATE, UPDATE, DELETE }
}
