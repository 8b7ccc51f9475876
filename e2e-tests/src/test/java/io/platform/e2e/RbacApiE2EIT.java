package io.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.platform.e2e.harness.PlatformClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The RBAC API through the gateway: a custom role, an assignment, the effective permissions, a revocation. */
@ExtendWith(LocalStackExtension.class)
@Order(4)
class RbacApiE2EIT {

    @Test
    void anRbacAdminGrantsACustomRoleToAUserAndRevokesIt() {
        // Given a READY namespace
        String namespace = E2e.uniqueName("billing");
        E2e.readyNamespace(namespace, "payments", "development", "micro");

        // When the RBAC admin creates a read-only role for config maps and assigns it to alice
        PlatformClient.Answer role = E2e.API.post("/api/v1/rbac/roles", "rbac-admin", Map.of("kind", "Role",
                "name", "config-reader", "namespace", namespace, "rules", List.of(Map.of("apiGroups", List.of(""),
                        "resources", List.of("configmaps"), "verbs", List.of("get", "list", "watch")))));
        assertThat(role.status()).as(role.body().toString()).isEqualTo(201);
        PlatformClient.Answer assignment = E2e.API.post("/api/v1/rbac/assignments", "rbac-admin", Map.of("namespace", namespace,
                "role", Map.of("kind", "Role", "name", "config-reader"), "subject", Map.of("kind", "User", "name", "alice")));
        assertThat(assignment.status()).as(assignment.body().toString()).isEqualTo(201);
        String assignmentId = assignment.body().path("assignment").path("id").asText();

        // Then alice's effective permissions in the namespace include the role's rules, and the binding exists
        PlatformClient.Answer permissions = E2e.API.get("/api/v1/rbac/permissions?subject=User:alice&namespace=" + namespace,
                "rbac-admin");
        assertThat(permissions.status()).isEqualTo(200);
        assertThat(permissions.body().path("rules").toString()).contains("configmaps").contains("list");
        try (KubernetesClient kubernetes = E2e.kubernetes()) {
            assertThat(kubernetes.rbac().roles().inNamespace(namespace).withName("config-reader").get()).isNotNull();
            assertThat(kubernetes.rbac().roleBindings().inNamespace(namespace).list().getItems())
                    .anySatisfy(binding -> assertThat(binding.getSubjects()).anySatisfy(subject ->
                            assertThat(subject.getName()).isEqualTo("alice")));
        }

        // When the assignment is revoked, alice's binding goes
        assertThat(E2e.API.delete("/api/v1/rbac/assignments/" + assignmentId, "rbac-admin").status()).isEqualTo(204);
        await("alice unbound").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (KubernetesClient kubernetes = E2e.kubernetes()) {
                assertThat(kubernetes.rbac().roleBindings().inNamespace(namespace).list().getItems())
                        .noneSatisfy(binding -> assertThat(binding.getSubjects()).anySatisfy(subject ->
                                assertThat(subject.getName()).isEqualTo("alice")));
            }
        });

        // And only RBAC admins may do this
        assertThat(E2e.API.post("/api/v1/rbac/roles", "team-payments", Map.of("kind", "Role", "name", "x",
                "namespace", namespace, "rules", List.of())).status()).isEqualTo(403);
    }
}
