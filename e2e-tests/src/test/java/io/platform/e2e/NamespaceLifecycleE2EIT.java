package io.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole platform, started as users start it ({@code ./platform up --detach}): a real Kafka broker, the schema
 * registry, PostgreSQL, the dev OIDC issuer, the Kubernetes stand-in and all six services. A team requests a namespace
 * through the gateway and it becomes READY, with its objects in Kubernetes, its audit trail and its cost.
 */
@ExtendWith(LocalStackExtension.class)
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NamespaceLifecycleE2EIT {

    private static final String NAME = "checkout-" + UUID.randomUUID().toString().substring(0, 8);
    private static String requestId;

    private static Map<String, Object> request(String name, String team) {
        return Map.of("name", name, "team", team, "environment", "production", "tier", "small",
                "networkPolicy", "team-shared", "features", List.of("monitoring", "backup"),
                "description", "Checkout service", "costCenter", "CC-4711");
    }

    @Test
    @Order(1)
    void aTeamRequestsANamespaceAndItIsAcceptedDurably() {
        // When team payments asks for a namespace
        PlatformApi.Answer answer = PlatformApi.post("/api/v1/namespaces", "team-payments", request(NAME, "payments"));

        // Then it is accepted, pending, with a link to follow the request
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
        requestId = answer.body().path("requestId").asText();
        assertThat(answer.body().path("name").asText()).isEqualTo(NAME);
        assertThat(answer.body().path("status").asText()).isEqualTo("PENDING");
        assertThat(answer.header("Location")).isEqualTo("/api/v1/requests/" + requestId);
    }

    @Test
    @Order(2)
    void theRequestBecomesReadyWithEveryStepRecorded() {
        await("request " + requestId + " READY").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode request = PlatformApi.get("/api/v1/requests/" + requestId, "team-payments").body();
                    assertThat(request.path("status").asText()).as(request.toString()).isEqualTo("READY");
                });
        JsonNode request = PlatformApi.get("/api/v1/requests/" + requestId, "team-payments").body();
        List<String> steps = new ArrayList<>();
        request.path("steps").forEach(step -> {
            steps.add(step.path("step").asText());
            assertThat(step.path("outcome").asText()).isEqualTo("COMPLETED");
            assertThat(step.path("occurredAt").asText()).isNotBlank();
        });
        assertThat(steps).containsExactly("namespace", "policies", "rbac", "ready");
        assertThat(request.path("createdAt").asText()).isNotBlank();

        JsonNode namespace = PlatformApi.get("/api/v1/namespaces/" + NAME, "team-payments").body();
        assertThat(namespace.path("status").asText()).isEqualTo("READY");
        assertThat(namespace.path("team").asText()).isEqualTo("payments");
        assertThat(namespace.path("spec").path("tier").asText()).isEqualTo("small");
        assertThat(namespace.path("spec").path("environment").asText()).isEqualTo("production");
    }

    @Test
    @Order(3)
    void theNamespaceExistsInKubernetesWithQuotaPoliciesAndTheTeamBinding() throws Exception {
        Config config = Config.fromKubeconfig(Files.readString(LocalStack.kubeconfig()));
        try (KubernetesClient kubernetes = new KubernetesClientBuilder().withConfig(config).build()) {
            Namespace namespace = kubernetes.namespaces().withName(NAME).get();
            assertThat(namespace).isNotNull();
            assertThat(namespace.getMetadata().getLabels())
                    .containsEntry("platform.io/managed", "true")
                    .containsEntry("platform.io/team", "payments")
                    .containsEntry("platform.io/environment", "production")
                    .containsEntry("platform.io/tier", "small")
                    .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                    .containsEntry("features.platform.io/monitoring", "enabled")
                    .containsEntry("features.platform.io/backup", "enabled");
            assertThat(namespace.getMetadata().getAnnotations())
                    .containsEntry("platform.io/request-id", requestId)
                    .containsEntry("platform.io/cost-center", "CC-4711");

            var quotas = kubernetes.resourceQuotas().inNamespace(NAME).list().getItems();
            assertThat(quotas).hasSize(1);
            assertThat(quotas.get(0).getSpec().getHard().get("requests.cpu").toString()).isEqualTo("2");
            assertThat(quotas.get(0).getSpec().getHard().get("pods").toString()).isEqualTo("10");
            assertThat(kubernetes.limitRanges().inNamespace(NAME).list().getItems()).hasSize(1);
            assertThat(kubernetes.network().networkPolicies().inNamespace(NAME).list().getItems()).hasSize(1);

            List<RoleBinding> bindings = kubernetes.rbac().roleBindings().inNamespace(NAME).list().getItems();
            assertThat(bindings).anySatisfy(binding -> {
                assertThat(binding.getRoleRef().getName()).isEqualTo("admin");
                assertThat(binding.getSubjects()).anySatisfy(subject -> {
                    assertThat(subject.getKind()).isEqualTo("Group");
                    assertThat(subject.getName()).isEqualTo("team-payments");
                });
            });
        }
    }

    @Test
    @Order(4)
    void auditHoldsEveryEventOfTheFlow() {
        await("audit trail of " + NAME).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            PlatformApi.Answer answer = PlatformApi.get("/api/v1/audit/events?namespace=" + NAME, "analyst");
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
            List<String> types = new ArrayList<>();
            answer.body().path("items").forEach(item -> types.add(item.path("type").asText()));
            assertThat(types).contains(
                    "io.platform.events.namespace.NamespaceRequested",
                    "io.platform.events.namespace.NamespaceProvisioned",
                    "io.platform.events.namespace.PoliciesApplied",
                    "io.platform.events.namespace.RbacApplied",
                    "io.platform.events.namespace.NamespaceReady");
            answer.body().path("items").forEach(item -> assertThat(item.path("requestId").asText()).isEqualTo(requestId));
        });
    }

    @Test
    @Order(5)
    void analyticsRecordsTheTeamsCost() {
        await("cost of payments").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String query : List.of("aggregate=team", "groupBy=team")) {
                PlatformApi.Answer answer = PlatformApi.get("/api/v1/analytics/costs?" + query, "analyst");
                assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
                List<String> teams = new ArrayList<>();
                answer.body().path("items").forEach(item -> teams.add(item.path("key").asText()));
                assertThat(teams).contains("payments");
            }
        });
    }

    @Test
    @Order(6)
    void badInputIsA400ProblemWithFieldErrors() {
        PlatformApi.Answer answer = PlatformApi.post("/api/v1/namespaces", "team-payments", request("Bad_Name", "payments"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body().path("type").asText()).isEqualTo("https://platform.io/problems/validation");
        assertThat(answer.body().path("errors").get(0).path("field").asText()).isEqualTo("name");
        assertThat(answer.body().path("correlationId").asText()).isNotBlank();
    }

    @Test
    @Order(7)
    void noTokenIs401() {
        PlatformApi.Answer answer = PlatformApi.post("/api/v1/namespaces", null, request("no-token-ns", "payments"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().path("type").asText()).isEqualTo("https://platform.io/problems/unauthorized");
    }

    @Test
    @Order(8)
    void aTokenWithoutTheRoleOrForAnotherTeamIs403() {
        PlatformApi.Answer withoutRole = PlatformApi.post("/api/v1/namespaces", "analyst", request("analyst-ns", "payments"));
        PlatformApi.Answer otherTeam = PlatformApi.post("/api/v1/namespaces", "team-search", request("search-ns", "payments"));

        assertThat(withoutRole.status()).isEqualTo(403);
        assertThat(otherTeam.status()).isEqualTo(403);
        assertThat(otherTeam.body().path("type").asText()).isEqualTo("https://platform.io/problems/forbidden");
    }
}
