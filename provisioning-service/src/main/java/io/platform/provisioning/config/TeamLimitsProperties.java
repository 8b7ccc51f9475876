package io.platform.provisioning.config;

import io.platform.provisioning.domain.TeamLimit;
import io.platform.provisioning.domain.TeamLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code platform.provisioning.team-limits.*}: what each team may hold. Unset limits are unlimited.
 * <pre>
 * platform.provisioning.team-limits:
 *   defaults: {max-namespaces: 20}
 *   teams:
 *     payments: {max-namespaces: 5, max-cpu: "16", max-memory: 32Gi}
 * </pre>
 *
 * @param defaults limits of every team without its own value
 * @param teams    per team, overriding the defaults limit by limit
 */
@Validated
@ConfigurationProperties("platform.provisioning.team-limits")
public record TeamLimitsProperties(
        @Valid @NotNull @DefaultValue Limit defaults,
        @NotNull @DefaultValue Map<String, @Valid Limit> teams) {

    private static final String QUANTITY = "^([0-9]+(\\.[0-9]+)?)([eE][0-9]+|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$";

    /**
     * @param maxNamespaces live namespaces (pending, provisioning, ready, updating, deleting)
     * @param maxCpu        sum of the tiers' CPU quotas, a Kubernetes quantity ({@code 16}, {@code 12500m})
     * @param maxMemory     sum of the tiers' memory quotas, a Kubernetes quantity ({@code 64Gi})
     */
    public record Limit(
            @Min(0) Integer maxNamespaces,
            @Pattern(regexp = QUANTITY, message = "must be a Kubernetes quantity such as 16 or 12500m") String maxCpu,
            @Pattern(regexp = QUANTITY, message = "must be a Kubernetes quantity such as 64Gi") String maxMemory) {

        TeamLimit toTeamLimit() {
            return new TeamLimit(maxNamespaces, maxCpu, maxMemory);
        }
    }

    public TeamLimits toTeamLimits() {
        Map<String, TeamLimit> perTeam = new LinkedHashMap<>();
        teams.forEach((team, limit) -> perTeam.put(team, limit.toTeamLimit()));
        return new TeamLimits(defaults.toTeamLimit(), perTeam);
    }
}
