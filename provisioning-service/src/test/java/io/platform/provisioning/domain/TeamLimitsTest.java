package io.platform.provisioning.domain;

import static io.platform.provisioning.domain.TestCatalog.LARGE;
import static io.platform.provisioning.domain.TestCatalog.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeamLimitsTest {

    @Test
    void unlimitedByDefault() {
        assertThat(TeamLimits.unlimited().check("payments", 500, List.of(LARGE, LARGE), LARGE, true)).isEmpty();
    }

    @Test
    void namespaceCountCountsOnlyNewNamespaces() {
        TeamLimits limits = new TeamLimits(new TeamLimit(2, null, null), Map.of());

        assertThat(limits.check("payments", 1, List.of(SMALL), SMALL, true)).isEmpty();
        assertThat(limits.check("payments", 2, List.of(SMALL, SMALL), SMALL, true)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("team");
            assertThat(v.code()).isEqualTo("team-limit");
            assertThat(v.message()).isEqualTo("max-namespaces: team 'payments' already holds 2 namespaces and may hold at most 2");
        });
        assertThat(limits.check("payments", 2, List.of(SMALL, SMALL), LARGE, false)).isEmpty();
    }

    @Test
    void summedTierQuotaIsLimitedForCpuAndMemory() {
        TeamLimits atTheLimit = new TeamLimits(TeamLimit.unlimited(), Map.of("payments", new TeamLimit(null, "10", "20Gi")));
        TeamLimits belowIt = new TeamLimits(TeamLimit.unlimited(), Map.of("payments", new TeamLimit(null, "9500m", "19Gi")));

        assertThat(atTheLimit.check("payments", 1, List.of(SMALL), LARGE, true)).isEmpty();
        assertThat(belowIt.check("payments", 1, List.of(SMALL), LARGE, true))
                .extracting(violation -> violation.field() + " " + violation.code() + " " + violation.message())
                .containsExactly(
                        "tier team-limit max-cpu: the tier quotas of team 'payments' would sum to 10 CPU and may sum to "
                                + "at most 9.5 CPU (tier 'large' has 8)",
                        "tier team-limit max-memory: the tier quotas of team 'payments' would sum to 20Gi of memory and "
                                + "may sum to at most 19Gi (tier 'large' has 16Gi)");
    }

    @Test
    void aTeamsOwnLimitsOverrideTheDefaultsOneByOne() {
        TeamLimits limits = new TeamLimits(new TeamLimit(3, "4", null), Map.of("payments", new TeamLimit(null, "100", null)));

        assertThat(limits.of("payments")).isEqualTo(new TeamLimit(3, "100", null));
        assertThat(limits.of("search")).isEqualTo(new TeamLimit(3, "4", null));
    }
}
