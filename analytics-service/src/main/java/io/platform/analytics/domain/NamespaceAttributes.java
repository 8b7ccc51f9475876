package io.platform.analytics.domain;

import java.util.Objects;

/** What costs are attributed by: the namespace and its owner, environment, tier and cost center. */
public record NamespaceAttributes(String name, String team, String environment, String tier, String costCenter) {

    public NamespaceAttributes {
        Objects.requireNonNull(name, "name");
    }
}
