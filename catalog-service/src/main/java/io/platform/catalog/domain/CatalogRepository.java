package io.platform.catalog.domain;

import java.util.List;
import java.util.Optional;

/** The catalog store. */
public interface CatalogRepository {

    List<TierDefinition> tiers();

    Optional<TierDefinition> tier(String name);

    List<FeatureDefinition> features();

    Optional<FeatureDefinition> feature(String name);
}
