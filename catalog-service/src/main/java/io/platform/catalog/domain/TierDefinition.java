package io.platform.catalog.domain;

import io.platform.rules.catalog.TierInfo;
import java.time.Instant;

/** A tier as stored: its definition and the revision that changes whenever the definition does. */
public record TierDefinition(TierInfo tier, int revision, Instant updatedAt) {

    /** Catalog topic key. */
    public String key() {
        return "tier:" + tier.name();
    }
}
