package io.platform.catalog.domain;

import java.time.Instant;

/** Announces instance requests on the service-instances topic; returns once the broker acknowledged. */
public interface InstanceEvents {

    void requested(ServiceInstance instance, Instant at);

    void deletionRequested(ServiceInstance instance, String deletionRequestId, String actor, Instant at);
}
