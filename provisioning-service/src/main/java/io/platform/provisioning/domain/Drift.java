package io.platform.provisioning.domain;

import java.util.Objects;

/**
 * A managed object that differs from the platform's record.
 *
 * @param kind       {@code Namespace}, {@code ResourceQuota}, {@code LimitRange} or {@code NetworkPolicy}
 * @param objectName the object's name
 * @param change     what was found: {@code deleted}, or {@code modified: } with the differing fields
 */
public record Drift(String kind, String objectName, String change) {

    public static final String NAMESPACE = "Namespace";
    public static final String RESOURCE_QUOTA = "ResourceQuota";
    public static final String LIMIT_RANGE = "LimitRange";
    public static final String NETWORK_POLICY = "NetworkPolicy";

    public Drift {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(objectName);
        Objects.requireNonNull(change);
    }

    public boolean deleted() {
        return change.equals("deleted");
    }
}
