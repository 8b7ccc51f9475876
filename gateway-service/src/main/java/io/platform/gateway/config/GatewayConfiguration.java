package io.platform.gateway.config;

import io.platform.common.catalog.CatalogReplica;
import io.platform.common.kafka.EventPublisher;
import io.platform.common.kafka.PlatformKafkaProperties;
import io.platform.gateway.domain.NamespaceIntake;
import io.platform.gateway.domain.ReadModel;
import io.platform.gateway.domain.RequestPublisher;
import io.platform.gateway.domain.StatusProjector;
import io.platform.gateway.domain.TierCatalog;
import io.platform.gateway.domain.UnitOfWork;
import io.platform.gateway.messaging.KafkaRequestPublisher;
import io.platform.gateway.messaging.LifecycleListener;
import io.platform.gateway.persistence.JdbcReadModel;
import io.platform.gateway.persistence.TransactionalUnitOfWork;
import io.platform.rules.NamespaceRequestValidator;
import io.platform.rules.catalog.FeatureInfo;
import io.platform.rules.catalog.TierInfo;
import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Wires the domain core to its adapters. */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ReadModel readModel(JdbcClient jdbcClient) {
        return new JdbcReadModel(jdbcClient);
    }

    @Bean
    UnitOfWork unitOfWork(PlatformTransactionManager transactionManager) {
        return new TransactionalUnitOfWork(transactionManager);
    }

    @Bean
    RequestPublisher requestPublisher(EventPublisher eventPublisher, PlatformKafkaProperties kafka) {
        return new KafkaRequestPublisher(eventPublisher, kafka.source());
    }

    /** The validator provisioning-service uses too, so both refuse exactly the same requests. */
    @Bean
    NamespaceRequestValidator namespaceRequestValidator() {
        return NamespaceRequestValidator.standalone();
    }

    @Bean
    TierCatalog tierCatalog(CatalogReplica replica) {
        return new ReplicaCatalog(replica);
    }

    @Bean
    NamespaceIntake namespaceIntake(NamespaceRequestValidator validator, TierCatalog catalog, ReadModel readModel,
                                    RequestPublisher publisher, UnitOfWork unitOfWork, Clock clock,
                                    PlatformKafkaProperties kafka) {
        return new NamespaceIntake(validator, catalog, readModel, publisher, unitOfWork, clock, kafka.source());
    }

    @Bean
    StatusProjector statusProjector(ReadModel readModel, UnitOfWork unitOfWork) {
        return new StatusProjector(readModel, unitOfWork);
    }

    @Bean
    LifecycleListener lifecycleListener(StatusProjector projector) {
        return new LifecycleListener(projector);
    }

    /** The platform-common catalog replica (fed from the compacted catalog topic) as the domain's catalog. */
    record ReplicaCatalog(CatalogReplica replica) implements TierCatalog {

        @Override
        public boolean isLoaded() {
            return replica.isLoaded();
        }

        @Override
        public Optional<TierInfo> tier(String name) {
            return replica.tier(name);
        }

        @Override
        public Optional<FeatureInfo> feature(String name) {
            return replica.feature(name);
        }

        @Override
        public Collection<TierInfo> tiers() {
            return replica.tiers();
        }

        @Override
        public Collection<FeatureInfo> features() {
            return replica.features();
        }
    }
}
