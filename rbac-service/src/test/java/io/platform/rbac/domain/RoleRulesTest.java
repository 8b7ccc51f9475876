package io.platform.rbac.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleRulesTest {

    private final RoleRules rules = new RoleRules(RuleCatalog.standard());

    @Test
    void aWellFormedRoleHasNoViolations() {
        assertThat(rules.validateRole("Role", "deployer", "payments-api", "ships releases", List.of(
                new AccessRule(List.of("apps"), List.of("deployments", "deployments/scale"), List.of("get", "list", "patch")),
                new AccessRule(List.of(""), List.of("pods", "pods/log"), List.of("get", "list", "watch")),
                new AccessRule(List.of(""), List.of("configmaps"), List.of("get"), List.of("app-config"))))).isEmpty();
        assertThat(rules.validateRole("ClusterRole", "node-reader", null, null,
                List.of(new AccessRule(List.of(""), List.of("nodes"), List.of("get", "list"))))).isEmpty();
    }

    @Test
    void everyBadFieldIsNamedWithItsCode() {
        List<FieldViolation> violations = rules.validateRole("Roll", "Bad Name", null, null, List.of(
                new AccessRule(List.of("appz"), List.of("deployments"), List.of("get", "yeet")),
                new AccessRule(List.of(""), List.of("pods", "unicorns"), List.of()),
                new AccessRule(List.of(), List.of(), List.of("escalate"))));

        assertThat(violations).extracting(v -> v.field() + ":" + v.code()).containsExactlyInAnyOrder(
                "kind:pattern", "name:pattern",
                "rules[0].apiGroups[0]:unknown-api-group", "rules[0].resources[0]:unknown-resource",
                "rules[0].verbs[1]:unknown-verb",
                "rules[1].resources[1]:unknown-resource", "rules[1].verbs:required",
                "rules[2].apiGroups:required", "rules[2].resources:required", "rules[2].verbs[0]:forbidden-verb");
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    }

    @Test
    void aNamespacedRoleCannotGrantClusterScopedResources() {
        assertThat(rules.validateRole("Role", "sneaky", "payments-api", null,
                List.of(new AccessRule(List.of(""), List.of("nodes", "pods"), List.of("get")))))
                .extracting(v -> v.field() + ":" + v.code()).containsExactly("rules[0].resources[0]:cluster-scoped");
    }

    @Test
    void builtInRoleNamesAreReservedAndANamespaceIsRequiredForARoleOnly() {
        assertThat(rules.validateRole("ClusterRole", "cluster-admin", "payments-api", null,
                List.of(new AccessRule(List.of("*"), List.of("*"), List.of("*")))))
                .extracting(v -> v.field() + ":" + v.code()).containsExactly("name:reserved", "namespace:not-allowed");
        assertThat(rules.validateRole("Role", "reader", null, null,
                List.of(new AccessRule(List.of(""), List.of("pods"), List.of("get")))))
                .extracting(v -> v.field() + ":" + v.code()).containsExactly("namespace:required");
        assertThat(rules.validateRole("Role", "reader", "payments-api", null, List.of()))
                .extracting(v -> v.field() + ":" + v.code()).containsExactly("rules:required");
    }

    @Test
    void resourcesOfCustomResourceDefinitionsCanBeConfigured() {
        RoleRules withCrds = new RoleRules(new RuleCatalog(Map.of("monitoring.coreos.com", List.of("servicemonitors")),
                Set.of()));

        assertThat(withCrds.validateRole("Role", "monitoring", "payments-api", null, List.of(new AccessRule(
                List.of("monitoring.coreos.com"), List.of("servicemonitors"), List.of("create", "escalate"))))).isEmpty();
    }

    @Test
    void anAssignmentNeedsANamespaceARoleAndAUserOrGroup() {
        assertThat(rules.validateAssignment("payments-api", "ClusterRole", "view", "User", "alice@example.com")).isEmpty();
        assertThat(rules.validateAssignment("Payments", "Thing", "", "Robot", " bob"))
                .extracting(v -> v.field() + ":" + v.code()).containsExactly("namespace:pattern", "role.kind:pattern",
                        "role.name:required", "subject.kind:pattern", "subject.name:pattern");
    }
}
