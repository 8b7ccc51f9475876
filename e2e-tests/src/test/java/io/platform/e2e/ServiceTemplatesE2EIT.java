package io.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.platform.e2e.harness.PlatformClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A team deploys an approved template into its namespace through the gateway: list, dry-run, deploy, see its objects
 * in Kubernetes and its events in audit, delete it.
 */
@ExtendWith(LocalStackExtension.class)
@Order(3)
class ServiceTemplatesE2EIT {

    private static final Map<String, Object> WEB_APP = Map.of("template", "web-app", "version", "1.0.0",
            "instanceName", "storefront", "parameters", Map.of("image", "registry.example.com/shop/storefront:1.4.2"));

    @Test
    void aTeamDeploysAWebAppFromTheCatalogAndRemovesIt() {
        // Given a READY namespace of team payments and the catalog's templates
        String namespace = E2e.uniqueName("shop");
        E2e.readyNamespace(namespace, "payments", "development", "small");
        PlatformClient.Answer templates = E2e.API.get("/api/v1/catalog/templates", "team-payments");
        assertThat(templates.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        (templates.body().isArray() ? templates.body() : templates.body().path("items")).forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).contains("web-app", "postgresql", "redis", "cron-job");

        // When it dry-runs the web app: rendered manifests and a quota check, nothing applied
        // (catalog-service learns of the READY namespace from the event stream a moment after the gateway reports it)
        PlatformClient.Answer dryRun = await("catalog knows " + namespace).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> E2e.API.post("/api/v1/namespaces/" + namespace + "/services?dryRun=true",
                        "team-payments", WEB_APP), reply -> reply.status() != 404);
        assertThat(dryRun.status()).as(dryRun.body().toString()).isEqualTo(200);
        assertThat(dryRun.body().path("manifests").toString()).contains("Deployment");
        assertThat(dryRun.body().has("quota")).isTrue();

        // And deploys it
        PlatformClient.Answer deploy = E2e.API.post("/api/v1/namespaces/" + namespace + "/services", "team-payments", WEB_APP);
        assertThat(deploy.status()).as(deploy.body().toString()).isEqualTo(202);

        // Then it is DEPLOYED with its objects in the namespace
        await("storefront deployed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(instance(namespace).path("status").asText()).isEqualTo("DEPLOYED"));
        try (KubernetesClient kubernetes = E2e.kubernetes()) {
            assertThat(kubernetes.apps().deployments().inNamespace(namespace).list().getItems())
                    .extracting(d -> d.getMetadata().getName()).contains("storefront");
            assertThat(kubernetes.services().inNamespace(namespace).list().getItems())
                    .extracting(s -> s.getMetadata().getName()).contains("storefront");
        }

        // And audit holds the instance's events
        await("instance events in audit").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<String> types = new ArrayList<>();
            E2e.API.get("/api/v1/audit/events?namespace=" + namespace + "&limit=1000", "analyst").body().path("items")
                    .forEach(item -> types.add(item.path("type").asText()));
            assertThat(types).contains("io.platform.events.instances.ServiceInstanceRequested",
                    "io.platform.events.instances.ServiceInstanceDeployed");
        });

        // When the team deletes the instance, exactly its objects go
        assertThat(E2e.API.delete("/api/v1/namespaces/" + namespace + "/services/storefront", "team-payments").status())
                .isEqualTo(202);
        await("storefront deleted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            try (KubernetesClient kubernetes = E2e.kubernetes()) {
                assertThat(kubernetes.apps().deployments().inNamespace(namespace).list().getItems()).isEmpty();
            }
        });
        try (KubernetesClient kubernetes = E2e.kubernetes()) {
            assertThat(kubernetes.resourceQuotas().inNamespace(namespace).list().getItems()).hasSize(1);
        }
    }

    @Test
    void badParametersAreRefusedNamingEachField() {
        String namespace = E2e.uniqueName("lab");
        E2e.readyNamespace(namespace, "data", "development", "small");

        // catalog-service learns of a READY namespace from the event stream, a moment after the gateway reports it:
        // until then the namespace is unknown there (404); a refused request publishes nothing, so asking again is safe
        PlatformClient.Answer answer = await("catalog knows " + namespace).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> E2e.API.post("/api/v1/namespaces/" + namespace + "/services", "team-data",
                        Map.of("template", "web-app", "version", "1.0.0", "instanceName", "api",
                                "parameters", Map.of("replicas", 0))), reply -> reply.status() != 404);

        assertThat(answer.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        answer.body().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).contains("parameters.image", "parameters.replicas");
    }

    private static JsonNode instance(String namespace) {
        return E2e.API.get("/api/v1/namespaces/" + namespace + "/services/storefront", "team-payments").body();
    }
}
