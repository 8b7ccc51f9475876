package io.platform.common.catalog;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Out of service until the catalog replica holds the tiers requests are validated against. */
public class CatalogReplicaHealthIndicator implements HealthIndicator {

    private final CatalogReplica replica;

    public CatalogReplicaHealthIndicator(CatalogReplica replica) {
        this.replica = replica;
    }

    @Override
    public Health health() {
        Health.Builder builder = replica.isLoaded() ? Health.up() : Health.outOfService();
        builder.withDetail("tiers", replica.tiers().size()).withDetail("features", replica.features().size())
                .withDetail("templates", replica.templates().size());
        replica.lastUpdate().ifPresent(at -> builder.withDetail("lastUpdate", at.toString()));
        return builder.build();
    }
}
