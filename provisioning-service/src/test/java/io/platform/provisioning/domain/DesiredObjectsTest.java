package io.platform.provisioning.domain;

import static io.platform.provisioning.domain.TestCatalog.BACKUP;
import static io.platform.provisioning.domain.TestCatalog.LARGE;
import static io.platform.provisioning.domain.TestCatalog.MONITORING;
import static io.platform.provisioning.domain.TestCatalog.SMALL;
import static io.platform.provisioning.domain.TestCatalog.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.platform.rules.Environment;
import io.platform.rules.catalog.FeatureInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredObjectsTest {

    private static final PolicySettings SETTINGS = PolicySettings.defaults();

    @Test
    void namespaceCarriesThePlatformLabelsAndTheRequestAnnotations() {
        DesiredObjects desired = DesiredObjects.of(spec("payments-api", "staging", "small", "isolated"), SMALL, List.of(),
                SETTINGS, "req-1", "team-payments");

        assertThat(desired.namespace().name()).isEqualTo("payments-api");
        assertThat(desired.namespace().labels()).containsOnly(
                entry("platform.io/managed", "true"),
                entry("platform.io/team", "payments"),
                entry("platform.io/environment", "staging"),
                entry("platform.io/tier", "small"),
                entry("app.kubernetes.io/managed-by", "namespace-platform"),
                entry("app.kubernetes.io/part-of", "namespace-platform"));
        assertThat(desired.namespace().annotations()).containsOnly(
                entry("platform.io/description", "Payments API"),
                entry("platform.io/cost-center", "CC-1234"),
                entry("platform.io/requested-by", "team-payments"),
                entry("platform.io/request-id", "req-1"));
    }

    @Test
    void leavesOutAnnotationsOfOptionalFieldsThatAreMissing() {
        var spec = new io.platform.rules.NamespaceSpecification("payments-api", "payments", "development", "small",
                "open", List.of(), null, null);

        DesiredObjects desired = DesiredObjects.of(spec, SMALL, List.of(), SETTINGS, "req-1", "someone");

        assertThat(desired.namespace().annotations()).containsOnlyKeys("platform.io/requested-by", "platform.io/request-id");
    }

    @Test
    void quotaAndLimitsFollowTheTier() {
        DesiredObjects small = DesiredObjects.of(spec("a-small", "development", "small", "open"), SMALL, List.of(),
                SETTINGS, "r", "a");
        DesiredObjects large = DesiredObjects.of(spec("a-large", "development", "large", "open"), LARGE, List.of(),
                SETTINGS, "r", "a");

        assertThat(small.quota().name()).isEqualTo("platform-quota");
        assertThat(small.quota().hard()).containsOnly(
                entry("requests.cpu", "2"), entry("limits.cpu", "2"),
                entry("requests.memory", "4Gi"), entry("limits.memory", "4Gi"),
                entry("requests.storage", "20Gi"),
                entry("pods", "10"), entry("services", "5"), entry("persistentvolumeclaims", "10"));
        assertThat(large.quota().hard()).contains(entry("limits.cpu", "8"), entry("requests.memory", "16Gi"),
                entry("requests.storage", "100Gi"), entry("pods", "50"), entry("services", "20"));

        assertThat(small.limits().name()).isEqualTo("platform-limits");
        assertThat(small.limits().containerDefaultLimits()).containsOnly(entry("cpu", "500m"), entry("memory", "512Mi"));
        assertThat(small.limits().containerDefaultRequests()).containsOnly(entry("cpu", "100m"), entry("memory", "128Mi"));
        assertThat(large.limits().containerDefaultLimits()).containsOnly(entry("cpu", "1"), entry("memory", "1Gi"));
    }

    @Test
    void isolatedAllowsIngressOnlyFromTheSameNamespaceAndMonitoring() {
        DesiredObjects desired = DesiredObjects.of(spec("iso-ns", "development", "small", "isolated"), SMALL, List.of(),
                SETTINGS, "r", "a");

        assertThat(desired.networkPolicy()).hasValueSatisfying(policy -> {
            assertThat(policy.name()).isEqualTo("platform-ingress");
            assertThat(policy.allowedSources()).containsExactly(
                    new IngressSource.SameNamespace(),
                    new IngressSource.NamespacesLabelled("platform.io/monitoring", "true"));
        });
        assertThat(desired.policyStepObjects()).containsExactly("Namespace/iso-ns", "NetworkPolicy/platform-ingress");
    }

    @Test
    void teamSharedAlsoAllowsTheTeamsOtherNamespaces() {
        DesiredObjects desired = DesiredObjects.of(spec("shared-ns", "development", "small", "team-shared"), SMALL,
                List.of(), SETTINGS, "r", "a");

        assertThat(desired.networkPolicy().orElseThrow().allowedSources()).containsExactly(
                new IngressSource.SameNamespace(),
                new IngressSource.NamespacesLabelled("platform.io/monitoring", "true"),
                new IngressSource.NamespacesLabelled("platform.io/team", "payments"));
    }

    @Test
    void openHasNoNetworkPolicy() {
        DesiredObjects desired = DesiredObjects.of(spec("open-ns", "development", "small", "open"), SMALL, List.of(),
                SETTINGS, "r", "a");

        assertThat(desired.networkPolicy()).isEmpty();
        assertThat(desired.policyStepObjects()).containsExactly("Namespace/open-ns");
        assertThat(desired.allObjects()).containsExactly("Namespace/open-ns", "ResourceQuota/platform-quota",
                "LimitRange/platform-limits");
    }

    @Test
    void monitoringNamespaceLabelIsConfigurable() {
        PolicySettings settings = new PolicySettings(SETTINGS.podSecurity(), "observability", "enabled");

        DesiredObjects desired = DesiredObjects.of(spec("iso-ns", "development", "small", "isolated"), SMALL, List.of(),
                settings, "r", "a");

        assertThat(desired.networkPolicy().orElseThrow().allowedSources())
                .contains(new IngressSource.NamespacesLabelled("observability", "enabled"));
    }

    @Test
    void productionIsRestrictedAndEverythingElseBaseline() {
        assertThat(levelFor("production", SETTINGS)).isEqualTo(PodSecurityLevel.RESTRICTED);
        assertThat(levelFor("staging", SETTINGS)).isEqualTo(PodSecurityLevel.BASELINE);
        assertThat(levelFor("development", SETTINGS)).isEqualTo(PodSecurityLevel.BASELINE);

        DesiredObjects production = DesiredObjects.of(spec("prod-ns", "production", "small", "isolated"), SMALL,
                List.of(), SETTINGS, "r", "a");
        assertThat(production.podSecurityLabels()).containsOnly(
                entry("pod-security.kubernetes.io/enforce", "restricted"),
                entry("pod-security.kubernetes.io/audit", "restricted"),
                entry("pod-security.kubernetes.io/warn", "restricted"));
    }

    @Test
    void podSecurityLevelPerEnvironmentIsConfigurable() {
        PolicySettings strict = new PolicySettings(Map.of(
                Environment.DEVELOPMENT, PodSecurityLevel.RESTRICTED,
                Environment.STAGING, PodSecurityLevel.RESTRICTED,
                Environment.PRODUCTION, PodSecurityLevel.RESTRICTED), "platform.io/monitoring", "true");

        assertThat(levelFor("development", strict)).isEqualTo(PodSecurityLevel.RESTRICTED);
    }

    @Test
    void featuresAddTheirLabelsAndAnnotations() {
        DesiredObjects desired = DesiredObjects.of(spec("feat-ns", "development", "small", "open", "monitoring", "backup"),
                SMALL, List.of(MONITORING, BACKUP), SETTINGS, "r", "a");

        assertThat(desired.features()).containsExactly("monitoring", "backup");
        assertThat(desired.featureLabels()).containsOnly(
                entry("platform.io/monitoring-enabled", "true"), entry("backup.platform.io/enabled", "true"));
        assertThat(desired.featureAnnotations()).containsOnly(
                entry("prometheus.io/scrape", "true"), entry("backup.platform.io/schedule", "@daily"));
    }

    @Test
    void featureCannotOverrideThePlatformsOwnLabelsAndAnnotations() {
        FeatureInfo sneaky = new FeatureInfo("sneaky", "",
                Map.of("platform.io/team", "search", "pod-security.kubernetes.io/enforce", "privileged", "harmless", "yes"),
                Map.of("platform.io/request-id", "other", "note", "ok"));

        DesiredObjects desired = DesiredObjects.of(spec("feat-ns", "production", "small", "open", "sneaky"), SMALL,
                List.of(sneaky), SETTINGS, "r", "a");

        assertThat(desired.featureLabels()).containsOnly(entry("harmless", "yes"));
        assertThat(desired.featureAnnotations()).containsOnly(entry("note", "ok"));
    }

    @Test
    void namespaceStepWritesNamespaceQuotaAndLimits() {
        DesiredObjects desired = DesiredObjects.of(spec("steps-ns", "development", "small", "isolated"), SMALL,
                List.of(), SETTINGS, "r", "a");

        assertThat(desired.namespaceStepObjects()).containsExactly("Namespace/steps-ns", "ResourceQuota/platform-quota",
                "LimitRange/platform-limits");
    }

    private static PodSecurityLevel levelFor(String environment, PolicySettings settings) {
        return DesiredObjects.of(spec("lvl-ns", environment, "small", "open"), SMALL, List.of(), settings, "r", "a")
                .podSecurityLevel();
    }
}
