package io.platform.gateway.web;

import io.platform.gateway.domain.LifecycleStatus;
import io.platform.gateway.domain.Namespace;
import io.platform.rules.NamespaceSpecification;
import java.time.Instant;
import java.util.List;

/** A namespace as the read endpoints show it. */
public record NamespaceView(String name, String team, LifecycleStatus status, NamespaceSpecification spec,
                            String requestId, Instant createdAt, Instant updatedAt) {

    public static NamespaceView of(Namespace namespace) {
        return new NamespaceView(namespace.name(), namespace.team(), namespace.status(), namespace.spec(),
                namespace.requestId(), namespace.createdAt(), namespace.updatedAt());
    }

    /** One page of a listing, with the number of namespaces matching the filter in all. */
    public record Page(List<NamespaceView> items, int page, int size, long total) {
    }
}
