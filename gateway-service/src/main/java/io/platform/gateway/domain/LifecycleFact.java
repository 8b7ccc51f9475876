package io.platform.gateway.domain;

import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import java.time.Instant;
import java.util.List;

/**
 * What the request and lifecycle topics tell the gateway, independent of the wire format. Every fact carries its event
 * id (for deduplication), the request it belongs to, the namespace name and when it happened.
 */
public sealed interface LifecycleFact {

    String eventId();

    String requestId();

    String name();

    Instant occurredAt();

    /** A request on the request topic, whoever published it; {@code spec} only for CREATE, {@code changes} only for UPDATE. */
    record Requested(String eventId, String requestId, String name, Instant occurredAt, RequestType type,
                     NamespaceSpecification spec, NamespaceChanges changes, String actor, String source)
            implements LifecycleFact {
    }

    record Provisioned(String eventId, String requestId, String name, Instant occurredAt, NamespaceSpecification spec,
                       List<String> objects) implements LifecycleFact {
    }

    record PoliciesApplied(String eventId, String requestId, String name, Instant occurredAt, String networkPolicy,
                           String podSecurityLevel) implements LifecycleFact {
    }

    record RbacApplied(String eventId, String requestId, String name, Instant occurredAt, String team,
                       String roleBinding) implements LifecycleFact {
    }

    record RbacFailed(String eventId, String requestId, String name, Instant occurredAt, String reason)
            implements LifecycleFact {
    }

    record Ready(String eventId, String requestId, String name, Instant occurredAt, NamespaceSpecification spec)
            implements LifecycleFact {
    }

    record Rejected(String eventId, String requestId, String name, Instant occurredAt, RequestType requestType,
                    List<Violation> violations) implements LifecycleFact {
    }

    record ProvisioningFailed(String eventId, String requestId, String name, Instant occurredAt, String step,
                              String reason, boolean retryable) implements LifecycleFact {
    }

    record Updated(String eventId, String requestId, String name, Instant occurredAt, NamespaceSpecification spec)
            implements LifecycleFact {
    }

    record Deleted(String eventId, String requestId, String name, Instant occurredAt, String team)
            implements LifecycleFact {
    }

    /** provisioning-service accepted a deletion and asked the other services to release what they hold. */
    record DeletionStarted(String eventId, String requestId, String name, Instant occurredAt, String team, String reason)
            implements LifecycleFact {
    }

    /** rbac-service removed its bindings and roles from a namespace being deleted. */
    record RbacRemoved(String eventId, String requestId, String name, Instant occurredAt, List<String> objects)
            implements LifecycleFact {
    }
}
