package io.platform.provisioning.domain;

import io.platform.rules.Environment;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The platform's policy choices that are not part of a request: the Pod Security level per environment and the label
 * that marks the monitoring namespaces allowed to scrape every namespace.
 */
public record PolicySettings(Map<Environment, PodSecurityLevel> podSecurity, String monitoringLabelKey,
                             String monitoringLabelValue) {

    public PolicySettings {
        podSecurity = new EnumMap<>(podSecurity);
        for (Environment environment : Environment.values()) {
            if (!podSecurity.containsKey(environment)) {
                throw new IllegalArgumentException("no Pod Security level for " + environment.value());
            }
        }
        podSecurity = Map.copyOf(podSecurity);
        Objects.requireNonNull(monitoringLabelKey);
        Objects.requireNonNull(monitoringLabelValue);
    }

    /** {@code restricted} for production, {@code baseline} otherwise; monitoring namespaces {@code platform.io/monitoring=true}. */
    public static PolicySettings defaults() {
        return new PolicySettings(Map.of(
                Environment.DEVELOPMENT, PodSecurityLevel.BASELINE,
                Environment.STAGING, PodSecurityLevel.BASELINE,
                Environment.PRODUCTION, PodSecurityLevel.RESTRICTED),
                "platform.io/monitoring", "true");
    }

    public PodSecurityLevel podSecurityFor(Environment environment) {
        return podSecurity.get(environment);
    }
}
