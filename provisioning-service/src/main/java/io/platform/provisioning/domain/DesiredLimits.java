package io.platform.provisioning.domain;

import java.util.Map;
import java.util.Objects;

/** The LimitRange with the tier's container defaults: {@code default} (limits) and {@code defaultRequest}. */
public record DesiredLimits(String name, Map<String, String> containerDefaultLimits,
                            Map<String, String> containerDefaultRequests) {

    public static final String NAME = "platform-limits";

    public DesiredLimits {
        Objects.requireNonNull(name);
        containerDefaultLimits = Map.copyOf(containerDefaultLimits);
        containerDefaultRequests = Map.copyOf(containerDefaultRequests);
    }
}
