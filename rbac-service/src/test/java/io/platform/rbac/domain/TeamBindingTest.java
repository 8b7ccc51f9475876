package io.platform.rbac.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TeamBindingTest {

    @Test
    void bindsTheTeamsGroupToTheAdminClusterRoleByDefault() {
        TeamBinding binding = TeamBinding.forTeam("payments-api", "payments", "req-1", RbacSettings.defaults());

        assertThat(binding.namespace()).isEqualTo("payments-api");
        assertThat(binding.name()).isEqualTo("team-payments-admin");
        assertThat(binding.subjectGroup()).isEqualTo("team-payments");
        assertThat(binding.clusterRole()).isEqualTo("admin");
        assertThat(binding.team()).isEqualTo("payments");
        assertThat(binding.requestId()).isEqualTo("req-1");
    }

    @Test
    void groupPrefixAndClusterRoleAreConfigurable() {
        TeamBinding binding = TeamBinding.forTeam("search-api", "search", "req-2", new RbacSettings("k8s-", "edit"));

        assertThat(binding.subjectGroup()).isEqualTo("k8s-search");
        assertThat(binding.clusterRole()).isEqualTo("edit");
        assertThat(binding.name()).isEqualTo("team-search-admin");
    }

    @Test
    void namespaceWithoutTeamCannotBeBound() {
        assertThatThrownBy(() -> TeamBinding.forTeam("orphan", " ", "req-3", RbacSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusedOutcomeNeedsAReason() {
        TeamBinding binding = TeamBinding.forTeam("payments-api", "payments", "req-1", RbacSettings.defaults());

        assertThatThrownBy(() -> BindingOutcome.refused("e-1", "actor", binding, "", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(BindingOutcome.refused("e-1", "actor", binding, "HTTP 403", Instant.now()).applied()).isFalse();
        assertThat(BindingOutcome.applied("e-1", "actor", binding, Instant.now()).published()).isFalse();
    }
}
