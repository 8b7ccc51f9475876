package io.platform.provisioning.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code platform.provisioning.drift.*}: repairing what was changed by hand.
 *
 * @param enabled        watch managed objects and repair them (one replica at a time, elected through a Lease)
 * @param resyncInterval every namespace the platform manages is compared with the cluster this often, besides the
 *                       informers' immediate reaction to a change. A full pass reads each managed object once (four
 *                       reads per namespace), so this is a safety net, not the repair path: keep it in minutes
 * @param debounce       changes of one namespace within this time are repaired together
 * @param lease          the Lease of the leader election
 */
@Validated
@ConfigurationProperties("platform.provisioning.drift")
public record DriftProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("5m") Duration resyncInterval,
        @NotNull @DefaultValue("300ms") Duration debounce,
        @Valid @NotNull @DefaultValue Lease lease) {

    /**
     * @param namespace     where the Lease lives: the service's own namespace ({@code POD_NAMESPACE} on a real cluster)
     * @param name          the Lease's name, shared by every replica
     * @param duration      how long a leader's claim lasts without renewal
     * @param renewDeadline how long the leader tries to renew before it steps down
     * @param retryPeriod   how often candidates try to acquire it
     */
    public record Lease(
            @NotBlank @DefaultValue("platform-system") String namespace,
            @NotBlank @DefaultValue("provisioning-service-drift") String name,
            @NotNull @DefaultValue("15s") Duration duration,
            @NotNull @DefaultValue("10s") Duration renewDeadline,
            @NotNull @DefaultValue("2s") Duration retryPeriod) {
    }
}
