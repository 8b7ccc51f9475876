package io.platform.provisioning.domain;

import java.util.Map;
import java.util.Objects;

/** The ResourceQuota of a tier: hard limits by resource name, as Kubernetes quantities. */
public record DesiredQuota(String name, Map<String, String> hard) {

    public static final String NAME = "platform-quota";

    public DesiredQuota {
        Objects.requireNonNull(name);
        hard = Map.copyOf(hard);
    }
}
