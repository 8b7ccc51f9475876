package io.platform.catalog.config;

import io.platform.catalog.domain.CatalogPublication;
import io.platform.catalog.domain.CatalogRepository;
import io.platform.catalog.domain.InstanceEvents;
import io.platform.catalog.domain.InstanceProjection;
import io.platform.catalog.domain.InstanceRepository;
import io.platform.catalog.domain.InstanceService;
import io.platform.catalog.domain.TemplateCatalog;
import io.platform.catalog.domain.TemplateRepository;
import io.platform.catalog.domain.UnitOfWork;
import io.platform.catalog.persistence.BuiltinTemplatesMigration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The domain services of catalog-service and the built-in templates' migration. */
@Configuration(proxyBeanMethods = false)
public class CatalogConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** Picked up by Spring Boot's Flyway auto-configuration next to the SQL migrations. */
    @Bean
    public BuiltinTemplatesMigration builtinTemplatesV4() {
        return BuiltinTemplatesMigration.v4();
    }

    @Bean
    public TemplateCatalog templateCatalog(TemplateRepository templates, CatalogRepository catalog,
                                           CatalogPublication publication, UnitOfWork unitOfWork, Clock clock) {
        return new TemplateCatalog(templates, catalog, publication, unitOfWork, clock);
    }

    @Bean
    public InstanceService instanceService(InstanceRepository instances, TemplateCatalog templates, CatalogRepository catalog,
                                           InstanceEvents events, UnitOfWork unitOfWork, Clock clock) {
        return new InstanceService(instances, templates, catalog, events, unitOfWork, clock);
    }

    @Bean
    public InstanceProjection instanceProjection(InstanceRepository instances, UnitOfWork unitOfWork) {
        return new InstanceProjection(instances, unitOfWork);
    }
}
