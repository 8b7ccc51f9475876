package io.platform.analytics.domain;

import java.util.Optional;

/** Current monthly tier prices, in US cents, from the catalog. */
public interface TierPrices {

    Optional<Long> monthlyCostCents(String tier);
}
