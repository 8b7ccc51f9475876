package io.platform.provisioning.kubernetes;

import static io.platform.provisioning.domain.TestCatalog.BACKUP;
import static io.platform.provisioning.domain.TestCatalog.LARGE;
import static io.platform.provisioning.domain.TestCatalog.MONITORING;
import static io.platform.provisioning.domain.TestCatalog.SMALL;
import static io.platform.provisioning.domain.TestCatalog.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.platform.provisioning.domain.DesiredObjects;
import io.platform.provisioning.domain.Drift;
import io.platform.provisioning.domain.DriftDetector;
import io.platform.provisioning.domain.ExistingNamespace;
import io.platform.provisioning.domain.PolicySettings;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.catalog.FeatureInfo;
import io.platform.test.kubernetes.MockKubernetes;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The adapter against fabric8's CRUD mock API server. */
class Fabric8ClusterTest {

    private static MockKubernetes kubernetes;
    private static KubernetesClient client;
    private static Fabric8Cluster cluster;

    @BeforeAll
    static void start() {
        kubernetes = MockKubernetes.start();
        client = kubernetes.client();
        cluster = new Fabric8Cluster(client);
    }

    @AfterAll
    static void stop() {
        kubernetes.close();
    }

    @Test
    void writesNamespaceQuotaLimitsAndPolicies() {
        DesiredObjects desired = desired("writes-all", "production", "team-shared", "req-1", List.of(MONITORING));

        cluster.applyNamespace(desired);
        cluster.applyPolicies(desired);

        Namespace namespace = client.namespaces().withName("writes-all").get();
        assertThat(namespace.getMetadata().getLabels()).contains(
                entry("platform.io/managed", "true"),
                entry("platform.io/team", "payments"),
                entry("platform.io/environment", "production"),
                entry("platform.io/tier", "small"),
                entry("app.kubernetes.io/managed-by", "namespace-platform"),
                entry("app.kubernetes.io/part-of", "namespace-platform"),
                entry("pod-security.kubernetes.io/enforce", "restricted"),
                entry("pod-security.kubernetes.io/audit", "restricted"),
                entry("pod-security.kubernetes.io/warn", "restricted"),
                entry("platform.io/monitoring-enabled", "true"));
        assertThat(namespace.getMetadata().getAnnotations()).contains(
                entry("platform.io/request-id", "req-1"),
                entry("platform.io/requested-by", "team-payments"),
                entry("platform.io/description", "Payments API"),
                entry("platform.io/cost-center", "CC-1234"),
                entry("prometheus.io/scrape", "true"));

        ResourceQuota quota = client.resourceQuotas().inNamespace("writes-all").withName("platform-quota").get();
        assertThat(quota.getSpec().getHard()).containsOnly(
                entry("requests.cpu", new Quantity("2")), entry("limits.cpu", new Quantity("2")),
                entry("requests.memory", new Quantity("4Gi")), entry("limits.memory", new Quantity("4Gi")),
                entry("requests.storage", new Quantity("20Gi")), entry("pods", new Quantity("10")),
                entry("services", new Quantity("5")), entry("persistentvolumeclaims", new Quantity("10")));

        LimitRange limits = client.limitRanges().inNamespace("writes-all").withName("platform-limits").get();
        assertThat(limits.getSpec().getLimits()).singleElement().satisfies(item -> {
            assertThat(item.getType()).isEqualTo("Container");
            assertThat(item.getDefault()).containsOnly(entry("cpu", new Quantity("500m")), entry("memory", new Quantity("512Mi")));
            assertThat(item.getDefaultRequest()).containsOnly(entry("cpu", new Quantity("100m")), entry("memory", new Quantity("128Mi")));
        });

        NetworkPolicy policy = client.network().v1().networkPolicies().inNamespace("writes-all").withName("platform-ingress").get();
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        List<NetworkPolicyPeer> from = policy.getSpec().getIngress().get(0).getFrom();
        assertThat(from).hasSize(3);
        assertThat(from.get(0).getPodSelector()).isNotNull();
        assertThat(from.get(0).getNamespaceSelector()).isNull();
        assertThat(from.get(1).getNamespaceSelector().getMatchLabels()).containsOnly(entry("platform.io/monitoring", "true"));
        assertThat(from.get(2).getNamespaceSelector().getMatchLabels()).containsOnly(entry("platform.io/team", "payments"));
    }

