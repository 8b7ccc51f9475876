package io.platform.templates;

import io.platform.rules.catalog.TierInfo;
import java.math.BigDecimal;

/**
 * A tier's ResourceQuota (cpu and memory bound both requests and limits) and the LimitRange defaults a container
 * without requests or limits receives.
 */
public record TierQuota(String tier, BigDecimal cpu, BigDecimal memory, BigDecimal storage, int pods, int services,
                        int persistentVolumeClaims, BigDecimal defaultCpuRequest, BigDecimal defaultCpuLimit,
                        BigDecimal defaultMemoryRequest, BigDecimal defaultMemoryLimit) {

    public static TierQuota of(TierInfo tier) {
        return new TierQuota(tier.name(), Quantities.parse(tier.cpu()), Quantities.parse(tier.memory()),
                Quantities.parse(tier.storage()), tier.pods(), tier.services(), tier.persistentVolumeClaims(),
                Quantities.parse(tier.defaultCpuRequest()), Quantities.parse(tier.defaultCpuLimit()),
                Quantities.parse(tier.defaultMemoryRequest()), Quantities.parse(tier.defaultMemoryLimit()));
    }
}
