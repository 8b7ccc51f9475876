package io.platform.provisioning.config;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.platform.provisioning.domain.Cluster;
import io.platform.provisioning.domain.DriftReconciler;
import io.platform.provisioning.domain.PolicySettings;
import io.platform.provisioning.domain.TeamLimits;
import io.platform.provisioning.kubernetes.Fabric8Cluster;
import io.platform.provisioning.kubernetes.NamespaceDriftWatcher;
import io.platform.rules.NamespaceRequestValidator;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Beans of provisioning-service that are not components. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class ProvisioningConfiguration {

    /**
     * A client configured the fabric8 way: {@code KUBECONFIG} / {@code ~/.kube/config}, the in-cluster service account,
     * or {@code kubernetes.*} system properties and {@code KUBERNETES_*} environment variables.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public KubernetesClient kubernetesClient(ProvisioningProperties properties) {
        Config config = new ConfigBuilder(Config.autoConfigure(null))
                // the saga's bounded back-off (platform.provisioning.kubernetes-retry) is the only retry
                .withRequestRetryBackoffLimit(0)
                .withRequestTimeout((int) properties.kubernetesRetry().requestTimeout().toMillis())
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Bean
    @ConditionalOnMissingBean
    public Cluster cluster(KubernetesClient client, ProvisioningProperties properties) {
        return new Fabric8Cluster(client, properties.deletion().sweptKinds().stream()
                .map(ProvisioningConfiguration::kind).toList());
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
    public TeamLimits teamLimits(TeamLimitsProperties properties) {
        return properties.toTeamLimits();
    }

    @Bean
    public NamespaceDriftWatcher driftWatcher(KubernetesClient client, DriftReconciler reconciler, DriftProperties properties) {
        return new NamespaceDriftWatcher(client, reconciler, properties);
    }

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** {@code apps/v1/deployments} or {@code v1/services} as a resource definition. */
    static ResourceDefinitionContext kind(String spec) {
        String[] parts = spec.split("/");
        String group = parts.length == 3 ? parts[0] : "";
        String version = parts[parts.length - 2];
        String plural = parts[parts.length - 1];
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withPlural(plural)
                .withKind(kindOf(plural))
                .withNamespaced(true)
                .build();
    }

    private static String kindOf(String plural) {
        String singular = plural.endsWith("sses") ? plural.substring(0, plural.length() - 2)
                : plural.endsWith("ies") ? plural.substring(0, plural.length() - 3) + "y"
                : plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
        return Character.toUpperCase(singular.charAt(0)) + singular.substring(1);
    }
}
