package io.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.platform.e2e.harness.PlatformClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Day-2 through the gateway on the whole stack: a tier change reaches the ResourceQuota, a deletion removes the
 * namespace; the admin operations routed to provisioning-service answer; teams see only their own namespaces.
 */
@ExtendWith(LocalStackExtension.class)
@Order(2)
class DayTwoE2EIT {

    @Test
    void aTierChangeUpdatesTheQuotaAndADeletionRemovesTheNamespace() {
        // Given a READY namespace of team search
        String name = E2e.uniqueName("orders");
        E2e.readyNamespace(name, "search", "staging", "small");

        // When the team moves it to the medium tier
        PlatformClient.Answer update = E2e.API.patch("/api/v1/namespaces/" + name, "team-search", Map.of("tier", "medium"));

        // Then the change is accepted and, once applied, the quota is the medium tier's
        assertThat(update.status()).as(update.body().toString()).isEqualTo(202);
        await("tier change of " + name).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode namespace = E2e.API.get("/api/v1/namespaces/" + name, "team-search").body();
            assertThat(namespace.path("status").asText()).isEqualTo("READY");
            assertThat(namespace.path("spec").path("tier").asText()).isEqualTo("medium");
        });
        try (KubernetesClient kubernetes = E2e.kubernetes()) {
            assertThat(kubernetes.resourceQuotas().inNamespace(name).withName("platform-quota").get()
                    .getSpec().getHard().get("requests.cpu").toString()).isEqualTo("4");
        }

        // When the team deletes it
        PlatformClient.Answer deletion = E2e.API.delete("/api/v1/namespaces/" + name, "team-search");

        // Then it is DELETED and gone from Kubernetes
        assertThat(deletion.status()).as(deletion.body().toString()).isEqualTo(202);
        await("deletion of " + name).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(E2e.API.get("/api/v1/namespaces/" + name, "team-search").body().path("status").asText())
                        .isEqualTo("DELETED"));
        try (KubernetesClient kubernetes = E2e.kubernetes()) {
            assertThat(kubernetes.namespaces().withName(name).get()).isNull();
        }
    }

    @Test
    void anotherTeamsNamespaceIsNotFoundAndItsChangesAreRefused() {
        String name = E2e.uniqueName("ledger");
        E2e.readyNamespace(name, "payments", "development", "micro");

        assertThat(E2e.API.get("/api/v1/namespaces/" + name, "team-data").status()).isEqualTo(404);
        assertThat(E2e.API.patch("/api/v1/namespaces/" + name, "team-data", Map.of("tier", "large")).status()).isEqualTo(404);
        assertThat(E2e.API.get("/api/v1/namespaces/" + name, "platform-admin").status()).isEqualTo(200);
    }

    @Test
    void adminOperationsReachProvisioningThroughTheGateway() {
        // A READY request cannot be retried: provisioning-service answers, through the gateway, with a conflict
        String requestId = E2e.readyNamespace(E2e.uniqueName("retry"), "data", "development", "micro");
        PlatformClient.Answer retry = E2e.API.post("/api/v1/requests/" + requestId + "/retry", "platform-admin", "");
        assertThat(retry.status()).as(retry.body().toString()).isEqualTo(409);
        assertThat(E2e.API.post("/api/v1/requests/" + requestId + "/retry", "team-data", "").status()).isEqualTo(403);

        // Redriving the request topic's dead letters is an admin operation that reports what it moved
        PlatformClient.Answer redrive = E2e.API.post("/api/v1/admin/dlt/platform.namespace.requests.v1/redrive",
                "platform-admin", "");
        assertThat(redrive.status()).as(redrive.body().toString()).isEqualTo(200);
        assertThat(redrive.body().has("redriven")).isTrue();
        assertThat(E2e.API.post("/api/v1/admin/dlt/platform.namespace.requests.v1/redrive", "team-data", "").status())
                .isEqualTo(403);
    }
}
