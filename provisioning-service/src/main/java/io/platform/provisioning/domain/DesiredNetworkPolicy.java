package io.platform.provisioning.domain;

import java.util.List;
import java.util.Objects;

/** An ingress NetworkPolicy selecting every pod of the namespace and allowing only the listed sources. */
public record DesiredNetworkPolicy(String name, List<IngressSource> allowedSources) {

    public static final String NAME = "platform-ingress";

    public DesiredNetworkPolicy {
        Objects.requireNonNull(name);
        allowedSources = List.copyOf(allowedSources);
    }
}
