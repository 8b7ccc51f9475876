package io.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.platform.e2e.harness.PlatformClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the end-to-end classes share: the public API, a READY namespace on demand, the Kubernetes stand-in. */
final class E2e {

    static final PlatformClient API = new PlatformClient();

    private E2e() {
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Requests a namespace as the team's client and waits until it is READY; returns the request id. */
    static String readyNamespace(String name, String team, String environment, String tier) {
        PlatformClient.Answer answer = API.post("/api/v1/namespaces", "team-" + team, Map.of("name", name, "team", team,
                "environment", environment, "tier", tier, "networkPolicy", "isolated", "features", List.of("monitoring")));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
        String requestId = answer.body().path("requestId").asText();
        awaitRequest(requestId, "team-" + team, "READY");
        return requestId;
    }

    /** Waits until the request reaches the status; returns the request. */
    static JsonNode awaitRequest(String requestId, String client, String status) {
        await("request " + requestId + " " + status).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(API.get("/api/v1/requests/" + requestId, client).body().path("status").asText())
                        .isEqualTo(status));
        return API.get("/api/v1/requests/" + requestId, client).body();
    }

    static KubernetesClient kubernetes() {
        try {
            Config config = Config.fromKubeconfig(Files.readString(LocalStack.kubeconfig()));
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
