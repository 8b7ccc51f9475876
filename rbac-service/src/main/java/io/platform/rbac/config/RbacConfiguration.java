package io.platform.rbac.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.platform.rbac.domain.RbacSettings;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of rbac-service that are not components. */
@Configuration(proxyBeanMethods = false)
public class RbacConfiguration {

    /**
     * A client configured the fabric8 way: {@code KUBECONFIG} / {@code ~/.kube/config}, the in-cluster service account,
     * or {@code kubernetes.*} system properties and {@code KUBERNETES_*} environment variables.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public KubernetesClient kubernetesClient() {
        return new KubernetesClientBuilder().build();
    }

    @Bean
    public RbacSettings rbacSettings(RbacProperties properties) {
        return properties.toSettings();
    }

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
