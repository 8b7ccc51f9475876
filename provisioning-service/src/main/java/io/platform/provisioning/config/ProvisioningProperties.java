package io.platform.provisioning.config;

import io.platform.provisioning.domain.PodSecurityLevel;
import io.platform.provisioning.domain.PolicySettings;
import io.platform.rules.Environment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code platform.provisioning.*}: policy choices of the platform that no request makes, and how the saga runs.
 *
 * @param podSecurity          Pod Security Admission level ({@code restricted | baseline | privileged}) per environment
 * @param monitoringNamespaces the label of namespaces (monitoring) that may reach every isolated namespace
 * @param catalogWait          how long a request waits for the catalog replica to load after start-up before it is
 *                             retried
 * @param deadline             a request not finished this long after its (current attempt's) start fails and is
 *                             compensated
 * @param kubernetesRetry      in-process retries of a step whose API calls failed transiently (409, 429, 5xx, timeouts)
 * @param supervisor           the background sweep that fails requests past their deadline, resumes stalled ones and
 *                             finishes deletions once the namespace is gone
 * @param deletion             what a deletion removes besides the platform's own objects
 */
@Validated
@ConfigurationProperties("platform.provisioning")
public record ProvisioningProperties(
        @Valid @NotNull @DefaultValue PodSecurity podSecurity,
        @Valid @NotNull @DefaultValue MonitoringNamespaces monitoringNamespaces,
        @NotNull @DefaultValue("60s") Duration catalogWait,
        @NotNull @DefaultValue("2m") Duration deadline,
        @Valid @NotNull @DefaultValue KubernetesRetry kubernetesRetry,
        @Valid @NotNull @DefaultValue Supervisor supervisor,
        @Valid @NotNull @DefaultValue Deletion deletion) {

    private static final String LEVEL = "^(restricted|baseline|privileged)$";
    private static final String LEVEL_MESSAGE = "must be one of restricted, baseline, privileged";

    /** The defaults of the saga's timing with the given policy choices. */
    public static ProvisioningProperties of(PodSecurity podSecurity, MonitoringNamespaces monitoringNamespaces,
                                            Duration catalogWait) {
        return new ProvisioningProperties(podSecurity, monitoringNamespaces, catalogWait, Duration.ofMinutes(2),
                new KubernetesRetry(4, Duration.ofMillis(200), Duration.ofSeconds(3), Duration.ofSeconds(10)),
                new Supervisor(Duration.ofSeconds(5), Duration.ofSeconds(15)), new Deletion(List.of()));
    }

    public record PodSecurity(
            @NotNull @Pattern(regexp = LEVEL, message = LEVEL_MESSAGE) @DefaultValue("baseline") String development,
            @NotNull @Pattern(regexp = LEVEL, message = LEVEL_MESSAGE) @DefaultValue("baseline") String staging,
            @NotNull @Pattern(regexp = LEVEL, message = LEVEL_MESSAGE) @DefaultValue("restricted") String production) {
    }

    public record MonitoringNamespaces(
            @NotBlank @DefaultValue("platform.io/monitoring") String labelKey,
            @NotNull @DefaultValue("true") String labelValue) {
    }

    /**
     * @param attempts       tries of a step before its failure is left to the consumer's error handler and the
     *                       deadline
     * @param initialDelay   first back-off (doubling)
     * @param maxDelay       back-off ceiling
     * @param requestTimeout how long one API call may take before it counts as a (transient) timeout; the client's
     *                       own retries are switched off, so this back-off is the only one
     */
    public record KubernetesRetry(
            @Min(1) @DefaultValue("4") int attempts,
            @NotNull @DefaultValue("200ms") Duration initialDelay,
            @NotNull @DefaultValue("3s") Duration maxDelay,
            @NotNull @DefaultValue("10s") Duration requestTimeout) {
    }

    /**
     * @param interval    how often the sweep runs
     * @param resumeAfter a request in progress without a transition for this long is driven again
     */
    public record Supervisor(
            @NotNull @DefaultValue("5s") Duration interval,
            @NotNull @DefaultValue("15s") Duration resumeAfter) {
    }

    /**
     * @param sweptKinds namespaced kinds ({@code group/version/plural}, core kinds as {@code v1/plural}) deleted before
     *                   the Namespace itself: a real API server's namespace deletion cascades to them, the CRUD mock's
     *                   does not. Keep it to kinds the service account may list and delete (the default matches the
     *                   deployment's ClusterRole; no Secrets, listing them would mean reading every Secret); a kind it
     *                   may not list is skipped.
     */
    public record Deletion(
            @NotNull @DefaultValue({"apps/v1/deployments", "apps/v1/statefulsets", "batch/v1/cronjobs", "v1/services",
                    "v1/configmaps", "v1/persistentvolumeclaims", "networking.k8s.io/v1/ingresses"})
            List<@Pattern(regexp = "^([a-z0-9.-]+/)?v[0-9a-z]+/[a-z0-9]+$", message = "must be group/version/plural or v1/plural")
                    String> sweptKinds) {
    }

    public PolicySettings toPolicySettings() {
        return new PolicySettings(Map.of(
                Environment.DEVELOPMENT, level(podSecurity.development()),
                Environment.STAGING, level(podSecurity.staging()),
                Environment.PRODUCTION, level(podSecurity.production())),
                monitoringNamespaces.labelKey(), monitoringNamespaces.labelValue());
    }

    private static PodSecurityLevel level(String value) {
        return PodSecurityLevel.fromValue(value).orElseThrow(() -> new IllegalArgumentException(value + ": " + LEVEL_MESSAGE));
    }
}
