package io.platform.provisioning.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.platform.provisioning.domain.PolicySettings;
import io.platform.rules.NamespaceRequestValidator;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of provisioning-service that are not components. */
@Configuration(proxyBeanMethods = false)
public class ProvisioningConfiguration {

    /**
     * A client configured the fabric8 way: {@code KUBECONFIG} / {@code ~/.kube/config}, the in-cluster service account,
     * or {@code kubernetes.*} system properties and {@code KUBERNETES_*} environment variables.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public KubernetesClient kubernetesClient() {
        return new KubernetesClientBuilder().build();
    }

    /** The same request rules the gateway applies, with Spring's validator. */
    @Bean
    public NamespaceRequestValidator namespaceRequestValidator(jakarta.validation.Validator validator) {
        return new NamespaceRequestValidator(validator);
    }

    @Bean
    public PolicySettings policySettings(ProvisioningProperties properties) {
        return properties.toPolicySettings();
    }

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
