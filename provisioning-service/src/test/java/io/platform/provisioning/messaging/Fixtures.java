package io.platform.provisioning.messaging;

import io.platform.events.catalog.FeatureDefined;
import io.platform.events.catalog.TierDefined;
import io.platform.events.namespace.NamespaceDeletionRequested;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.events.namespace.NamespaceUpdateRequested;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.schemas.EventEnvelopes;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events as the catalog service and the gateway (or any external system) publish them. */
public final class Fixtures {

    private Fixtures() {
    }

    public static TierDefined small() {
        return tier("small", "2", "4Gi", "20Gi", 10, 5, 10_000);
    }

    public static TierDefined micro() {
        return tier("micro", "1", "2Gi", "10Gi", 5, 3, 5_000);
    }

    public static TierDefined tier(String name, String cpu, String memory, String storage, int pods, int services, long cents) {
        return TierDefined.newBuilder()
                .setEnvelope(EventEnvelopes.create("catalog-seed", "catalog-admin", "catalog-service", Instant.now()))
                .setName(name)
                .setDescription(name + " tier")
                .setCpu(cpu)
                .setMemory(memory)
                .setStorage(storage)
                .setPods(pods)
                .setServices(services)
                .setPersistentVolumeClaims(10)
                .setMonthlyCostCents(cents)
                .setDefaultCpuRequest("100m")
                .setDefaultCpuLimit("500m")
                .setDefaultMemoryRequest("128Mi")
                .setDefaultMemoryLimit("512Mi")
                .build();
    }

    public static FeatureDefined monitoring() {
        return FeatureDefined.newBuilder()
                .setEnvelope(EventEnvelopes.create("catalog-seed", "catalog-admin", "catalog-service", Instant.now()))
                .setName("monitoring")
                .setDescription("Prometheus scraping")
                .setLabels(Map.of("platform.io/monitoring-enabled", "true"))
                .setAnnotations(Map.of("prometheus.io/scrape", "true"))
                .build();
    }

    public static FeatureDefined backup() {
        return FeatureDefined.newBuilder()
                .setEnvelope(EventEnvelopes.create("catalog-seed", "catalog-admin", "catalog-service", Instant.now()))
                .setName("backup")
                .setDescription("Velero backups")
                .setLabels(Map.of("backup.platform.io/enabled", "true"))
                .setAnnotations(Map.of("backup.platform.io/schedule", "@daily"))
                .build();
    }

    public static NamespaceSpec spec(String name, String environment, String tier, String mode, String... features) {
        return NamespaceSpec.newBuilder()
                .setName(name)
                .setTeam("payments")
                .setEnvironment(environment)
                .setTier(tier)
                .setNetworkPolicy(mode)
                .setFeatures(List.of(features))
                .setDescription("Payments API")
                .setCostCenter("CC-1234")
                .build();
    }

    public static NamespaceSpec spec(String name, String team, String environment, String tier, String mode,
                                     List<String> features) {
        NamespaceSpec spec = spec(name, environment, tier, mode);
        spec.setTeam(team);
        spec.setFeatures(features);
        return spec;
    }

    public static NamespaceUpdateRequested update(String requestId, String name, String tier, String mode,
                                                  List<String> features, String description) {
        return NamespaceUpdateRequested.newBuilder()
                .setEnvelope(EventEnvelopes.create(requestId, "team-payments", "gateway-service", Instant.now()))
                .setName(name).setTier(tier).setNetworkPolicy(mode).setFeatures(features).setDescription(description)
                .build();
    }

    public static NamespaceDeletionRequested deletion(String requestId, String name) {
        return NamespaceDeletionRequested.newBuilder()
                .setEnvelope(EventEnvelopes.create(requestId, "team-payments", "gateway-service", Instant.now()))
                .setName(name).setReason("no longer needed").build();
    }

    public static NamespaceRequested requested(String requestId, NamespaceSpec spec) {
        return NamespaceRequested.newBuilder()
                .setEnvelope(EventEnvelopes.create(requestId, "team-payments", "gateway-service", Instant.now()))
                .setSpec(spec)
                .build();
    }
}