    @Test
    void applyingAgainConvergesWithoutDuplicatesAndKeepsForeignLabels() {
        DesiredObjects desired = desired("twice", "development", "isolated", "req-2", List.of());
        cluster.applyNamespace(desired);
        cluster.applyPolicies(desired);
        client.namespaces().withName("twice").edit(ns -> new NamespaceBuilder(ns).editMetadata()
                .addToLabels("kubernetes.io/metadata.name", "twice").endMetadata().build());

        cluster.applyNamespace(desired);
        cluster.applyPolicies(desired);

        assertThat(client.namespaces().withLabel("platform.io/team", "payments").list().getItems())
                .filteredOn(ns -> ns.getMetadata().getName().equals("twice")).hasSize(1);
        assertThat(client.resourceQuotas().inNamespace("twice").list().getItems()).hasSize(1);
        assertThat(client.limitRanges().inNamespace("twice").list().getItems()).hasSize(1);
        assertThat(client.network().v1().networkPolicies().inNamespace("twice").list().getItems()).hasSize(1);
        assertThat(client.namespaces().withName("twice").get().getMetadata().getLabels())
                .contains(entry("kubernetes.io/metadata.name", "twice"), entry("pod-security.kubernetes.io/enforce", "baseline"));
    }

    @Test
    void openModeRemovesAPolicyLeftFromBefore() {
        cluster.applyNamespace(desired("was-isolated", "development", "isolated", "req-3", List.of()));
        cluster.applyPolicies(desired("was-isolated", "development", "isolated", "req-3", List.of()));

        cluster.applyPolicies(desired("was-isolated", "development", "open", "req-3", List.of()));

        assertThat(client.network().v1().networkPolicies().inNamespace("was-isolated").list().getItems()).isEmpty();
    }

    @Test
    void findsTheRequestThatCreatedANamespace() {
        cluster.applyNamespace(desired("owned", "development", "open", "req-4", List.of()));
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("hand-made").endMetadata().build()).create();

