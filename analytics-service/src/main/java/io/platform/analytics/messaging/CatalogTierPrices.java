package io.platform.analytics.messaging;

import io.platform.analytics.domain.TierPrices;
import io.platform.common.catalog.CatalogReplica;
import io.platform.rules.catalog.TierInfo;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Tier prices from the local replica of the compacted catalog topic. */
@Component
public class CatalogTierPrices implements TierPrices {

    private final CatalogReplica catalog;

    public CatalogTierPrices(CatalogReplica catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<Long> monthlyCostCents(String tier) {
        return catalog.tier(tier).map(TierInfo::monthlyCostCents);
    }
}
