package io.platform.provisioning.instances.config;

import io.platform.provisioning.instances.domain.InstanceCluster;
import io.platform.provisioning.instances.domain.InstanceDeployer;
import io.platform.provisioning.instances.domain.InstanceOutcomes;
import io.platform.provisioning.instances.domain.InstanceStore;
import io.platform.provisioning.instances.domain.TemplateSource;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the service instances ({@link InstancesProperties} is bound by the application's properties scan). */
@Configuration(proxyBeanMethods = false)
public class InstancesConfiguration {

    @Bean
    public InstanceDeployer instanceDeployer(InstanceStore store, InstanceCluster cluster, InstanceOutcomes outcomes,
                                             TemplateSource catalog, InstancesProperties properties) {
        return new InstanceDeployer(store, cluster, outcomes, catalog, Clock.systemUTC(),
                new InstanceDeployer.Retry(properties.applyAttempts(), properties.retryDelay(),
                        duration -> Thread.sleep(duration.toMillis())));
    }
}
