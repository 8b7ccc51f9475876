package io.platform.provisioning.domain;

import io.platform.rules.Violation;
import io.platform.rules.catalog.TierInfo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The configured limits per team ({@code platform.provisioning.team-limits}): a default for every team, overridden per
 * team. A request that would take a team over one of its limits is rejected with code {@code team-limit}, naming the
 * limit.
 */
public final class TeamLimits {

    public static final String CODE = "team-limit";

    private final TeamLimit defaults;
    private final Map<String, TeamLimit> teams;

    public TeamLimits(TeamLimit defaults, Map<String, TeamLimit> teams) {
        this.defaults = Objects.requireNonNull(defaults);
        this.teams = Map.copyOf(teams);
    }

    public static TeamLimits unlimited() {
        return new TeamLimits(TeamLimit.unlimited(), Map.of());
    }

    /** The team's own limits where set, the defaults otherwise (each of the three limits on its own). */
    public TeamLimit of(String team) {
        TeamLimit own = teams.get(team);
        if (own == null) {
            return defaults;
        }
        return new TeamLimit(
                own.maxNamespaces() != null ? own.maxNamespaces() : defaults.maxNamespaces(),
                own.maxCpu() != null ? own.maxCpu() : defaults.maxCpu(),
                own.maxMemory() != null ? own.maxMemory() : defaults.maxMemory());
    }

    /**
     * Checks a team's namespaces after a request.
     *
     * @param otherCount   the team's other live namespaces (the request's own namespace excluded)
     * @param others       their tiers
     * @param requested    the tier the request's namespace would have
     * @param newNamespace whether the request adds a namespace (create) or changes one (update)
     */
    public List<Violation> check(String team, int otherCount, List<TierInfo> others, TierInfo requested,
                                 boolean newNamespace) {
        TeamLimit limit = of(team);
        List<Violation> violations = new ArrayList<>();
        if (newNamespace && limit.maxNamespaces() != null && otherCount + 1 > limit.maxNamespaces()) {
            violations.add(new Violation("team", CODE, TeamLimit.MAX_NAMESPACES + ": team '" + team + "' already holds "
                    + otherCount + " namespace" + (otherCount == 1 ? "" : "s") + " and may hold at most "
                    + limit.maxNamespaces()));
        }
        if (limit.maxCpu() != null) {
            BigDecimal cpu = sum(others, requested, TierInfo::cpu);
            BigDecimal max = Quantities.parse(limit.maxCpu());
            if (cpu.compareTo(max) > 0) {
                violations.add(new Violation("tier", CODE, TeamLimit.MAX_CPU + ": the tier quotas of team '" + team
                        + "' would sum to " + Quantities.formatCpu(cpu) + " and may sum to at most "
                        + Quantities.formatCpu(max) + " (tier '" + requested.name() + "' has " + requested.cpu() + ")"));
            }
        }
        if (limit.maxMemory() != null) {
            BigDecimal memory = sum(others, requested, TierInfo::memory);
            BigDecimal max = Quantities.parse(limit.maxMemory());
            if (memory.compareTo(max) > 0) {
                violations.add(new Violation("tier", CODE, TeamLimit.MAX_MEMORY + ": the tier quotas of team '" + team
                        + "' would sum to " + Quantities.formatMemory(memory) + " of memory and may sum to at most "
                        + Quantities.formatMemory(max) + " (tier '" + requested.name() + "' has " + requested.memory() + ")"));
            }
        }
        return violations;
    }

    private static BigDecimal sum(List<TierInfo> others, TierInfo requested, java.util.function.Function<TierInfo, String> field) {
        BigDecimal total = Quantities.parse(field.apply(requested));
        for (TierInfo tier : others) {
            total = total.add(Quantities.parse(field.apply(tier)));
        }
        return total;
    }
}
