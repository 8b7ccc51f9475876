package io.platform.catalog.domain;

import io.platform.rules.catalog.FeatureInfo;
import java.time.Instant;

/** A feature as stored: its definition and the revision that changes whenever the definition does. */
public record FeatureDefinition(FeatureInfo feature, int revision, Instant updatedAt) {

    /** Catalog topic key. */
    public String key() {
        return "feature:" + feature.name();
    }
}
