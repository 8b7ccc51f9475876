package io.platform.rules;

import io.platform.rules.catalog.CatalogView;
import io.platform.rules.catalog.FeatureInfo;
import io.platform.rules.catalog.TierInfo;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The product's standard catalog, in memory. */
final class TestCatalog implements CatalogView {

    private static final List<TierInfo> TIERS = List.of(
            tier("micro", "1", "2Gi", "10Gi", 5, 3, 5000),
            tier("small", "2", "4Gi", "20Gi", 10, 5, 10000),
            tier("medium", "4", "8Gi", "50Gi", 20, 10, 20000),
            tier("large", "8", "16Gi", "100Gi", 50, 20, 40000));
    private static final List<FeatureInfo> FEATURES = List.of(
            new FeatureInfo("monitoring", "", Map.of("platform.io/monitoring", "enabled"), Map.of()),
            new FeatureInfo("service-mesh", "", Map.of("istio-injection", "enabled"), Map.of()),
            new FeatureInfo("backup", "", Map.of("platform.io/backup", "daily"), Map.of()));

    private static TierInfo tier(String name, String cpu, String memory, String storage, int pods, int services, long cents) {
        return new TierInfo(name, "", cpu, memory, storage, pods, services, 10, cents, "100m", "500m", "128Mi", "512Mi");
    }

    @Override
    public Optional<TierInfo> tier(String name) {
        return TIERS.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    @Override
    public Optional<FeatureInfo> feature(String name) {
        return FEATURES.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    @Override
    public Collection<TierInfo> tiers() {
        return TIERS;
    }

    @Override
    public Collection<FeatureInfo> features() {
        return FEATURES;
    }
}
