package io.platform.gateway.domain;

import io.platform.rules.NamespaceSpecification;
import io.platform.rules.catalog.FeatureInfo;
import io.platform.rules.catalog.TierInfo;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test data: specifications, a loaded catalog, times. */
public final class Specs {

    public static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private Specs() {
    }

    static NamespaceSpecification spec(String name, String team) {
        return new NamespaceSpecification(name, team, "development", "small", "isolated", List.of("monitoring"),
                "payments API", "cc-1234");
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    public static TierCatalog catalog(boolean loaded) {
        TierInfo small = new TierInfo("small", "Small", "2", "4Gi", "20Gi", 10, 5, 10, 10_000, "100m", "500m", "128Mi", "512Mi");
        FeatureInfo monitoring = new FeatureInfo("monitoring", "Prometheus scraping", Map.of("platform.io/monitoring", "true"), Map.of());
        return new TierCatalog() {
            @Override
            public boolean isLoaded() {
                return loaded;
            }

            @Override
            public Optional<TierInfo> tier(String name) {
                return loaded && "small".equals(name) ? Optional.of(small) : Optional.empty();
            }

            @Override
            public Optional<FeatureInfo> feature(String name) {
                return loaded && "monitoring".equals(name) ? Optional.of(monitoring) : Optional.empty();
            }

            @Override
            public Collection<TierInfo> tiers() {
                return loaded ? List.of(small) : List.of();
            }

            @Override
            public Collection<FeatureInfo> features() {
                return loaded ? List.of(monitoring) : List.of();
            }
        };
    }
}
