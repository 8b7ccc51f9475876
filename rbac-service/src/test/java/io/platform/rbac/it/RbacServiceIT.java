package io.platform.rbac.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.platform.events.namespace.DriftCorrected;
import io.platform.events.namespace.NamespaceDeletionStarted;
import io.platform.events.namespace.NamespaceProvisioned;
import io.platform.events.namespace.NamespaceProvisioningFailed;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.events.namespace.RbacApplied;
import io.platform.events.namespace.RbacRemoved;
import io.platform.events.rbac.RoleAssigned;
import io.platform.events.rbac.RoleCreated;
import io.platform.events.rbac.RoleDeleted;
import io.platform.events.rbac.RoleRevoked;
import io.platform.rbac.RbacApplication;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.Topics;
import io.platform.test.EventProbe;
import io.platform.test.PlatformInfrastructure;
import io.platform.test.TestIssuer;
import io.platform.test.kubernetes.MockKubernetes;
import java.nio.charset.StandardCharsets;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * rbac-service against a real broker, registry, PostgreSQL and OIDC issuer, with fabric8's CRUD mock as the API
 * server. provisioning-service's events are published as it would; the RBAC API is called with real tokens.
 */
@SpringBootTest(classes = {RbacApplication.class, RbacServiceIT.MockCluster.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "platform.rbac.drift.resync-interval=5s",
                "platform.rbac.drift.debounce=200ms",
                "platform.rbac.drift.lease.duration=4s",
                "platform.rbac.drift.lease.renew-deadline=3s",
                "platform.rbac.drift.lease.retry-period=500ms"})
class RbacServiceIT {

    private static final MockKubernetes KUBERNETES = MockKubernetes.start();
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
            return KUBERNETES.client(Duration.ofSeconds(5));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final KubernetesClient cluster = KUBERNETES.client();

