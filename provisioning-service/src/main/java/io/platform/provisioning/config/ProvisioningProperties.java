package io.platform.provisioning.config;

import io.platform.provisioning.domain.PodSecurityLevel;
import io.platform.provisioning.domain.PolicySettings;
import io.platform.rules.Environment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code platform.provisioning.*}: policy choices of the platform that no request makes.
 *
 * @param podSecurity          Pod Security Admission level ({@code restricted | baseline | privileged}) per environment
 * @param monitoringNamespaces the label of namespaces (monitoring) that may reach every isolated namespace
 * @param catalogWait          how long a request waits for the catalog replica to load after start-up before it is
 *                             retried
 */
@Validated
@ConfigurationProperties("platform.provisioning")
public record ProvisioningProperties(
        @Valid @NotNull @DefaultValue PodSecurity podSecurity,
        @Valid @NotNull @DefaultValue MonitoringNamespaces monitoringNamespaces,
        @NotNull @DefaultValue("60s") Duration catalogWait) {

    private static final String LEVEL = "^(restricted|baseline|privileged)$";
    private static final String LEVEL_MESSAGE = "must be one of restricted, baseline, privileged";

    public record PodSecurity(
            @NotNull @Pattern(regexp = LEVEL, message = LEVEL_MESSAGE) @DefaultValue("baseline") String development,
            @NotNull @Pattern(regexp = LEVEL, message = LEVEL_MESSAGE) @DefaultValue("baseline") String staging,
            @NotNull @Pattern(regexp = LEVEL, message = LEVEL_MESSAGE) @DefaultValue("restricted") String production) {
    }

    public record MonitoringNamespaces(
            @NotBlank @DefaultValue("platform.io/monitoring") String labelKey,
            @NotNull @DefaultValue("true") String labelValue) {
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
