package io.platform.provisioning.domain;

import io.platform.rules.NamespaceSpecification;
import io.platform.rules.catalog.FeatureInfo;
import io.platform.rules.catalog.TierInfo;
import java.util.List;
import java.util.Map;

/** Catalog entries and specs as the catalog service publishes them. */
public final class TestCatalog {

    public static final TierInfo SMALL = new TierInfo("small", "Small", "2", "4Gi", "20Gi", 10, 5, 10, 10_000,
            "100m", "500m", "128Mi", "512Mi");
    public static final TierInfo LARGE = new TierInfo("large", "Large", "8", "16Gi", "100Gi", 50, 20, 10, 40_000,
            "250m", "1", "256Mi", "1Gi");
    public static final FeatureInfo MONITORING = new FeatureInfo("monitoring", "Prometheus scraping",
            Map.of("platform.io/monitoring-enabled", "true"), Map.of("prometheus.io/scrape", "true"));
    public static final FeatureInfo BACKUP = new FeatureInfo("backup", "Velero backups",
            Map.of("backup.platform.io/enabled", "true"), Map.of("backup.platform.io/schedule", "@daily"));

    private TestCatalog() {
    }

    public static NamespaceSpecification spec(String name, String environment, String tier, String mode, String... features) {
        return new NamespaceSpecification(name, "payments", environment, tier, mode, List.of(features),
                "Payments API", "CC-1234");
    }
}
