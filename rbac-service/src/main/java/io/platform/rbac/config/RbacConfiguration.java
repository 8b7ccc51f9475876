package io.platform.rbac.config;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.platform.rbac.domain.DriftReconciler;
import io.platform.rbac.domain.RbacSettings;
import io.platform.rbac.domain.RoleRules;
import io.platform.rbac.kubernetes.RbacDriftWatcher;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Beans of rbac-service that are not components. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class RbacConfiguration {

    /**
     * A client configured the fabric8 way: {@code KUBECONFIG} / {@code ~/.kube/config}, the in-cluster service account,
     * or {@code kubernetes.*} system properties and {@code KUBERNETES_*} environment variables. Its own retries are
     * off: transient failures surface and are retried by the consumer's error handler or the caller.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public KubernetesClient kubernetesClient(RbacProperties properties) {
        Config config = new ConfigBuilder(Config.autoConfigure(null))
                .withRequestRetryBackoffLimit(0)
                .withRequestTimeout((int) properties.requestTimeout().toMillis())
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Bean
    public RbacSettings rbacSettings(RbacProperties properties) {
        return properties.toSettings();
    }

    @Bean
    public RoleRules roleRules(RbacProperties properties) {
        return new RoleRules(properties.toRuleCatalog());
    }

    @Bean
    public RbacDriftWatcher rbacDriftWatcher(KubernetesClient client, DriftReconciler reconciler, RbacProperties properties) {
        return new RbacDriftWatcher(client, reconciler, properties.drift());
    }

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
