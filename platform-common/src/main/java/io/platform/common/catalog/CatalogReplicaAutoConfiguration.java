package io.platform.common.catalog;

import io.platform.common.kafka.PlatformKafkaAutoConfiguration;
import io.platform.schemas.topic.Topics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** The catalog replica, for services that validate or price against the catalog ({@code platform.catalog.replica.enabled}). */
@AutoConfiguration(after = PlatformKafkaAutoConfiguration.class)
@ConditionalOnProperty(prefix = "platform.catalog.replica", name = "enabled", havingValue = "true")
public class CatalogReplicaAutoConfiguration {

    static {
        // The listener's topic is a constant in its annotation; keep it tied to the catalog.
        if (!"platform.catalog.v1".equals(Topics.CATALOG.name())) {
            throw new IllegalStateException("CatalogReplicaListener listens to the wrong topic");
        }
    }

    @Bean
    public CatalogReplica catalogReplica() {
        return new CatalogReplica();
    }

    @Bean
    public CatalogReplicaListener catalogReplicaListener(CatalogReplica replica) {
        return new CatalogReplicaListener(replica);
    }

    @Bean(name = "catalogReplicaHealthIndicator")
    public CatalogReplicaHealthIndicator catalogReplicaHealthIndicator(CatalogReplica replica) {
        return new CatalogReplicaHealthIndicator(replica);
    }
}
