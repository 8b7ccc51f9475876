package io.platform.localstack.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fabric8 client configured only from the written kubeconfig talks to the stand-in like to a cluster. */
class KubernetesStandInTest {

    @TempDir
    Path dir;

    private KubernetesStandIn standIn;

    @AfterEach
    void stop() {
        if (standIn != null) {
            standIn.close();
        }
    }

    @Test
    void storesNamespacesAndQuotasAndRejectsDuplicates() throws Exception {
        Path kubeconfig = dir.resolve("kube/config");
        standIn = KubernetesStandIn.start("127.0.0.1", 0, kubeconfig);

        try (KubernetesClient client = clientFrom(kubeconfig)) {
            assertThat(client.getMasterUrl().toString()).startsWith(standIn.url());
            assertThat(client.getNamespace()).isEqualTo("default");
            assertThat(client.getKubernetesVersion().getGitVersion()).contains("stand-in");

            client.namespaces().resource(namespace("team-payments-dev")).create();
            client.resourceQuotas().inNamespace("team-payments-dev").resource(quota()).create();

            Namespace namespace = client.namespaces().withName("team-payments-dev").get();
            assertThat(namespace.getMetadata().getLabels()).containsEntry("platform.io/team", "payments");
            assertThat(namespace.getMetadata().getResourceVersion()).isNotBlank();
            ResourceQuota quota = client.resourceQuotas().inNamespace("team-payments-dev").withName("platform-quota").get();
            assertThat(quota.getSpec().getHard()).containsEntry("requests.cpu", new Quantity("4"));
            assertThat(client.namespaces().withLabel("platform.io/team", "payments").list().getItems()).hasSize(1);

            assertThatThrownBy(() -> client.namespaces().resource(namespace("team-payments-dev")).create())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        }
    }

    @Test
    void kubeconfigPointsAtThePlainHttpEndpointWithADefaultNamespace() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        standIn = KubernetesStandIn.start("127.0.0.1", 0, kubeconfig);

        String written = Files.readString(kubeconfig);
        assertThat(written).contains("server: " + standIn.url()).contains("namespace: default");
        assertThat(standIn.url()).startsWith("http://127.0.0.1:");
    }

    @Test
    void logsEachRequestWithTheTokenOfTheClientThatMadeIt() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Path log = dir.resolve("requests.log");
        standIn = KubernetesStandIn.start("127.0.0.1", 0, kubeconfig, log, java.util.List.of("provisioning-service"));

        try (KubernetesClient client = clientFrom(Path.of(kubeconfig + "-provisioning-service"))) {
            client.namespaces().resource(namespace("logged")).create();
        }

        assertThat(Files.readAllLines(log)).anySatisfy(line ->
                assertThat(line).endsWith("\tprovisioning-service\tPOST\t/api/v1/namespaces"));
    }

    @Test
    void injectedFaultsAnswerEveryApiRequestUntilCleared() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        standIn = KubernetesStandIn.start("127.0.0.1", 0, kubeconfig);
        var http = java.net.http.HttpClient.newHttpClient();

        var injected = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        standIn.url() + "/__faults?mode=error&status=503&seconds=30"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(injected.statusCode()).isEqualTo(200);

        try (KubernetesClient client = clientFrom(kubeconfig)) {
            assertThatThrownBy(() -> client.namespaces().resource(namespace("sick")).create())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(503));
            assertThat(client.getKubernetesVersion().getGitVersion()).contains("stand-in");

            http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(standIn.url() + "/__faults")).DELETE().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            client.namespaces().resource(namespace("healthy")).create();
            assertThat(client.namespaces().withName("healthy").get()).isNotNull();
        }
    }

    @Test
    void startsEmptyEveryTime() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        standIn = KubernetesStandIn.start("127.0.0.1", 0, kubeconfig);
        try (KubernetesClient client = clientFrom(kubeconfig)) {
            client.namespaces().resource(namespace("ephemeral")).create();
        }
        standIn.close();

        standIn = KubernetesStandIn.start("127.0.0.1", 0, kubeconfig);
        try (KubernetesClient client = clientFrom(kubeconfig)) {
            assertThat(client.namespaces().withName("ephemeral").get()).isNull();
        }
    }

    @Test
    void parsesOptions() {
        KubernetesStandIn.Options defaults = KubernetesStandIn.Options.parse(new String[0]);
        assertThat(defaults.port()).isEqualTo(6443);
        assertThat(defaults.kubeconfig()).isEqualTo(Path.of(".platform/kubeconfig"));

        KubernetesStandIn.Options custom = KubernetesStandIn.Options.parse(
                new String[] {"--port=7443", "--kubeconfig", "/tmp/k"});
        assertThat(custom.port()).isEqualTo(7443);
        assertThat(custom.kubeconfig()).isEqualTo(Path.of("/tmp/k"));
    }

    private static KubernetesClient clientFrom(Path kubeconfig) throws Exception {
        Config config = Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static Namespace namespace(String name) {
        return new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("platform.io/team", "payments").endMetadata().build();
    }

    private static ResourceQuota quota() {
        return new ResourceQuotaBuilder().withNewMetadata().withName("platform-quota").endMetadata()
                .withNewSpec().withHard(Map.of("requests.cpu", new Quantity("4"), "requests.memory", new Quantity("8Gi")))
                .endSpec().build();
    }
}
