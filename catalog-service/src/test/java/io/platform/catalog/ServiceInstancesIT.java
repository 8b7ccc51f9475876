package io.platform.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.platform.common.kafka.CloudEventHeaders;
import io.platform.events.Envelope;
import io.platform.events.instances.ServiceInstanceDeleted;
import io.platform.events.instances.ServiceInstanceDeletionRequested;
import io.platform.events.instances.ServiceInstanceDeployed;
import io.platform.events.instances.ServiceInstanceFailed;
import io.platform.events.instances.ServiceInstanceRequested;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.Topics;
import io.platform.test.EventProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The instance API with provisioning-service played by the test: its outcome events are published as it would
 * publish them, and the requests this service publishes are read back from the topic.
 */
class ServiceInstancesIT extends CatalogIntegrationTest {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    private String readyNamespace(String team, String environment, String tier) {
        String name = "ns-" + UUID.randomUUID().toString().substring(0, 8);
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, NamespaceReady.newBuilder()
                .setEnvelope(EventEnvelopes.derived(UUID.randomUUID().toString(), "ready", "team-" + team,
                        "provisioning-service", Instant.now()))
                .setSpec(NamespaceSpec.newBuilder().setName(name).setTeam(team).setEnvironment(environment).setTier(tier)
                        .setNetworkPolicy("isolated").build())
                .build());
        await().atMost(Duration.ofSeconds(30)).until(() -> as("platform-admin").get()
                .uri("/api/v1/namespaces/" + name + "/services").retrieve().toBodilessEntity().getStatusCode().value() == 200);
        return name;
    }

    private ResponseEntity<Map<String, Object>> deploy(String client, String namespace, Object body, boolean dryRun) {
        return as(client).post().uri("/api/v1/namespaces/" + namespace + "/services" + (dryRun ? "?dryRun=true" : ""))
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(MAP);
    }

    private Map<String, Object> instance(String namespace, String name) {
        return as("team-payments").get().uri("/api/v1/namespaces/" + namespace + "/services/" + name).retrieve().body(MAP);
    }

    private static Envelope outcome(String requestId, String step) {
        return EventEnvelopes.derived(requestId, step, "team-payments", "provisioning-service", Instant.now());
    }

    @Test
    void dryRunAnswersTheRenderedManifestsAndTheQuotaCheckAndPublishesNothing() {
        String namespace = readyNamespace("payments", "production", "small");

        ResponseEntity<Map<String, Object>> response = deploy("team-payments", namespace, Map.of("template", "web-app",
                "version", "1.0.0", "instanceName", "storefront",
                "parameters", Map.of("image", "nginxinc/nginx-unprivileged:1.27", "ingress", Map.of("enabled", true, "host", "shop.example.com"))),
                true);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).containsEntry("dryRun", true)
                .containsEntry("objects", List.of("Deployment/storefront", "Service/storefront", "Ingress/storefront"));
        assertThat(response.getBody().get("manifests")).asString().contains("kind: Deployment", "replicas: 2", "host: \"shop.example.com\"");
        assertThat(response.getBody().get("quota")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("fits", true).containsEntry("tier", "small");
        assertThat(response.getBody().get("resources")).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("requests.cpu", "500m");
        assertThat(as("team-payments").get().uri("/api/v1/namespaces/" + namespace + "/services").retrieve().body(LIST)).isEmpty();
        assertThat(EventProbe.read(Topics.SERVICE_INSTANCES, ServiceInstanceRequested.class, e -> e.getNamespace().equals(namespace)))
                .isEmpty();
    }

    @Test
    void anInstanceIsRequestedThroughAnEventDeployedDeletedAndItsEventsCarryWhatAuditNeeds() {
        String namespace = readyNamespace("payments", "development", "small");

        ResponseEntity<Map<String, Object>> accepted = deploy("team-payments", namespace, Map.of("template", "postgresql",
                "version", "1.0.0", "instanceName", "orders-db", "parameters", Map.of("database", "orders")), false);

        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        assertThat(accepted.getHeaders().getLocation()).hasToString("/api/v1/namespaces/" + namespace + "/services/orders-db");
        assertThat(accepted.getBody()).containsEntry("status", "PENDING");
        String requestId = (String) accepted.getBody().get("requestId");
        ConsumerRecord<String, ServiceInstanceRequested> requested = EventProbe.awaitRecords(Topics.SERVICE_INSTANCES,
                ServiceInstanceRequested.class, e -> e.getEnvelope().getRequestId().equals(requestId), Duration.ofSeconds(20)).get(0);
        assertThat(requested.key()).isEqualTo(namespace);
        assertThat(requested.value().getTemplate()).isEqualTo("postgresql");
        assertThat(requested.value().getVersion()).isEqualTo("1.0.0");
        assertThat(requested.value().getParametersJson()).contains("\"database\":\"orders\"", "\"storage\":\"10Gi\"")
                .doesNotContainIgnoringCase("password");
        // what audit records: who, what, when, from where, correlated by request id, mirrored in CloudEvents headers
        Envelope envelope = requested.value().getEnvelope();
        assertThat(envelope.getActor()).isEqualTo("team-payments");
        assertThat(envelope.getSource()).isEqualTo("catalog-service");
        assertThat(envelope.getEventId()).isEqualTo(EventEnvelopes.derived(requestId, "requested", "x", "x", Instant.EPOCH).getEventId());
        assertThat(CloudEventHeaders.read(requested.headers(), CloudEventHeaders.ID)).isEqualTo(envelope.getEventId());
        assertThat(CloudEventHeaders.read(requested.headers(), CloudEventHeaders.TYPE))
                .isEqualTo("io.platform.events.instances.ServiceInstanceRequested");
        assertThat(CloudEventHeaders.read(requested.headers(), CloudEventHeaders.SUBJECT)).isEqualTo(namespace);

        EventProbe.publish(Topics.SERVICE_INSTANCES, namespace, ServiceInstanceDeployed.newBuilder()
                .setEnvelope(outcome(requestId, "deployed")).setNamespace(namespace).setInstanceName("orders-db")
                .setTemplate("postgresql").setVersion("1.0.0")
                .setObjects(List.of("Secret/orders-db", "Service/orders-db", "StatefulSet/orders-db")).setMonthlyCostCents(6000).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> "DEPLOYED".equals(instance(namespace, "orders-db").get("status")));
        assertThat(instance(namespace, "orders-db")).containsEntry("objects",
                List.of("Secret/orders-db", "Service/orders-db", "StatefulSet/orders-db"));

        ResponseEntity<Map<String, Object>> deleting = as("team-payments").delete()
                .uri("/api/v1/namespaces/" + namespace + "/services/orders-db").retrieve().toEntity(MAP);
        assertThat(deleting.getStatusCode().value()).isEqualTo(202);
        assertThat(deleting.getBody()).containsEntry("status", "DELETING");
        ServiceInstanceDeletionRequested deletion = EventProbe.awaitEvent(Topics.SERVICE_INSTANCES,
                ServiceInstanceDeletionRequested.class, e -> e.getNamespace().equals(namespace));
        assertThat(deletion.getInstanceName()).isEqualTo("orders-db");
        assertThat(deletion.getEnvelope().getActor()).isEqualTo("team-payments");

        EventProbe.publish(Topics.SERVICE_INSTANCES, namespace, ServiceInstanceDeleted.newBuilder()
                .setEnvelope(outcome(deletion.getEnvelope().getRequestId(), "deleted")).setNamespace(namespace)
                .setInstanceName("orders-db").build());
        await().atMost(Duration.ofSeconds(20)).until(() -> "DELETED".equals(instance(namespace, "orders-db").get("status")));
        assertThat(as("team-payments").get().uri("/api/v1/namespaces/" + namespace + "/services").retrieve().body(LIST)).isEmpty();
        assertThat(as("team-payments").get().uri("/api/v1/namespaces/" + namespace + "/services?includeDeleted=true")
                .retrieve().body(LIST)).hasSize(1);
    }

    @Test
    void badParametersAreRefusedWithAnErrorNamingEachField() {
        String namespace = readyNamespace("payments", "development", "small");

        ResponseEntity<Map<String, Object>> response = deploy("team-payments", namespace, Map.of("template", "cron-job",
                "version", "1.0.0", "instanceName", "nightly",
                "parameters", Map.of("schedule", "whenever", "command", List.of(), "backoffLimit", 99, "colour", "blue")), false);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(errorFieldCodes(response.getBody())).containsExactlyInAnyOrder("parameters.schedule:pattern", "parameters.image:required",
                        "parameters.command:minItems", "parameters.backoffLimit:maximum", "parameters.colour:additionalProperties");
    }

    @Test
    void onlyTheOwningTeamMayDeployIntoANamespaceThatIsReady() {
        String namespace = readyNamespace("payments", "development", "small");
        Map<String, Object> body = Map.of("template", "redis", "version", "1.0.0", "instanceName", "cache", "parameters", Map.of());

        assertThat(deploy("team-search", namespace, body, false).getStatusCode().value()).isEqualTo(403);
        assertThat(deploy("analyst", namespace, body, false).getStatusCode().value()).isEqualTo(403);
        assertThat(deploy("team-payments", "no-such-namespace", body, false).getStatusCode().value()).isEqualTo(404);
        assertThat(deploy("platform-admin", namespace, body, true).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aTemplateOnlyGoesWhereItIsAllowedAndOnlyIfTheQuotaHasRoom() {
        String micro = readyNamespace("payments", "development", "micro");

        ResponseEntity<Map<String, Object>> postgresInMicro = deploy("team-payments", micro, Map.of("template", "postgresql",
                "version", "1.0.0", "instanceName", "db", "parameters", Map.of()), false);
        ResponseEntity<Map<String, Object>> tooBig = deploy("team-payments", micro, Map.of("template", "web-app",
                "version", "1.0.0", "instanceName", "big", "parameters", Map.of("image", "nginx", "replicas", 6, "cpu", "500m")), false);

        assertThat(postgresInMicro.getStatusCode().value()).isEqualTo(400);
        assertThat(errorFieldCodes(postgresInMicro.getBody())).containsExactly("template:tier-not-allowed");
        assertThat(tooBig.getStatusCode().value()).isEqualTo(409);
        assertThat(errorFields(tooBig.getBody())).containsExactly("quota.requests.cpu", "quota.limits.cpu", "quota.pods");
        assertThat(tooBig.getBody().get("quota")).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("fits", false);
    }

    @Test
    void anInstanceNameIsHeldUntilItsInstanceFailsOrIsDeleted() {
        String namespace = readyNamespace("payments", "development", "small");
        Map<String, Object> body = Map.of("template", "redis", "version", "1.0.0", "instanceName", "cache", "parameters", Map.of());

        ResponseEntity<Map<String, Object>> first = deploy("team-payments", namespace, body, false);
        ResponseEntity<Map<String, Object>> second = deploy("team-payments", namespace, body, false);
        assertThat(first.getStatusCode().value()).isEqualTo(202);
        assertThat(second.getStatusCode().value()).isEqualTo(409);

        String requestId = (String) first.getBody().get("requestId");
        EventProbe.publish(Topics.SERVICE_INSTANCES, namespace, ServiceInstanceFailed.newBuilder()
                .setEnvelope(outcome(requestId, "failed")).setNamespace(namespace).setInstanceName("cache")
                .setTemplate("redis").setVersion("1.0.0").setStep("quota").setReason("requests.cpu exceeds the tier").build());
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(instance(namespace, "cache").get("status")));

        assertThat(instance(namespace, "cache")).containsEntry("failure", Map.of("step", "quota", "reason", "requests.cpu exceeds the tier"));
        assertThat(deploy("team-payments", namespace, body, false).getStatusCode().value()).isEqualTo(202);
    }

    @Test
    void aDeprecatedVersionTakesNoNewInstancesWhileRunningOnesKeepWorking() {
        String name = "echo-" + UUID.randomUUID().toString().substring(0, 6);
        as("catalog-admin").post().uri("/api/v1/catalog/templates").contentType(MediaType.APPLICATION_JSON)
                .body(ServiceTemplatesIT.template(name, "1.0.0")).retrieve().toBodilessEntity();
        String namespace = readyNamespace("payments", "development", "small");
        ResponseEntity<Map<String, Object>> running = deploy("team-payments", namespace, Map.of("template", name, "version", "1.0.0",
                "instanceName", "first", "parameters", Map.of()), false);
        EventProbe.publish(Topics.SERVICE_INSTANCES, namespace, ServiceInstanceDeployed.newBuilder()
                .setEnvelope(outcome((String) running.getBody().get("requestId"), "deployed")).setNamespace(namespace)
                .setInstanceName("first").setTemplate(name).setVersion("1.0.0").setObjects(List.of("ConfigMap/first")).build());

        as("catalog-admin").post().uri("/api/v1/catalog/templates/" + name + "/versions/1.0.0/deprecate").retrieve().toBodilessEntity();
        ResponseEntity<Map<String, Object>> another = deploy("team-payments", namespace, Map.of("template", name, "version", "1.0.0",
                "instanceName", "second", "parameters", Map.of()), false);

        assertThat(another.getStatusCode().value()).isEqualTo(400);
        assertThat(errorFieldCodes(another.getBody())).containsExactly("version:deprecated");
        await().atMost(Duration.ofSeconds(20)).until(() -> "DEPLOYED".equals(instance(namespace, "first").get("status")));
        assertThat(as("team-payments").delete().uri("/api/v1/namespaces/" + namespace + "/services/first").retrieve()
                .toBodilessEntity().getStatusCode().value()).isEqualTo(202);
    }
}