    // ----------------------------------------------------------------------------------------------- team binding

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
            assertThat(subject.getName()).isEqualTo("team-payments");
        });

        JsonNode items = get("/api/v1/rbac/bindings?namespace=" + name, "rbac-admin").json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("name").asString()).isEqualTo("team-payments-admin");
        assertThat(items.get(0).get("requestId").asString()).isEqualTo(requestId);
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
        assertThat(jdbc.sql("select count(*) from processed_events where event_id = ?")
                .param(event.getEnvelope().getEventId()).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void aFailedRequestsTeamBindingIsRemoved() {
        String requestId = UUID.randomUUID().toString();
        String name = unique("failed");
        bound(requestId, name, "payments");

        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, NamespaceProvisioningFailed.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "failed", "team-payments", "provisioning-service", Instant.now()))
                .setName(name).setStep("deadline").setReason("not finished in time").setRetryable(true).build());

        // on a real cluster the namespace's deletion takes the binding along; the CRUD mock keeps it unless removed
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(cluster.rbac().roleBindings().inNamespace(name).list().getItems()).isEmpty();
            assertThat(jdbc.sql("select count(*) from role_bindings where namespace = ?").param(name)
                    .query(Long.class).single()).isZero();
        });
    }

    // ------------------------------------------------------------------------------------------ deletion hand-off

    @Test
    void aDeletionRemovesEveryBindingAndRoleOfTheNamespaceAndAnswersRbacRemoved() {
        String created = UUID.randomUUID().toString();
        String name = unique("to-delete");
        bound(created, name, "payments");
        String roleId = post("/api/v1/rbac/roles", "rbac-admin", Map.of("kind", "Role", "name", "log-reader",
                "namespace", name, "rules", List.of(rule(List.of(""), List.of("pods", "pods/log"), List.of("get")))))
                .json().get("role").get("id").asString();
        String assignmentId = post("/api/v1/rbac/assignments", "rbac-admin", Map.of("namespace", name,
                "role", Map.of("kind", "Role", "name", "log-reader"), "subject", Map.of("kind", "User", "name", "alice")))
                .json().get("assignment").get("id").asString();
        String deletion = UUID.randomUUID().toString();
        NamespaceDeletionStarted started = NamespaceDeletionStarted.newBuilder()
                .setEnvelope(EventEnvelopes.derived(deletion, "deletion-started", "team-payments", "provisioning-service",
                        Instant.now()))
                .setName(name).setTeam("payments").setReason("done").build();

        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, started);

        RbacRemoved removed = EventProbe.awaitEvent(Topics.NAMESPACE_EVENTS, RbacRemoved.class,
                e -> e.getEnvelope().getRequestId().equals(deletion));
        assertThat(removed.getName()).isEqualTo(name);
        assertThat(removed.getObjects()).containsExactlyInAnyOrder("RoleBinding/team-payments-admin", "Role/log-reader",
                "RoleBinding/" + assignmentBinding(name, "log-reader", "alice"));
        assertThat(cluster.rbac().roleBindings().inNamespace(name).list().getItems()).isEmpty();
        assertThat(cluster.rbac().roles().inNamespace(name).list().getItems()).isEmpty();
        assertThat(EventProbe.awaitEvent(Topics.RBAC_EVENTS, RoleRevoked.class,
                e -> e.getEnvelope().getRequestId().equals(deletion)).getAssignmentId()).isEqualTo(assignmentId);
        assertThat(EventProbe.awaitEvent(Topics.RBAC_EVENTS, RoleDeleted.class,
                e -> e.getEnvelope().getRequestId().equals(deletion)).getRoleName()).isEqualTo("log-reader");
        assertThat(get("/api/v1/rbac/roles/" + roleId, "rbac-admin").status()).isEqualTo(404);

        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, started);
        String marker = UUID.randomUUID().toString();
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, provisioned(marker, name, "payments"));
        EventProbe.awaitEvent(Topics.NAMESPACE_EVENTS, RbacApplied.class, e -> e.getEnvelope().getRequestId().equals(marker));
        assertThat(EventProbe.read(Topics.NAMESPACE_EVENTS, RbacRemoved.class,
                e -> e.getEnvelope().getRequestId().equals(deletion))).hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------------- RBAC API

    @Test
    void customRolesAreValidatedCreatedChangedAndDeletedWithTheirEvents() {
        String name = unique("roles");
        bound(UUID.randomUUID().toString(), name, "payments");

        Answer invalid = post("/api/v1/rbac/roles", "rbac-admin", Map.of("kind", "Role", "name", "Bad_Name",
                "namespace", name, "rules", List.of(rule(List.of("apps"), List.of("deployments", "nodes"),
                        List.of("get", "fly")))));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).contains("application/problem+json");
        assertThat(fieldErrors(invalid)).containsExactlyInAnyOrder("name:pattern", "rules[0].resources[1]:unknown-resource",
                "rules[0].verbs[1]:unknown-verb");
        assertThat(fieldErrors(post("/api/v1/rbac/roles", "rbac-admin", Map.of("kind", "Role", "name", "reader",
                "namespace", "not-a-managed-namespace", "rules", List.of(rule(List.of(""), List.of("pods"), List.of("get")))))))
                .containsExactly("namespace:unknown-namespace");

        Answer created = post("/api/v1/rbac/roles", "rbac-admin", Map.of("kind", "Role", "name", "deployer",
                "namespace", name, "description", "ships releases",
                "rules", List.of(rule(List.of("apps"), List.of("deployments"), List.of("get", "patch")))));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("role").get("id").asString();
        String requestId = created.json().get("requestId").asString();
        assertThat(created.location()).isEqualTo("/api/v1/rbac/roles/" + id);
        RoleCreated event = EventProbe.awaitEvent(Topics.RBAC_EVENTS, RoleCreated.class,
                e -> e.getEnvelope().getRequestId().equals(requestId));
        assertThat(event.getRoleKind()).isEqualTo("Role");
        assertThat(event.getNamespace()).isEqualTo(name);
        assertThat(event.getRules()).singleElement().satisfies(r -> assertThat(r.getVerbs()).containsExactly("get", "patch"));
        assertThat(event.getEnvelope().getActor()).isNotBlank();
        assertThat(cluster.rbac().roles().inNamespace(name).withName("deployer").get().getRules()).hasSize(1);
        assertThat(post("/api/v1/rbac/roles", "rbac-admin", Map.of("kind", "Role", "name", "deployer", "namespace", name,
                "rules", List.of(rule(List.of(""), List.of("pods"), List.of("get"))))).status()).isEqualTo(409);

        Answer changed = send(HttpMethod.PUT, "/api/v1/rbac/roles/" + id, "rbac-admin", Map.of("rules",
                List.of(rule(List.of("apps"), List.of("deployments", "deployments/scale"), List.of("get", "patch", "update")))));
        assertThat(changed.status()).isEqualTo(200);
        String changeRequest = changed.json().get("requestId").asString();
        assertThat(EventProbe.awaitEvent(Topics.RBAC_EVENTS, RoleCreated.class,
                e -> e.getEnvelope().getRequestId().equals(changeRequest)).getRules().get(0).getResources())
                .containsExactly("deployments", "deployments/scale");
        assertThat(cluster.rbac().roles().inNamespace(name).withName("deployer").get().getRules().get(0).getVerbs())
                .containsExactly("get", "patch", "update");

        Answer clusterRole = post("/api/v1/rbac/roles", "platform-admin", Map.of("kind", "ClusterRole",
                "name", unique("node-viewer"), "rules", List.of(rule(List.of(""), List.of("nodes"), List.of("get", "list")))));
        assertThat(clusterRole.status()).isEqualTo(201);
        assertThat(clusterRole.json().get("role").get("namespace").isNull()).isTrue();

        assertThat(send(HttpMethod.DELETE, "/api/v1/rbac/roles/" + id, "rbac-admin", null).status()).isEqualTo(204);
        assertThat(EventProbe.awaitEvent(Topics.RBAC_EVENTS, RoleDeleted.class,
                e -> e.getRoleName().equals("deployer") && name.equals(e.getNamespace())).getRoleKind()).isEqualTo("Role");
        assertThat(cluster.rbac().roles().inNamespace(name).withName("deployer").get()).isNull();
        assertThat(get("/api/v1/rbac/roles/" + id, "rbac-admin").status()).isEqualTo(404);
        assertThat(send(HttpMethod.DELETE, "/api/v1/rbac/roles/" + id, "rbac-admin", null).status()).isEqualTo(404);
    }

    @Test
    void rolesAreAssignedAggregatedIntoPermissionsAndRevoked() {
        String name = unique("assigned");
        bound(UUID.randomUUID().toString(), name, "payments");
        post("/api/v1/rbac/roles", "rbac-admin", Map.of("kind", "Role", "name", "pod-reader", "namespace", name,
                "rules", List.of(rule(List.of(""), List.of("pods"), List.of("get", "list")))));
        post("/api/v1/rbac/roles", "rbac-admin", Map.of("kind", "Role", "name", "pod-killer", "namespace", name,
                "rules", List.of(rule(List.of(""), List.of("pods"), List.of("delete", "get")))));

        Answer assigned = post("/api/v1/rbac/assignments", "rbac-admin", Map.of("namespace", name,
                "role", Map.of("kind", "Role", "name", "pod-reader"), "subject", Map.of("kind", "User", "name", "alice")));
        assertThat(assigned.status()).isEqualTo(201);
        JsonNode assignment = assigned.json().get("assignment");
        String assignmentId = assignment.get("id").asString();
        String binding = assignment.get("roleBinding").asString();
        RoleAssigned event = EventProbe.awaitEvent(Topics.RBAC_EVENTS, RoleAssigned.class,
                e -> e.getAssignmentId().equals(assignmentId));
        assertThat(event.getNamespace()).isEqualTo(name);
        assertThat(event.getSubjectKind()).isEqualTo("User");
        assertThat(event.getSubjectName()).isEqualTo("alice");
        assertThat(event.getRoleBinding()).isEqualTo(binding);
        RoleBinding roleBinding = cluster.rbac().roleBindings().inNamespace(name).withName(binding).get();
        assertThat(roleBinding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(roleBinding.getSubjects().get(0).getKind()).isEqualTo("User");
        assertThat(post("/api/v1/rbac/assignments", "rbac-admin", Map.of("namespace", name,
                "role", Map.of("kind", "Role", "name", "pod-reader"), "subject", Map.of("kind", "User", "name", "alice")))
                .status()).as("the same assignment again").isEqualTo(200);
        post("/api/v1/rbac/assignments", "rbac-admin", Map.of("namespace", name,
                "role", Map.of("kind", "Role", "name", "pod-killer"), "subject", Map.of("kind", "Group", "name", "oncall")));
        assertThat(fieldErrors(post("/api/v1/rbac/assignments", "rbac-admin", Map.of("namespace", name,
                "role", Map.of("kind", "ClusterRole", "name", "god-mode"), "subject", Map.of("kind", "Robot", "name", "x")))))
                .containsExactly("subject.kind:pattern");
        assertThat(fieldErrors(post("/api/v1/rbac/assignments", "rbac-admin", Map.of("namespace", name,
                "role", Map.of("kind", "ClusterRole", "name", "god-mode"), "subject", Map.of("kind", "User", "name", "x")))))
                .containsExactly("role.name:unknown-role");

        JsonNode permissions = get("/api/v1/rbac/permissions?subject=User:alice&namespace=" + name
                + "&groups=oncall,team-payments", "rbac-admin").json();
        assertThat(permissions.get("grants")).hasSize(3);
        assertThat(permissions.get("rules").toString())
                .contains("\"resources\":[\"pods\"]", "\"verbs\":[\"delete\",\"get\",\"list\"]");
        // the CRUD mock has no built-in ClusterRoles: the team's admin role is listed as unresolved
        assertThat(permissions.get("unresolvedRoles").toString()).contains("ClusterRole/admin");
        JsonNode onlyAlice = get("/api/v1/rbac/permissions?subject=alice&namespace=" + name, "rbac-admin").json();
        assertThat(onlyAlice.get("grants")).hasSize(1);
        assertThat(fieldErrors(get("/api/v1/rbac/permissions?namespace=Bad_Namespace", "rbac-admin")))
                .containsExactlyInAnyOrder("subject:required", "namespace:pattern");

        assertThat(send(HttpMethod.DELETE, "/api/v1/rbac/assignments/" + assignmentId, "rbac-admin", null).status())
                .isEqualTo(204);
        assertThat(EventProbe.awaitEvent(Topics.RBAC_EVENTS, RoleRevoked.class,
                e -> e.getAssignmentId().equals(assignmentId)).getSubjectName()).isEqualTo("alice");
        assertThat(cluster.rbac().roleBindings().inNamespace(name).withName(binding).get()).isNull();
        assertThat(get("/api/v1/rbac/permissions?subject=User:alice&namespace=" + name, "rbac-admin").json()
                .get("grants")).isEmpty();
    }

    @Test
    void theRbacApiNeedsTheRbacAdminRole() {
        assertThat(get("/api/v1/rbac/bindings", "platform-admin").status()).isEqualTo(200);
        assertThat(get("/api/v1/rbac/roles", "platform-admin").status()).isEqualTo(200);
        assertThat(get("/api/v1/rbac/roles", null).status()).isEqualTo(401);
        assertThat(get("/api/v1/rbac/roles", "team-payments").status()).isEqualTo(403);
        assertThat(post("/api/v1/rbac/assignments", "team-payments", Map.of()).status()).isEqualTo(403);
        assertThat(get("/api/v1/rbac/permissions?subject=alice&namespace=x", "analyst").status()).isEqualTo(403);
        assertThat(get("/api/v1/rbac/bindings?namespace=Not_Valid", "rbac-admin").status()).isEqualTo(400);
        assertThat(post("/api/v1/rbac/roles", "rbac-admin", Map.of("kind", "Role", "unknownField", 1)).status())
                .isEqualTo(400);
    }

    // ------------------------------------------------------------------------------------------------ drift repair

    @Test
    void bindingsAndRolesChangedOrDeletedByHandArePutBack() {
        String requestId = UUID.randomUUID().toString();
        String name = unique("drifted");
        bound(requestId, name, "payments");
        post("/api/v1/rbac/roles", "rbac-admin", Map.of("kind", "Role", "name", "viewer", "namespace", name,
                "rules", List.of(rule(List.of(""), List.of("pods"), List.of("get")))));

        cluster.rbac().roleBindings().inNamespace(name).withName("team-payments-admin").delete();
        cluster.rbac().roles().inNamespace(name).resource(new RoleBuilder().withNewMetadata().withName("viewer")
                .withNamespace(name).addToLabels("platform.io/managed", "true").endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("*").withResources("*").withVerbs("*").build()).build())
                .update();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(cluster.rbac().roleBindings().inNamespace(name).withName("team-payments-admin").get()).isNotNull();
            assertThat(cluster.rbac().roles().inNamespace(name).withName("viewer").get().getRules().get(0).getVerbs())
                    .containsExactly("get");
        });
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(EventProbe.read(Topics.NAMESPACE_EVENTS,
                DriftCorrected.class, e -> e.getName().equals(name))).extracting(ConsumerRecord::value)
                .anySatisfy(drift -> {
                    assertThat(drift.getObjectKind()).isEqualTo("RoleBinding");
                    assertThat(drift.getChange()).isEqualTo("deleted");
                    assertThat(drift.getEnvelope().getRequestId()).isEqualTo(requestId);
                    assertThat(drift.getEnvelope().getSource()).isEqualTo("rbac-service");
                })
                .anySatisfy(drift -> {
                    assertThat(drift.getObjectKind()).isEqualTo("Role");
                    assertThat(drift.getChange()).startsWith("modified: rules");
                }));
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private void bound(String requestId, String name, String team) {
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, provisioned(requestId, name, team));
        EventProbe.awaitEvent(Topics.NAMESPACE_EVENTS, RbacApplied.class, e -> e.getEnvelope().getRequestId().equals(requestId));
    }

    private String assignmentBinding(String namespace, String role, String user) {
        return io.platform.rbac.domain.Assignment.of(namespace, io.platform.rbac.domain.RoleKind.ROLE, role,
                io.platform.rbac.domain.SubjectKind.USER, user, "r", "a", Instant.EPOCH).roleBinding();
    }

    private static Map<String, Object> rule(List<String> groups, List<String> resources, List<String> verbs) {
        return Map.of("apiGroups", groups, "resources", resources, "verbs", verbs);
    }

    private static List<String> fieldErrors(Answer answer) {
        assertThat(answer.status()).isEqualTo(400);
        List<String> errors = new java.util.ArrayList<>();
        answer.json().get("errors").forEach(error -> errors.add(error.get("field").asString() + ":"
                + error.get("code").asString()));
        return errors;
    }

    record Answer(int status, String body, String contentType, String location) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private Answer get(String path, String client) {
        return send(HttpMethod.GET, path, client, null);
    }

    private Answer post(String path, String client, Object body) {
        return send(HttpMethod.POST, path, client, body);
    }

    private Answer send(HttpMethod method, String path, String client, Object body) {
        RestClient.RequestBodySpec request = RestClient.create("http://localhost:" + port).method(method).uri(path);
        if (client != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestIssuer.token(client));
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body));
        }
        return request.exchange((req, response) -> new Answer(response.getStatusCode().value(),
                new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8),
                String.valueOf(response.getHeaders().getContentType()),
                response.getHeaders().getLocation() == null ? null : response.getHeaders().getLocation().toString()));
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
