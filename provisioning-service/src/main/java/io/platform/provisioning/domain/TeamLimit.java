package io.platform.provisioning.domain;

/**
 * What one team may hold. A {@code null} limit is unlimited.
 *
 * @param maxNamespaces live namespaces of the team (pending, provisioning, ready, updating, deleting)
 * @param maxCpu        the sum of the tier CPU quotas of those namespaces, as a Kubernetes quantity
 * @param maxMemory     the sum of their tier memory quotas, as a Kubernetes quantity
 */
public record TeamLimit(Integer maxNamespaces, String maxCpu, String maxMemory) {

    public static final String MAX_NAMESPACES = "max-namespaces";
    public static final String MAX_CPU = "max-cpu";
    public static final String MAX_MEMORY = "max-memory";

    public TeamLimit {
        if (maxNamespaces != null && maxNamespaces < 0) {
            throw new IllegalArgumentException("max-namespaces must not be negative");
        }
        if (maxCpu != null) {
            Quantities.parse(maxCpu);
        }
        if (maxMemory != null) {
            Quantities.parse(maxMemory);
        }
    }

    public static TeamLimit unlimited() {
        return new TeamLimit(null, null, null);
    }
}
