package io.platform.rbac.config;

import io.platform.rbac.domain.RbacSettings;
import io.platform.rbac.domain.RuleCatalog;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code platform.rbac.*}: how teams map onto Kubernetes RBAC, what the RBAC API allows, and drift repair.
 *
 * @param groupPrefix            prefix of the IdP group holding a team's members ({@code team-} gives
 *                               {@code team-payments})
 * @param clusterRole            the ClusterRole a team is bound to in its own namespaces
 * @param assignableClusterRoles built-in ClusterRoles the API may assign besides custom ones
 * @param extraResources         namespaced resources of custom resource definitions custom roles may name, per API
 *                               group ({@code monitoring.coreos.com: [servicemonitors, prometheusrules]})
 * @param forbiddenVerbs         verbs custom roles may not grant (they would let holders widen their own rights)
 * @param requestTimeout         how long one Kubernetes API call may take; the client's own retries are off
 * @param drift                  repairing bindings and roles changed by hand
 */
@Validated
@ConfigurationProperties("platform.rbac")
public record RbacProperties(
        @NotBlank @DefaultValue("team-") String groupPrefix,
        @NotBlank @Pattern(regexp = "^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$", message = "must be a ClusterRole name")
        @DefaultValue("admin") String clusterRole,
        @NotNull @DefaultValue({"admin", "edit", "view"}) List<@NotBlank String> assignableClusterRoles,
        @NotNull @DefaultValue Map<String, List<String>> extraResources,
        @NotNull @DefaultValue({"escalate", "bind", "impersonate"}) Set<String> forbiddenVerbs,
        @NotNull @DefaultValue("10s") Duration requestTimeout,
        @Valid @NotNull @DefaultValue Drift drift) {

    public RbacSettings toSettings() {
        return new RbacSettings(groupPrefix, clusterRole);
    }

    public RuleCatalog toRuleCatalog() {
        return new RuleCatalog(extraResources, forbiddenVerbs);
    }

    /**
     * @param enabled        watch managed RoleBindings, Roles and ClusterRoles and repair them (one replica at a time)
     * @param resyncInterval a full pass runs this often besides the informers' reaction to a change
     * @param debounce       changes within this time are repaired by one pass
     * @param lease          the Lease of the leader election
     */
    public record Drift(
            @DefaultValue("true") boolean enabled,
            @NotNull @DefaultValue("5m") Duration resyncInterval,
            @NotNull @DefaultValue("500ms") Duration debounce,
            @Valid @NotNull @DefaultValue Lease lease) {
    }

    /**
     * @param namespace     where the Lease lives: the service's own namespace ({@code POD_NAMESPACE} on a real cluster)
     * @param name          the Lease's name, shared by every replica
     * @param duration      how long a leader's claim lasts without renewal
     * @param renewDeadline how long the leader tries to renew before it steps down
     * @param retryPeriod   how often candidates try to acquire it
     */
    public record Lease(
            @NotBlank @DefaultValue("platform-system") String namespace,
            @NotBlank @DefaultValue("rbac-service-drift") String name,
            @NotNull @DefaultValue("15s") Duration duration,
            @NotNull @DefaultValue("10s") Duration renewDeadline,
            @NotNull @DefaultValue("2s") Duration retryPeriod) {
    }
}
