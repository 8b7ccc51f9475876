package io.platform.gateway.domain;

import io.platform.rules.NamespaceSpecification;
import java.time.Instant;
import java.util.Objects;

/**
 * The read model of a namespace: its current desired state and status, and the request that created it.
 *
 * @param requestId the create request that owns the name
 */
public record Namespace(String name, String team, NamespaceSpecification spec, LifecycleStatus status, String requestId,
                        Instant createdAt, Instant updatedAt) {

    public Namespace {
        Objects.requireNonNull(name);
        Objects.requireNonNull(spec);
        Objects.requireNonNull(status);
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(updatedAt);
    }

    public static Namespace pending(NamespaceSpecification spec, String requestId, Instant at) {
        return new Namespace(spec.name(), spec.team(), spec, LifecycleStatus.PENDING, requestId, at, at);
    }

    public boolean isOwnedBy(String request) {
        return requestId.equals(request);
    }

    public Namespace with(NamespaceSpecification nextSpec, LifecycleStatus nextStatus, String owner, Instant at) {
        return new Namespace(name, nextSpec.team(), nextSpec, nextStatus, owner, createdAt, at.isAfter(updatedAt) ? at : updatedAt);
    }

    public Namespace withStatus(LifecycleStatus nextStatus, Instant at) {
        return with(spec, nextStatus, requestId, at);
    }
}
