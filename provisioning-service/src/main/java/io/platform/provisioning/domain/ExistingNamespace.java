package io.platform.provisioning.domain;

import java.util.Objects;

/**
 * A namespace found in the cluster.
 *
 * @param requestId   the platform request that created it ({@code platform.io/request-id}), or {@code null} for a
 *                    namespace the platform did not create
 * @param terminating the namespace is being deleted (a real API server deletes namespaces asynchronously)
 */
public record ExistingNamespace(String name, String requestId, boolean terminating) {

    public ExistingNamespace {
        Objects.requireNonNull(name);
    }

    public ExistingNamespace(String name, String requestId) {
        this(name, requestId, false);
    }

    public boolean createdBy(String request) {
        return request.equals(requestId);
    }
}
