package io.platform.rbac.config;

import io.platform.rbac.domain.RbacSettings;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code platform.rbac.*}: how teams map onto Kubernetes RBAC.
 *
 * @param groupPrefix prefix of the IdP group holding a team's members ({@code team-} gives {@code team-payments})
 * @param clusterRole the ClusterRole a team is bound to in its own namespaces
 */
@Validated
@ConfigurationProperties("platform.rbac")
public record RbacProperties(
        @NotBlank @DefaultValue("team-") String groupPrefix,
        @NotBlank @Pattern(regexp = "^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$", message = "must be a ClusterRole name")
        @DefaultValue("admin") String clusterRole) {

    public RbacSettings toSettings() {
        return new RbacSettings(groupPrefix, clusterRole);
    }
}
