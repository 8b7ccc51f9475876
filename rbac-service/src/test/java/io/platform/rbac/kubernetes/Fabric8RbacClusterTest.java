package io.platform.rbac.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.platform.rbac.domain.AccessRule;
import io.platform.rbac.domain.Assignment;
import io.platform.rbac.domain.BindingShape;
import io.platform.rbac.domain.ClusterRefusedException;
import io.platform.rbac.domain.ClusterUnavailableException;
import io.platform.rbac.domain.CustomRole;
import io.platform.rbac.domain.RbacSettings;
import io.platform.rbac.domain.RoleKind;
import io.platform.rbac.domain.SubjectKind;
import io.platform.rbac.domain.TeamBinding;
import io.platform.test.kubernetes.MockKubernetes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The RoleBinding adapter against fabric8's CRUD mock API server. */
class Fabric8RbacClusterTest {

    private static MockKubernetes kubernetes;
    private static KubernetesClient client;
    private static Fabric8RbacCluster cluster;

    @BeforeAll
    static void start() {
        kubernetes = MockKubernetes.start();
        client = kubernetes.client();
        cluster = new Fabric8RbacCluster(client);
    }

    @AfterAll
    static void stop() {
        kubernetes.close();
    }

    @Test
    void writesTheTeamsRoleBinding() {
        cluster.applyBinding(TeamBinding.forTeam("payments-api", "payments", "req-1", RbacSettings.defaults()));

        RoleBinding binding = client.rbac().roleBindings().inNamespace("payments-api").withName("team-payments-admin").get();
        assertThat(binding.getMetadata().getLabels()).contains(entry("platform.io/managed", "true"),
                entry("app.kubernetes.io/managed-by", "namespace-platform"), entry("platform.io/team", "payments"));
        assertThat(binding.getMetadata().getAnnotations()).containsEntry("platform.io/request-id", "req-1");
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo("admin");
        assertThat(binding.getRoleRef().getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("Group");
            assertThat(subject.getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
            assertThat(subject.getName()).isEqualTo("team-payments");
        });
    }

    @Test
    void applyingAgainKeepsOneBinding() {
        TeamBinding binding = TeamBinding.forTeam("twice-api", "search", "req-2", RbacSettings.defaults());

        cluster.applyBinding(binding);
        cluster.applyBinding(binding);

        assertThat(client.rbac().roleBindings().inNamespace("twice-api").list().getItems()).hasSize(1);
    }

    @Test
    void bindingToAnotherRoleIsRecreatedBecauseRoleRefCannotChange() {
        cluster.applyBinding(TeamBinding.forTeam("role-change", "data", "req-3", new RbacSettings("team-", "edit")));
        String firstUid = client.rbac().roleBindings().inNamespace("role-change").withName("team-data-admin").get()
                .getMetadata().getUid();

        cluster.applyBinding(TeamBinding.forTeam("role-change", "data", "req-3", RbacSettings.defaults()));

        RoleBinding binding = client.rbac().roleBindings().inNamespace("role-change").withName("team-data-admin").get();
        assertThat(binding.getRoleRef().getName()).isEqualTo("admin");
        assertThat(binding.getMetadata().getUid()).isNotEqualTo(firstUid);
    }

    @Test
    void writesCustomRolesAndAssignmentsAndReadsThemBack() {
        CustomRole role = new CustomRole("id-1",
                RoleKind.ROLE, "custom", "deployer", null,
                List.of(new AccessRule(List.of("apps"),
                        List.of("deployments"), List.of("get", "patch"))),
                "req-1", "rbac-admin", Instant.EPOCH, Instant.EPOCH);
        Assignment assignment = Assignment.of("custom",
                RoleKind.ROLE, "deployer", SubjectKind.USER, "alice",
                "req-2", "rbac-admin", Instant.EPOCH);

        cluster.applyRole(role);
        cluster.applyAssignment(assignment);

        assertThat(cluster.observeRole(RoleKind.ROLE, "custom", "deployer")).contains(role.rules());
        assertThat(cluster.observeBinding("custom", assignment.roleBinding()))
                .contains(BindingShape.of(assignment));
        assertThat(cluster.managedBindings("custom")).containsExactly(assignment.roleBinding());
        assertThat(cluster.existsUnmanaged(RoleKind.ROLE, "custom", "deployer")).isFalse();

        cluster.removeBinding("custom", assignment.roleBinding());
        cluster.removeRole(RoleKind.ROLE, "custom", "deployer");

        assertThat(cluster.observeBinding("custom", assignment.roleBinding())).isEmpty();
        assertThat(cluster.observeRole(RoleKind.ROLE, "custom", "deployer")).isEmpty();
    }

    @Test
    void aClusterRoleThePlatformDidNotCreateIsRecognised() {
        client.rbac().clusterRoles().resource(new ClusterRoleBuilder()
                .withNewMetadata().withName("someone-elses").endMetadata().build()).create();

        assertThat(cluster.existsUnmanaged(RoleKind.CLUSTER_ROLE, null, "someone-elses")).isTrue();
        assertThat(cluster.existsUnmanaged(RoleKind.CLUSTER_ROLE, null, "nobodys")).isFalse();
        assertThat(cluster.clusterRoleRules("someone-elses")).contains(List.of());
        // the CRUD mock has none of a real cluster's built-in ClusterRoles
        assertThat(cluster.clusterRoleRules("view")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 422})
    void refusalsOverHttpAreFinal(int code) {
        kubernetes.faults().fail("POST", "/rolebindings", code, 1);

        assertThatThrownBy(() -> cluster.applyBinding(
                        TeamBinding.forTeam("refused-" + code, "payments", "req", RbacSettings.defaults())))
                .isInstanceOf(ClusterRefusedException.class).hasMessageContaining("HTTP " + code);
    }

    @ParameterizedTest
    @ValueSource(ints = {409, 429, 503})
    void transientAnswersOverHttpAreRetried(int code) {
        kubernetes.faults().fail("GET", "/rolebindings/team-payments-admin", code, 1);

        assertThatThrownBy(() -> cluster.applyBinding(
                        TeamBinding.forTeam("transient-" + code, "payments", "req", RbacSettings.defaults())))
                .isInstanceOf(ClusterUnavailableException.class);
        cluster.applyBinding(TeamBinding.forTeam("transient-" + code, "payments", "req", RbacSettings.defaults()));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 422})
    void refusalsAreFinal(int code) {
        assertThat(Fabric8RbacCluster.translate("RoleBinding x", error(code))).isInstanceOf(ClusterRefusedException.class)
                .hasMessageContaining("HTTP " + code);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 409, 429, 500, 503})
    void conflictsThrottlingServerErrorsAndTimeoutsAreRetried(int code) {
        assertThat(Fabric8RbacCluster.translate("RoleBinding x", error(code))).isInstanceOf(ClusterUnavailableException.class);
    }

    private static KubernetesClientException error(int code) {
        return new KubernetesClientException("failure", code, new StatusBuilder().withCode(code).withMessage("m").build());
    }
}
