package io.platform.catalog.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A service instance as catalog-service knows it.
 *
 * @param requestId         the request that created it (the {@code requestId} of every event about its deployment)
 * @param parameters        the validated parameters with defaults applied, as JSON (never secrets)
 * @param usage             what it requests of the namespace's quota ({@code requests.cpu=500m}, ...)
 * @param objects           the objects provisioning-service wrote, as {@code Kind/name}
 * @param deletionRequestId the request that deletes it, once asked
 */
public record ServiceInstance(String requestId, String namespace, String instanceName, String template, String version,
                              String parameters, Map<String, String> usage, List<String> objects, long monthlyCostCents,
                              InstanceStatus status, String failureStep, String failureReason, String deletionRequestId,
                              String requestedBy, Instant createdAt, Instant updatedAt) {

    public ServiceInstance {
        usage = usage == null ? Map.of() : Map.copyOf(usage);
        objects = objects == null ? List.of() : List.copyOf(objects);
    }
}
