package io.platform.rules.catalog;

import java.util.Collection;
import java.util.Optional;

/** Read access to the tier and feature catalog (a local replica of the compacted catalog topic). */
public interface CatalogView {

    Optional<TierInfo> tier(String name);

    Optional<FeatureInfo> feature(String name);

    Collection<TierInfo> tiers();

    Collection<FeatureInfo> features();
}
