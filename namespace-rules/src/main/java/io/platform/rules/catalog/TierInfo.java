package io.platform.rules.catalog;

import java.util.Objects;

/**
 * A quota tier as the catalog defines it.
 *
 * @param cpu     quota for requests.cpu and limits.cpu (Kubernetes quantity)
 * @param memory  quota for requests.memory and limits.memory
 * @param storage quota for requests.storage
 */
public record TierInfo(String name, String description, String cpu, String memory, String storage,
                       int pods, int services, int persistentVolumeClaims, long monthlyCostCents,
                       String defaultCpuRequest, String defaultCpuLimit,
                       String defaultMemoryRequest, String defaultMemoryLimit) {

    public TierInfo {
        Objects.requireNonNull(name);
    }
}
