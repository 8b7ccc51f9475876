package io.platform.rbac.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.platform.events.namespace.NamespaceProvisioned;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.events.namespace.RbacApplied;
import io.platform.rbac.RbacApplication;
import io.platform.rbac.kubernetes.MockKubernetes;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.Topics;
import io.platform.test.EventProbe;
import io.platform.test.PlatformInfrastructure;
import io.platform.test.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * rbac-service against a real broker, registry, PostgreSQL and OIDC issuer, with fabric8's CRUD mock as the API
 * server. {@code NamespaceProvisioned} is published as provisioning-service would.
 */
@SpringBootTest(classes = {RbacApplication.class, RbacServiceIT.MockCluster.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RbacServiceIT {

    private static final MockKubernetes KUBERNETES = MockKubernetes.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PlatformInfrastructure.kafka(registry);
        PlatformInfrastructure.postgres(registry, "rbac");
        PlatformInfrastructure.issuer(registry);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MockCluster {
        @Bean
        @Primary
        KubernetesClient mockKubernetesClient() {
            return KUBERNETES.client();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final KubernetesClient cluster = KUBERNETES.client();

    @Test
    void bindsTheTeamWhenItsNamespaceIsProvisionedAndAnswersWithRbacApplied() {
        String requestId = UUID.randomUUID().toString();
        String name = unique("payments");
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, provisioned(requestId, name, "payments"));

        ConsumerRecord<String, RbacApplied> record = EventProbe.awaitRecords(Topics.NAMESPACE_EVENTS, RbacApplied.class,
                e -> e.getEnvelope().getRequestId().equals(requestId), Duration.ofSeconds(30)).get(0);

        RbacApplied applied = record.value();
        assertThat(record.key()).isEqualTo(name);
        assertThat(applied.getEnvelope().getEventId())
                .isEqualTo(EventEnvelopes.derived(requestId, "rbac-applied", "a", "s", Instant.EPOCH).getEventId());
        assertThat(applied.getEnvelope().getActor()).isEqualTo("team-payments");
        assertThat(applied.getEnvelope().getSource()).isEqualTo("rbac-service");
        assertThat(applied.getName()).isEqualTo(name);
        assertThat(applied.getTeam()).isEqualTo("payments");
        assertThat(applied.getSubjectGroup()).isEqualTo("team-payments");
        assertThat(applied.getClusterRole()).isEqualTo("admin");
        assertThat(applied.getRoleBinding()).isEqualTo("team-payments-admin");

        RoleBinding binding = cluster.rbac().roleBindings().inNamespace(name).withName("team-payments-admin").get();
        assertThat(binding.getMetadata().getLabels()).containsEntry("platform.io/managed", "true")
                .containsEntry("app.kubernetes.io/managed-by", "namespace-platform");
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo("admin");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("Group");
            assertThat(subject.getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
            assertThat(subject.getName()).isEqualTo("team-payments");
        });

        List<Map<String, Object>> items = bindings("rbac-admin", name).getBody().items();
        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item).containsEntry("namespace", name).containsEntry("name", "team-payments-admin")
                    .containsEntry("team", "payments").containsEntry("subjectKind", "Group")
                    .containsEntry("subjectGroup", "team-payments").containsEntry("clusterRole", "admin")
                    .containsEntry("requestId", requestId);
            assertThat(item).containsKeys("createdAt", "updatedAt");
        });
    }

    @Test
    void redeliveredNamespaceProvisionedDoesNotDuplicateAnything() {
        String requestId = UUID.randomUUID().toString();
        String name = unique("redelivered");
        NamespaceProvisioned event = provisioned(requestId, name, "search");
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, event);
        EventProbe.awaitEvent(Topics.NAMESPACE_EVENTS, RbacApplied.class, e -> e.getEnvelope().getRequestId().equals(requestId));

        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, event);
        // a later event on the same key (same partition) is handled after the redelivered one
        String marker = UUID.randomUUID().toString();
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, provisioned(marker, name, "search"));
        EventProbe.awaitEvent(Topics.NAMESPACE_EVENTS, RbacApplied.class, e -> e.getEnvelope().getRequestId().equals(marker));

        assertThat(EventProbe.read(Topics.NAMESPACE_EVENTS, RbacApplied.class,
                e -> e.getEnvelope().getRequestId().equals(requestId))).hasSize(1);
        assertThat(cluster.rbac().roleBindings().inNamespace(name).list().getItems()).hasSize(1);
        assertThat(jdbc.sql("select count(*) from role_bindings where namespace = ?").param(name).query(Long.class).single())
                .isEqualTo(1L);
        assertThat(jdbc.sql("select count(*) from processed_events where event_id = ?")
                .param(event.getEnvelope().getEventId()).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void bindingsApiNeedsTheRbacAdminRole() {
        assertThat(bindings("platform-admin", null).getStatusCode().value()).isEqualTo(200);
        assertThat(status(RestClient.create("http://localhost:" + port).get().uri("/api/v1/rbac/bindings")))
                .isEqualTo(401);
        assertThat(status(RestClient.create("http://localhost:" + port).get().uri("/api/v1/rbac/bindings")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestIssuer.token("team-payments")))).isEqualTo(403);
        assertThat(status(RestClient.create("http://localhost:" + port).get().uri("/api/v1/rbac/bindings?namespace=Not_Valid")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestIssuer.token("rbac-admin")))).isEqualTo(400);
    }

    private ResponseEntity<Items> bindings(String client, String namespace) {
        return RestClient.create("http://localhost:" + port).get()
                .uri(namespace == null ? "/api/v1/rbac/bindings" : "/api/v1/rbac/bindings?namespace=" + namespace)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestIssuer.token(client))
                .retrieve()
                .toEntity(new ParameterizedTypeReference<Items>() {
                });
    }

    private static int status(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((req, response) -> response.getStatusCode()).value();
    }

    record Items(List<Map<String, Object>> items) {
    }

    private static NamespaceProvisioned provisioned(String requestId, String name, String team) {
        return NamespaceProvisioned.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "provisioned", "team-payments", "provisioning-service",
                        Instant.now()))
                .setSpec(NamespaceSpec.newBuilder().setName(name).setTeam(team).setEnvironment("development")
                        .setTier("small").setNetworkPolicy("isolated").setFeatures(List.of()).build())
                .setObjects(List.of("Namespace/" + name, "ResourceQuota/platform-quota", "LimitRange/platform-limits"))
                .build();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
