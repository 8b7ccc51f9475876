package io.platform.rbac.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PermissionsTest {

    @Test
    void rulesForTheSameResourcesAreMergedAndWildcardsWin() {
        Permissions.Grant view = new Permissions.Grant("b1", "assignment:1", RoleKind.CLUSTER_ROLE, "pod-reader",
                SubjectKind.USER, "alice", true,
                List.of(new AccessRule(List.of(""), List.of("pods"), List.of("list", "get"))));
        Permissions.Grant edit = new Permissions.Grant("b2", "assignment:2", RoleKind.ROLE, "pod-editor",
                SubjectKind.GROUP, "oncall", true, List.of(
                new AccessRule(List.of(""), List.of("pods"), List.of("delete", "get")),
                new AccessRule(List.of("apps"), List.of("deployments"), List.of("*", "get"))));

        assertThat(Permissions.aggregate(List.of(view, edit))).containsExactly(
                new AccessRule(List.of(""), List.of("pods"), List.of("delete", "get", "list")),
                new AccessRule(List.of("apps"), List.of("deployments"), List.of("*")));
    }

    @Test
    void aBindingAppliesToItsSubjectAndToMembersOfItsGroup() {
        assertThat(Permissions.applies(SubjectKind.USER, "alice", SubjectKind.USER, "alice", List.of())).isTrue();
        assertThat(Permissions.applies(SubjectKind.GROUP, "oncall", SubjectKind.USER, "alice", List.of("oncall"))).isTrue();
        assertThat(Permissions.applies(SubjectKind.USER, "bob", SubjectKind.USER, "alice", List.of("bob"))).isFalse();
        assertThat(Permissions.applies(SubjectKind.GROUP, "team-x", SubjectKind.GROUP, "team-x", List.of())).isTrue();
    }

    @Test
    void subjectsAreKindAndNameOrAUserName() {
        assertThat(Permissions.parseSubject("Group:team-payments")).contains(Map.entry(SubjectKind.GROUP, "team-payments"));
        assertThat(Permissions.parseSubject("user:alice")).contains(Map.entry(SubjectKind.USER, "alice"));
        assertThat(Permissions.parseSubject("system:serviceaccount:ci:deployer"))
                .contains(Map.entry(SubjectKind.USER, "system:serviceaccount:ci:deployer"));
        assertThat(Permissions.parseSubject(" ")).isEmpty();
    }

    @Test
    void anAssignmentsIdAndBindingNameFollowFromWhatItBinds() {
        Assignment first = Assignment.of("payments-api", RoleKind.CLUSTER_ROLE, "view", SubjectKind.USER, "alice", "r1",
                "admin", java.time.Instant.EPOCH);
        Assignment again = Assignment.of("payments-api", RoleKind.CLUSTER_ROLE, "view", SubjectKind.USER, "alice", "r2",
                "admin", java.time.Instant.EPOCH);
        Assignment other = Assignment.of("payments-api", RoleKind.CLUSTER_ROLE, "view", SubjectKind.GROUP, "alice", "r3",
                "admin", java.time.Instant.EPOCH);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(other.id()).isNotEqualTo(first.id());
        assertThat(first.roleBinding()).matches("^platform-view-[0-9a-f]{10}$");
        assertThat(Assignment.of("ns", RoleKind.ROLE, "a.very.long.role.name.that.goes.on.and.on.and.on", SubjectKind.USER,
                "x", "r", "a", java.time.Instant.EPOCH).roleBinding()).hasSizeLessThanOrEqualTo(53);
    }
}
