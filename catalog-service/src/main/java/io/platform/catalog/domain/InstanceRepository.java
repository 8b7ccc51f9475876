package io.platform.catalog.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Service instances and the namespaces they live in, as this service projects them. */
public interface InstanceRepository {

    Optional<NamespaceInfo> namespace(String name);

    void saveNamespace(NamespaceInfo namespace, Instant at);

    /** The live instance of that name, or else the latest one. */
    Optional<ServiceInstance> find(String namespace, String instanceName);

    Optional<ServiceInstance> byRequest(String requestId);

    List<ServiceInstance> list(String namespace, boolean includeDeleted);

    /** Stores a new instance; {@code false} when a live one holds the name or the request id is stored already. */
    boolean insert(ServiceInstance instance);

    void markDeleting(String requestId, String deletionRequestId, Instant at);

    void markDeployed(String requestId, List<String> objects, long monthlyCostCents, Instant at);

    void markFailed(String requestId, String step, String reason, Instant at);

    /** A deletion failed: the instance keeps its objects and stays DEPLOYED, with the reason recorded. */
    void markDeletionFailed(String deletionRequestId, String reason, Instant at);

    void markDeleted(String namespace, String instanceName, Instant at);

    /** Every live instance of a deleted namespace is gone with it. */
    void markAllDeleted(String namespace, Instant at);

    /** Records a consumed event id; {@code false} when it was consumed before. */
    boolean consume(String eventId);
}