        assertThat(cluster.findNamespace("owned")).contains(new ExistingNamespace("owned", "req-4"));
        assertThat(cluster.findNamespace("hand-made")).contains(new ExistingNamespace("hand-made", null));
        assertThat(cluster.findNamespace("absent")).isEmpty();
    }

    @Test
    void removeDeletesEverythingTheRequestWrote() {
        DesiredObjects desired = desired("to-remove", "development", "isolated", "req-5", List.of());
        cluster.applyNamespace(desired);
        cluster.applyPolicies(desired);

        cluster.remove("to-remove", "req-5");

        assertThat(client.namespaces().withName("to-remove").get()).isNull();
        assertThat(client.resourceQuotas().inNamespace("to-remove").list().getItems()).isEmpty();
        assertThat(client.limitRanges().inNamespace("to-remove").list().getItems()).isEmpty();
        assertThat(client.network().v1().networkPolicies().inNamespace("to-remove").list().getItems()).isEmpty();
    }

    @Test
    void removeLeavesANamespaceAnotherRequestCreated() {
        cluster.applyNamespace(desired("not-mine", "development", "open", "req-6", List.of()));

        cluster.remove("not-mine", "req-other");
        cluster.remove("never-existed", "req-other");

        assertThat(client.namespaces().withName("not-mine").get()).isNotNull();
    }

    @Test
    void aChangeSetsTheNewKeysRemovesStaleOnesAndLeavesForeignOnesAlone() {
        DesiredObjects before = desired("changed", "production", "isolated", "req-7", List.of(MONITORING));
        cluster.applyNamespace(before);
        cluster.applyPolicies(before);
        client.namespaces().withName("changed").edit(ns -> new NamespaceBuilder(ns).editMetadata()
                .addToLabels("team.example.com/owner", "alice").endMetadata().build());
        DesiredObjects after = DesiredObjects.of(new NamespaceSpecification("changed", "payments",
                        "production", "large", "open", List.of("backup"), null, "CC-1234"),
                LARGE, List.of(BACKUP),
                PolicySettings.defaults(), "req-7", "team-payments");

        cluster.applyChange(before, after);

        Namespace namespace = client.namespaces().withName("changed").get();
        assertThat(namespace.getMetadata().getLabels())
                .contains(entry("platform.io/tier", "large"), entry("backup.platform.io/enabled", "true"),
                        entry("team.example.com/owner", "alice"), entry("pod-security.kubernetes.io/enforce", "restricted"))
                .doesNotContainKey("platform.io/monitoring-enabled");
        assertThat(namespace.getMetadata().getAnnotations())
                .contains(entry("backup.platform.io/schedule", "@daily"), entry("platform.io/request-id", "req-7"))
                .doesNotContainKeys("prometheus.io/scrape", "platform.io/description");
        assertThat(client.resourceQuotas().inNamespace("changed").withName("platform-quota").get().getSpec().getHard())
                .contains(entry("requests.cpu", new Quantity("8")));
        assertThat(client.network().v1().networkPolicies().inNamespace("changed").list().getItems()).isEmpty();
    }

    @Test
    void deletingANamespaceRemovesItsObjectsExplicitlyBecauseTheMockDoesNotCascade() {
        Fabric8Cluster sweeping = new Fabric8Cluster(client, List.of(new ResourceDefinitionContext.Builder().withGroup("").withVersion("v1").withPlural("configmaps")
                .withKind("ConfigMap").withNamespaced(true).build()));
        DesiredObjects desired = desired("to-delete", "development", "isolated", "req-8", List.of());
        sweeping.applyNamespace(desired);
        sweeping.applyPolicies(desired);
        client.configMaps().inNamespace("to-delete").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("app-config").endMetadata().build()).create();

        List<String> deleted = sweeping.deleteNamespace("to-delete");

        assertThat(deleted).containsExactly("NetworkPolicy/platform-ingress", "LimitRange/platform-limits",
                "ResourceQuota/platform-quota", "ConfigMap/app-config", "Namespace/to-delete");
        assertThat(client.namespaces().withName("to-delete").get()).isNull();
        assertThat(client.resourceQuotas().inNamespace("to-delete").list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace("to-delete").list().getItems()).isEmpty();
        assertThat(sweeping.deleteNamespace("to-delete")).isEmpty();
    }

    @Test
    void observesWhatItWroteAsMatchingAndRepairsWhatWasChanged() {
        DesiredObjects desired = desired("observed", "production", "team-shared", "req-9", List.of(MONITORING));
        cluster.applyNamespace(desired);
        cluster.applyPolicies(desired);
        assertThat(DriftDetector.compare(desired, cluster.observe("observed"))).isEmpty();

        client.resourceQuotas().inNamespace("observed").withName("platform-quota").delete();
        client.namespaces().withName("observed").edit(ns -> new NamespaceBuilder(ns).editMetadata()
                .addToLabels("platform.io/tier", "huge").endMetadata().build());
        List<Drift> drifts =
                DriftDetector.compare(desired, cluster.observe("observed"));
        assertThat(drifts).extracting(Drift::kind).containsExactly("Namespace", "ResourceQuota");

        drifts.forEach(drift -> cluster.repair(desired, drift));

        assertThat(DriftDetector.compare(desired, cluster.observe("observed"))).isEmpty();
    }

    @Test
    void findsAProtectedNamespace() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("keep-me")
                .addToLabels("platform.io/protected", "true").endMetadata().build()).create();

        assertThat(cluster.findNamespace("keep-me")).hasValueSatisfying(ns -> assertThat(ns.protectedFromDeletion()).isTrue());
    }

    private static DesiredObjects desired(String name, String environment, String mode, String requestId,
                                          List<FeatureInfo> features) {
        return DesiredObjects.of(spec(name, environment, "small", mode,
                        features.stream().map(FeatureInfo::name).toArray(String[]::new)),
                SMALL, features, PolicySettings.defaults(), requestId, "team-payments");
    }
}
