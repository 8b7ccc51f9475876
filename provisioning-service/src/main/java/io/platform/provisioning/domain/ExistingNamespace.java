package io.platform.provisioning.domain;

import java.util.Objects;

/**
 * A namespace found in the cluster.
 *
 * @param requestId   the platform request that created it ({@code platform.io/request-id}), or {@code null} for a
 *                    namespace the platform did not create
 * @param terminating the namespace is being deleted (a real API server deletes namespaces asynchronously)
 * @param protectedFromDeletion it carries {@code platform.io/protected=true}
 */
public record ExistingNamespace(String name, String requestId, boolean terminating, boolean protectedFromDeletion) {

    public ExistingNamespace {
        Objects.requireNonNull(name);
    }

    public ExistingNamespace(String name, String requestId, boolean terminating) {
        this(name, requestId, terminating, false);
    }

    public ExistingNamespace(String name, String requestId) {
        this(name, requestId, false, false);
    }

    public boolean createdBy(String request) {
        return request.equals(requestId);
    }
}
